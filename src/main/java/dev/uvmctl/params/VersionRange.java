package dev.uvmctl.params;

/** An inclusive run of driver releases, {@code first..last}, as the catalog writes them. */
public record VersionRange(DriverVersion first, DriverVersion last) {

    /** Parses {@code 515.43.04..525.147.05}. */
    public static VersionRange parse(String s) {
        String t = s.trim();
        int dots = t.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("not a release range: " + s);
        }
        return new VersionRange(DriverVersion.of(t.substring(0, dots)), DriverVersion.of(t.substring(dots + 2)));
    }

    public boolean contains(DriverVersion v) {
        return !v.isBefore(first) && !v.isAfter(last);
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
