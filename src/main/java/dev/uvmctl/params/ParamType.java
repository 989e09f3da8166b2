package dev.uvmctl.params;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * The kernel's module-parameter types that nvidia-uvm uses, with the kernel's own rules for
 * what a value may be: integers through {@code kstrto*()} with base 0 (decimal, {@code 0x} hex,
 * leading-0 octal), booleans through {@code kstrtobool()}; see {@code kernel/params.c}.
 */
public enum ParamType {
    INT("int", BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)),
    UINT("uint", BigInteger.ZERO, BigInteger.valueOf(0xffffffffL)),
    ULONG("ulong", BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
    BOOL("bool", null, null),
    CHARP("charp", null, null);

    private final String kernelName;
    private final BigInteger min;
    private final BigInteger max;

    ParamType(String kernelName, BigInteger min, BigInteger max) {
        this.kernelName = kernelName;
        this.min = min;
        this.max = max;
    }

    /** The name modinfo and the kernel use: {@code int}, {@code uint}, {@code bool}, … */
    public String kernelName() {
        return kernelName;
    }

    public static Optional<ParamType> parse(String s) {
        for (ParamType t : values()) {
            if (t.kernelName.equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Why the kernel would refuse {@code value} for this type, or empty when it accepts it. */
    public Optional<String> rejects(String value) {
        if (this == CHARP) {
            return Optional.empty();
        }
        if (this == BOOL) {
            return bool(value).isPresent() ? Optional.empty()
                : Optional.of("'" + value + "' is not a bool (Y, N, 1, 0, on, off)");
        }
        Optional<BigInteger> n = integer(value);
        if (n.isEmpty()) {
            return Optional.of("'" + value + "' is not an integer (" + kernelName + ")");
        }
        if (n.get().compareTo(min) < 0 || n.get().compareTo(max) > 0) {
            return Optional.of("'" + value + "' is out of range for " + kernelName);
        }
        return Optional.empty();
    }

    /**
     * The value in one canonical form, so that {@code 0x10} and {@code 16}, or {@code 1} and
     * {@code Y}, compare equal; a value the type rejects is returned as written.
     */
    public String canonical(String value) {
        return switch (this) {
            case CHARP -> value;
            case BOOL -> bool(value).map(b -> b ? "Y" : "N").orElse(value);
            case INT, UINT, ULONG -> integer(value).map(BigInteger::toString).orElse(value);
        };
    }

    /**
     * The value as the driver's C tests it ({@code if (param)}): an integer is true unless it is
     * 0, a bool is its kstrtobool value; empty for a value the type rejects and for a string,
     * which C does not test this way.
     */
    public Optional<Boolean> truth(String value) {
        if (rejects(value).isPresent()) {
            return Optional.empty();
        }
        return switch (this) {
            case CHARP -> Optional.empty();
            case BOOL -> bool(value);
            case INT, UINT, ULONG -> integer(value).map(n -> n.signum() != 0);
        };
    }

    private static Optional<Boolean> bool(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        switch (v.charAt(0)) {
            case 'y':
            case '1':
                return Optional.of(true);
            case 'n':
            case '0':
                return Optional.of(false);
            case 'o':
                if (v.startsWith("on")) {
                    return Optional.of(true);
                }
                if (v.startsWith("of")) {
                    return Optional.of(false);
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static Optional<BigInteger> integer(String value) {
        String v = value.trim();
        boolean negative = false;
        if (v.startsWith("-") || v.startsWith("+")) {
            negative = v.startsWith("-");
            v = v.substring(1);
        }
        int radix = 10;
        if (v.startsWith("0x") || v.startsWith("0X")) {
            radix = 16;
            v = v.substring(2);
        } else if (v.length() > 1 && v.startsWith("0")) {
            radix = 8;
            v = v.substring(1);
        }
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigInteger n = new BigInteger(v, radix);
            return Optional.of(negative ? n.negate() : n);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
