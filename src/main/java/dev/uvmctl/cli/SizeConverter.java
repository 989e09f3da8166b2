package dev.uvmctl.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes on the command line: bytes ({@code 1048576}), or a number with a unit. {@code K},
 * {@code M}, {@code G}, {@code T} and {@code KiB}, {@code MiB}, ... are powers of 1024, as
 * nvidia-smi's MiB are; {@code kB}, {@code MB}, {@code GB}, {@code TB} are powers of 1000.
 * Fractions are allowed ({@code 1.5G}) and rounded down to whole bytes.
 */
public final class SizeConverter implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size: give bytes, or a number with a unit such as 64M or 1GiB");
        }
        BigDecimal multiplier = multiplier(m.group(2), value);
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(multiplier);
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new TypeConversionException("'" + value + "' is too large");
        }
        return bytes.longValue();
    }

    private static BigDecimal multiplier(String unit, String value) {
        if (unit.isEmpty() || unit.equalsIgnoreCase("b")) {
            return BigDecimal.ONE;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        int power = "kmgtp".indexOf(u.charAt(0)) + 1;
        String rest = u.substring(1);
        if (power == 0 || !(rest.isEmpty() || rest.equals("ib") || rest.equals("b"))) {
            throw new TypeConversionException("'" + value + "': unknown unit '" + unit
                + "' (K, M, G, T and KiB, MiB, GiB, TiB are powers of 1024; kB, MB, GB, TB powers of 1000)");
        }
        return BigDecimal.valueOf(rest.equals("b") ? 1000 : 1024).pow(power);
    }
}
