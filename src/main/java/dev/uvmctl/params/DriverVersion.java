package dev.uvmctl.params;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An NVIDIA driver release such as {@code 535.129.03}, compared component by component as
 * numbers. That is the order of {@code git tag --sort=version:refname} in the driver's
 * repository, which the catalog's release ranges use.
 */
public final class DriverVersion implements Comparable<DriverVersion> {
    private static final Pattern FORM = Pattern.compile("[0-9]{2,4}(\\.[0-9]{1,4}){1,3}");

    private final String text;
    private final int[] parts;

    private DriverVersion(String text, int[] parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Parses {@code 535.129.03} or {@code 440.31}; empty for anything else. */
    public static Optional<DriverVersion> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim();
        if (!FORM.matcher(t).matches()) {
            return Optional.empty();
        }
        String[] fields = t.split("\\.");
        int[] parts = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            parts[i] = Integer.parseInt(fields[i]);
        }
        return Optional.of(new DriverVersion(t, parts));
    }

    public static DriverVersion of(String s) {
        return parse(s).orElseThrow(() -> new IllegalArgumentException("not a driver version: " + s));
    }

    public int major() {
        return parts[0];
    }

    @Override
    public int compareTo(DriverVersion o) {
        return Arrays.compare(parts, o.parts);
    }

    public boolean isBefore(DriverVersion o) {
        return compareTo(o) < 0;
    }

    public boolean isAfter(DriverVersion o) {
        return compareTo(o) > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriverVersion v && Arrays.equals(parts, v.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    @Override
    public String toString() {
        return text;
    }
}
