package dev.uvmctl.kernellog;

/**
 * A {@code --since}/{@code --until} value: kernel seconds ({@code 1843.3}) compared with a
 * record's kernel time, or a wall-clock time ({@code 2026-11-27T12:00:00}, {@code 2026-11-27
 * 12:00}, {@code 11-27T12:00}) compared with a record's wall time. A record without the kind of
 * time the bound names does not match it: it cannot be shown to be in range.
 */
public record TimeBound(Long kernelMicros, WallTime wall) {

    /** Parses a bound; null when the text is neither form. */
    public static TimeBound parse(String text) {
        String t = text.strip();
        Long micros = t.contains(".") ? LineParser.seconds(t) : LineParser.digits(t) == null ? null : LineParser.digits(t) * 1_000_000;
        if (micros != null) {
            return new TimeBound(micros, null);
        }
        WallTime wall = wall(t);
        return wall == null ? null : new TimeBound(null, wall);
    }

    private static WallTime wall(String t) {
        String s = t.replace(' ', 'T');
        Integer year = null;
        if (s.length() >= 5 && s.charAt(4) == '-' && Character.isDigit(s.charAt(0))) {
            Long y = LineParser.digits(s.substring(0, 4));
            if (y == null) {
                return null;
            }
            year = y.intValue();
            s = s.substring(5);
        }
        String[] dateTime = s.split("T", 2);
        String[] md = dateTime[0].split("-", -1);
        if (md.length != 2) {
            return null;
        }
        Long month = LineParser.digits(md[0]);
        Long day = LineParser.digits(md[1]);
        int h = 0;
        int mi = 0;
        int sec = 0;
        if (dateTime.length == 2) {
            String[] hms = dateTime[1].split(":", -1);
            if (hms.length < 2 || hms.length > 3) {
                return null;
            }
            Long hh = LineParser.digits(hms[0]);
            Long mm = LineParser.digits(hms[1]);
            Long ss = hms.length == 3 ? LineParser.digits(hms[2]) : Long.valueOf(0);
            if (hh == null || mm == null || ss == null || hh > 23 || mm > 59 || ss > 59) {
                return null;
            }
            h = hh.intValue();
            mi = mm.intValue();
            sec = ss.intValue();
        }
        if (month == null || day == null || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        return new WallTime(year, month.intValue(), day.intValue(), h, mi, sec, 0, null);
    }

    /** -1, 0 or 1 as the record's time is before, at or after this bound; null when it cannot tell. */
    Integer compare(RecordOrigin o) {
        if (kernelMicros != null) {
            return o.kernelMicros() == null ? null : Long.compare(o.kernelMicros(), kernelMicros);
        }
        return o.wall() == null ? null : Integer.signum(o.wall().compareTo(wall));
    }
}
