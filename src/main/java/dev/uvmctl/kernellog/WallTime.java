package dev.uvmctl.kernellog;

import java.util.Locale;

/**
 * A wall-clock time as a log line wrote it. Syslog lines carry no year and often no zone, so
 * both may be unknown (null); nothing is filled in from the clock of the machine running
 * uvmctl. {@link #toString()} is ISO 8601: {@code 2026-04-22T21:27:51.291882381Z}, or
 * {@code --11-15T10:59:09} when the year is unknown (the ISO 8601 form for a date without a
 * year), with no offset when the zone is unknown.
 */
public record WallTime(Integer year, int month, int day, int hour, int minute, int second, int nanos,
                       Integer offsetMinutes) implements Comparable<WallTime> {

    public WallTime {
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60
            || hour < 0 || minute < 0 || second < 0 || nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("not a time of day: " + month + "-" + day + " " + hour + ":" + minute + ":" + second);
        }
    }

    /** Seconds since the start of the year, for comparisons that must ignore an unknown year. */
    long secondOfYear() {
        return ((((month * 32L + day) * 24 + hour) * 60 + minute) * 60) + second;
    }

    /**
     * Orders by year (unknown years compare equal to any year), then the rest. Offsets are ignored:
     * lines of one log share a zone, and a filter names times in that zone.
     */
    @Override
    public int compareTo(WallTime o) {
        if (year != null && o.year != null && !year.equals(o.year)) {
            return Integer.compare(year, o.year);
        }
        int c = Long.compare(secondOfYear(), o.secondOfYear());
        return c != 0 ? c : Integer.compare(nanos, o.nanos);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(36);
        if (year != null) {
            b.append(String.format(Locale.ROOT, "%04d", year));
        } else {
            b.append('-');
        }
        b.append(String.format(Locale.ROOT, "-%02d-%02dT%02d:%02d:%02d", month, day, hour, minute, second));
        if (nanos != 0) {
            String frac = String.format(Locale.ROOT, "%09d", nanos);
            int end = frac.length();
            while (end > 1 && frac.charAt(end - 1) == '0' && end > 6) {
                end--;
            }
            b.append('.').append(frac, 0, end);
        }
        if (offsetMinutes != null) {
            int off = offsetMinutes;
            if (off == 0) {
                b.append('Z');
            } else {
                b.append(off < 0 ? '-' : '+');
                off = Math.abs(off);
                b.append(String.format(Locale.ROOT, "%02d:%02d", off / 60, off % 60));
            }
        }
        return b.toString();
    }
}
