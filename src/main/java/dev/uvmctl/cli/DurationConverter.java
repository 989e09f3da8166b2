package dev.uvmctl.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line: seconds ({@code 90}), or numbers with units {@code ms},
 * {@code s}, {@code m}, {@code h}, {@code d}, combined as in {@code 1h30m}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        String v = value.trim();
        if (v.matches("[0-9]+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        Matcher m = PART.matcher(v);
        long nanos = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            nanos += (long) (n * unit(m.group(2)));
            at = m.end();
        }
        if (at != v.length() || v.isEmpty()) {
            throw new TypeConversionException("'" + value + "' is not a duration: give seconds, or a number with a unit such as 90s, 10m, 2h or 1h30m");
        }
        return Duration.ofNanos(nanos);
    }

    private static double unit(String unit) {
        switch (unit) {
            case "ms":
                return 1e6;
            case "s":
                return 1e9;
            case "m":
                return 60e9;
            case "h":
                return 3600e9;
            default:
                return 86400e9;
        }
    }
}
