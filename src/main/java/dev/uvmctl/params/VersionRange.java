package dev.uvmctl.params;

/** An inclusive run of driver releases, {@code first..last}, as the catalog writes them. */
public record VersionRange(DriverVersion first, DriverVersion last) {

    /** Parses {@code 515.43.04..525.147.05}. */
    public static VersionRange parse(String s) {
        String[] ends = s.trim().split("\\.\\.", 2);
        if (ends.length != 2) {
            throw new IllegalArgumentException("not a release range: " + s);
        }
        return new VersionRange(DriverVersion.of(ends[0]), DriverVersion.of(ends[1]));
    }

    public boolean contains(DriverVersion v) {
        return !v.isBefore(first) && !v.isAfter(last);
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
