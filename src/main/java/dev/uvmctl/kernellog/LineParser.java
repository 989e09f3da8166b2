package dev.uvmctl.kernellog;

import java.util.Locale;

/**
 * Reads the prefix of one kernel-log line in any of the text formats of {@link LineFormat}: the
 * timestamps, level, host and syslog tag, leaving the message. Stateless; never throws. A line
 * whose prefix starts like a timestamp but cannot be read gets a {@link LogLine#problem()}.
 */
final class LineParser {
    /** The most digits of a number {@link #digits} reads (a /dev/kmsg record's fields among them): less than Long.MAX_VALUE. */
    static final int MAX_DIGITS = 18;
    private static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};
    private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
        "uucp", "cron", "authpriv", "ftp", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"};

    LogLine parse(long number, String s) {
        if (s.isEmpty()) {
            return bare(number, s);
        }
        char c = s.charAt(0);
        if (c == ' ' || c == '\t') {
            return new LogLine(number, s, s, LineFormat.BARE, null, null, null, true, true, null);
        }
        if (c == '-' && s.startsWith("-- ") && s.endsWith(" --") || s.equals("-- Reboot --")) {
            return new LogLine(number, s, s, LineFormat.JOURNAL_MARKER, null, null, null, true, false, null);
        }
        if (c == '>') {
            return quoted(number, s);
        }
        LogLine r = prefixed(number, s, 0);
        if (r != null) {
            return r;
        }
        int rest = afterHost(s);
        if (rest > 0) {
            LogLine inner = prefixed(number, s, rest);
            if (inner != null && inner.problem() == null) {
                return new LogLine(number, s, inner.message(), LineFormat.REMOTE, inner.kernelMicros(), inner.wall(),
                    inner.level(), inner.kernel(), false, null);
            }
        }
        return bare(number, s);
    }

    /**
     * A line quoted with {@code > } (Markdown, e-mail; nested {@code > > }), as logs are pasted into
     * issues and mail: the line inside, read as it would be alone, with the quote in its raw text.
     */
    private LogLine quoted(long number, String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '>' || s.charAt(i) == ' ' && i > 0 && s.charAt(i - 1) == '>')) {
            i++;
        }
        LogLine inner = parse(number, s.substring(i));
        return new LogLine(number, s, inner.message(), inner.format(), inner.kernelMicros(), inner.wall(), inner.level(), inner.kernel(),
            inner.continuation(), inner.problem(), inner.bootId());
    }

    private static LogLine bare(long number, String s) {
        return new LogLine(number, s, s, LineFormat.BARE, null, null, null, true, false, null);
    }

    /** The prefixed forms, read from {@code start}; null when none applies. */
    private LogLine prefixed(long number, String s, int start) {
        if (start >= s.length()) {
            return null;
        }
        char c = s.charAt(start);
        if (c == '[') {
            return bracketed(number, s, start, LineFormat.DMESG, null);
        }
        if (c == '<') {
            return levelled(number, s, start);
        }
        if (c >= '0' && c <= '9') {
            LogLine r = kmsg(number, s, start);
            if (r == null) {
                r = isoDated(number, s, start);
            }
            if (r == null) {
                r = unixTime(number, s, start);
            }
            if (r == null) {
                r = syslog(number, s, start);
            }
            return r;
        }
        LogLine r = decoded(number, s, start);
        if (r == null) {
            r = syslog(number, s, start);
        }
        if (r == null) {
            r = fullDate(number, s, start);
        }
        if (r == null && s.startsWith("kernel: ", start)) {
            r = new LogLine(number, s, s.substring(start + 8), LineFormat.SYSLOG, null, null, null, true, false, null);
        }
        return r;
    }

    /** {@code [  123.456789] text}, {@code [  123.456 <  0.001>] text}, {@code [Fri Nov 27 12:00:01 2026] text}. */
    private LogLine bracketed(long number, String s, int start, LineFormat format, Integer level) {
        int close = s.indexOf(']', start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= s.length()) {
            return null;
        }
        char first = s.charAt(i);
        if (first >= '0' && first <= '9') {
            if (close < 0) {
                return LogLine.problem(number, s, "kernel timestamp without its closing ']'");
            }
            String inside = s.substring(i, close);
            int delta = inside.indexOf(" <");
            if (delta >= 0) {
                inside = inside.substring(0, delta);
            }
            if (inside.length() >= 20 && inside.charAt(4) == '-') {
                return remoteIso(number, s, start, close, inside, level);
            }
            Long micros = seconds(inside);
            if (micros == null && minute(inside)) {
                // --reltime's minute in a locale whose month comes as a number first: [12月 7 07:00].
                return new LogLine(number, s, afterSpace(s, close + 1), LineFormat.DMESG_RELTIME, null, null, level, true, false, null);
            }
            if (micros == null) {
                return LogLine.problem(number, s, "unreadable kernel timestamp '[" + TextCut.cut(s.substring(start + 1, close), 40) + "]'");
            }
            String message = afterSpace(s, close + 1);
            int tag = journalTag(message);
            if (tag > 0 && format == LineFormat.DMESG) {
                return new LogLine(number, s, message.substring(tag), LineFormat.JOURNAL_MONOTONIC, micros, null, level, true, false, null);
            }
            return alsoWall(new LogLine(number, s, message, format, micros, null, level, true, false, null));
        }
        if (close < 0) {
            return null;
        }
        if (Character.isLetter(first)) {
            String inside = s.substring(i, close);
            // dmesg -T -d: [Fri Nov 27 12:00:01 2026 <    0.000123>], the delta to the record before.
            int delta = inside.indexOf(" <");
            WallTime wall = ctime(delta < 0 ? inside : inside.substring(0, delta));
            if (wall != null) {
                return alsoKernelTime(new LogLine(number, s, afterSpace(s, close + 1), LineFormat.DMESG_CTIME, null, wall, level, true, false, null));
            }
            if (minute(inside)) {
                return new LogLine(number, s, afterSpace(s, close + 1), LineFormat.DMESG_RELTIME, null, null, level, true, false, null);
            }
        } else if (first == '+' || first == '<') {
            return relative(number, s, i, close, level);
        }
        return null;
    }

    /**
     * The times of {@code dmesg -e}/{@code -H} ({@code --reltime}) and {@code dmesg -d -t}
     * ({@code --time-format delta}), util-linux sys-utils/dmesg.c, {@code print_record}:
     * {@code [  %+8.06f] } (a delta under 10 s) or {@code [ %+9.06f] } after the record before it,
     * {@code [%b%e %H:%M] } when the minute changes (read by {@link #minute}), and
     * {@code [<%12.06f>] }. None tells when the record was: a minute line gives a wall minute
     * without its seconds or year, and a delta is from a record whose own time is not known. Their
     * records carry no time (kernel or wall), so that no time is shown that the log did not give.
     */
    private LogLine relative(long number, String s, int at, int close, Integer level) {
        boolean reltime = s.charAt(at) == '+';
        String inside = s.substring(at + 1, close).strip();
        if (!reltime) {
            if (!inside.endsWith(">")) {
                return null;
            }
            inside = inside.substring(0, inside.length() - 1).strip();
        }
        if (seconds(inside) == null) {
            // Not a time: an old kernel's frame address [<ffffffffa0123456>] (or a hashed [<00000000ab12cd34>]), bracketed text.
            if (inside.isEmpty() || !Character.isDigit(inside.charAt(0)) || inside.indexOf('.') < 0) {
                return null;
            }
            return LogLine.problem(number, s, "unreadable " + (reltime ? "relative" : "delta") + " timestamp '["
                + TextCut.cut(s.substring(at, close), 40) + "]'");
        }
        return new LogLine(number, s, afterSpace(s, close + 1), reltime ? LineFormat.DMESG_RELTIME : LineFormat.DMESG_DELTA,
            null, null, level, true, false, null);
    }

    /**
     * {@code Dec 7 07:00}, {@code Dec17 07:00}, {@code 12月 7 07:00}: {@code dmesg --reltime}'s line
     * at a new minute ({@code strftime("%b%e %H:%M")}, translated: the month name and the day in
     * either order).
     */
    private static boolean minute(String inside) {
        String t = inside.strip();
        int space = t.lastIndexOf(' ');
        if (space < 0) {
            return false;
        }
        Cursor clock = new Cursor(t, space + 1);
        int h = clock.fixed(2);
        if (h < 0 || h > 23 || !clock.expect(':')) {
            return false;
        }
        int m = clock.fixed(2);
        if (m < 0 || m > 59 || !clock.atEnd()) {
            return false;
        }
        String date = t.substring(0, space).strip();
        int digit = 0;
        while (digit < date.length() && !Character.isDigit(date.charAt(digit))) {
            digit++;
        }
        if (digit > 0 && digit < date.length()) {
            // Month name first: Dec 7, Dec17.
            Long day = digits(date.substring(digit).strip());
            return Months.parse(date.substring(0, digit).strip()) > 0 && day != null && day >= 1 && day <= 31;
        }
        String[] parts = date.split(" +");
        return parts.length == 2 && (Months.parse(parts[0]) > 0 && day(parts[1]) || day(parts[0]) && Months.parse(parts[1]) > 0);
    }

    /** A day of the month, {@code 7} or {@code 7.}. */
    private static boolean day(String token) {
        Long d = digits(token.endsWith(".") ? token.substring(0, token.length() - 1) : token);
        return d != null && d >= 1 && d <= 31;
    }

    /**
     * util-linux 2.40 and later print every {@code --time-format} given, one after the other
     * (sys-utils/dmesg.c {@code print_record}, {@code full_tsbuf}): after a kernel time, the
     * wall time of {@code ctime} ({@code [Fri Nov 27 12:00:01 2026] }) or {@code iso}
     * ({@code 2026-11-27T12:00:01,123456+01:00 }) at the message's start is the line's too.
     */
    private static LogLine alsoWall(LogLine l) {
        String m = l.message();
        if (m.length() < 20 || l.wall() != null) {
            return l;
        }
        char c = m.charAt(0);
        WallTime wall = null;
        int end = 0;
        if (c == '[' && Character.isLetter(m.charAt(1))) {
            int close = m.indexOf(']');
            // A ctime is 24 characters (Fri Nov 27 12:00:01 2026): a message's own [drm] is not looked at further.
            wall = close < 20 ? null : ctime(m.substring(1, close));
            end = close + 1;
        } else if (c >= '0' && c <= '9' && m.charAt(4) == '-' && m.length() > 19 && m.charAt(19) == ',') {
            Cursor cur = new Cursor(m, 0);
            wall = cur.isoDateTime(',');
            end = cur.pos;
        }
        return wall == null ? l : new LogLine(l.number(), l.raw(), afterSpace(m, end), l.format(), l.kernelMicros(), wall, l.level(),
            l.kernel(), false, null);
    }

    /** The other order ({@code --time-format ctime,raw}): a wall time, then the kernel's {@code [  123.456789] }. */
    private static LogLine alsoKernelTime(LogLine l) {
        String m = l.message();
        if (!m.startsWith("[")) {
            return l;
        }
        int close = m.indexOf(']');
        Long micros = close < 0 ? null : seconds(m.substring(1, close).strip());
        return micros == null ? l : new LogLine(l.number(), l.raw(), afterSpace(m, close + 1), l.format(), micros, l.wall(), l.level(),
            l.kernel(), false, null);
    }

    /** Talos: {@code kern: warning: [2026-04-22T21:27:51.291882381Z]: text}. */
    private LogLine remoteIso(long number, String s, int start, int close, String inside, Integer level) {
        Cursor cur = new Cursor(inside, 0);
        WallTime wall = cur.isoDateTime('.');
        if (wall == null || !cur.atEnd()) {
            return LogLine.problem(number, s, "unreadable timestamp '[" + TextCut.cut(s.substring(start + 1, close), 40) + "]'");
        }
        int from = close + 1;
        if (from < s.length() && s.charAt(from) == ':') {
            from++;
        }
        return new LogLine(number, s, afterSpace(s, from), LineFormat.REMOTE, null, wall, level, true, false, null);
    }

    /** {@code <4>[  123.456789] text} or {@code <4>text}. */
    private LogLine levelled(long number, String s, int start) {
        int i = start + 1;
        int value = 0;
        int digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && digits < 4) {
            value = value * 10 + (s.charAt(i) - '0');
            i++;
            digits++;
        }
        if (digits == 0) {
            return null;
        }
        if (i >= s.length() || s.charAt(i) != '>') {
            return LogLine.problem(number, s, "printk level '<" + TextCut.cut(s.substring(start + 1, Math.min(s.length(), i + 1)), 10) + "' without its closing '>'");
        }
        int level = value & 7;
        LogLine rfc = rfc5424(number, s, i + 1, value);
        if (rfc != null) {
            return rfc;
        }
        if (i + 1 < s.length() && s.charAt(i + 1) == '[') {
            LogLine r = bracketed(number, s, i + 1, LineFormat.DMESG_RAW, level);
            if (r != null) {
                return r;
            }
        }
        return new LogLine(number, s, s.substring(i + 1), LineFormat.DMESG_RAW, null, null, level, true, false, null);
    }

    /**
     * RFC 5424 after its {@code <PRI>}, from {@code from}: {@code VERSION SP TIMESTAMP SP HOSTNAME SP
     * APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]}, each header field a token or the
     * nil value {@code -}, the structured data {@code -} or {@code [id k="v" ...]} elements (in whose
     * values {@code \"}, {@code \\} and {@code \]} are escapes), the message perhaps after a UTF-8
     * byte-order mark. A kernel line is one of facility 0 ({@code kern}, which only the kernel
     * logs with: glibc's syslog(3) turns it into {@code user}) or of APP-NAME {@code kernel}.
     * Null when what follows the {@code <PRI>} is not a version and a timestamp: then it is
     * {@code dmesg -r}'s {@code <4>text}.
     */
    private LogLine rfc5424(long number, String s, int from, int pri) {
        int i = from;
        while (i < s.length() && i - from < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == from || s.charAt(from) == '0' || i >= s.length() || s.charAt(i) != ' ' || i + 1 >= s.length()) {
            return null;
        }
        Cursor cur = new Cursor(s, i + 1);
        WallTime wall = null;
        if (!cur.expect('-')) {
            wall = cur.isoDateTime('.');
            if (wall == null) {
                return null;
            }
        }
        if (!cur.expect(' ')) {
            return null;
        }
        String host = cur.token();
        String app = cur.expect(' ') ? cur.token() : "";
        String procId = cur.expect(' ') ? cur.token() : "";
        String msgId = cur.expect(' ') ? cur.token() : "";
        if (host.isEmpty() || app.isEmpty() || procId.isEmpty() || msgId.isEmpty() || !cur.expect(' ')) {
            return LogLine.problem(number, s, "RFC 5424 syslog header without its fields: '" + TextCut.cut(s, 60) + "'");
        }
        if (!cur.expect('-')) {
            if (!structuredData(cur)) {
                return LogLine.problem(number, s, "RFC 5424 structured data without its closing ']': '" + TextCut.cut(s, 60) + "'");
            }
        }
        String message = afterSpace(s, cur.pos);
        if (message.startsWith("\uFEFF")) {
            message = message.substring(1);
        }
        boolean kernel = (pri >> 3) == 0 || app.equals("kernel");
        return syslogMessage(number, s, message, LineFormat.SYSLOG_5424, null, wall, pri & 7, kernel);
    }

    /** RFC 5424 SD-ELEMENTs at the cursor ('['), up to the character after the last ']'; false when one is not closed. */
    private static boolean structuredData(Cursor cur) {
        String s = cur.s;
        if (cur.pos >= s.length() || s.charAt(cur.pos) != '[') {
            return false;
        }
        while (cur.pos < s.length() && s.charAt(cur.pos) == '[') {
            int i = cur.pos + 1;
            boolean quoted = false;
            while (i < s.length() && (quoted || s.charAt(i) != ']')) {
                char c = s.charAt(i);
                if (quoted && c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                }
                i++;
            }
            if (i >= s.length()) {
                return false;
            }
            cur.pos = i + 1;
        }
        return true;
    }

    /** {@code 6,1234,5678901,-;text} and {@code 6,1234,5678901,-,caller=T12;text} (Documentation/ABI/testing/dev-kmsg). */
    private LogLine kmsg(long number, String s, int start) {
        int semi = s.indexOf(';', start);
        int comma = s.indexOf(',', start);
        if (comma < 0 || semi < 0 || comma > semi || comma - start > 4) {
            return null;
        }
        String[] f = s.substring(start, semi).split(",", -1);
        if (f.length < 4) {
            return null;
        }
        Long prio = digits(f[0]);
        Long seq = digits(f[1]);
        Long micros = digits(f[2]);
        if (prio == null || seq == null || micros == null) {
            return LogLine.problem(number, s, "unreadable /dev/kmsg record header '" + TextCut.cut(s.substring(start, semi), 40) + "'");
        }
        String message = unescapeKmsg(s.substring(semi + 1));
        return new LogLine(number, s, message, LineFormat.KMSG, micros, null, (int) (prio & 7), prio < 8, false, null);
    }

    /** {@code 2026-11-27T12:00:01,123456+01:00 text} (dmesg) or {@code 2026-11-27T12:00:01.123+01:00 host kernel: text}. */
    private LogLine isoDated(long number, String s, int start) {
        if (s.length() < start + 19 || s.charAt(start + 4) != '-' || s.charAt(start + 7) != '-') {
            return null;
        }
        Cursor cur = new Cursor(s, start);
        boolean comma = s.length() > start + 19 && s.charAt(start + 19) == ',';
        WallTime wall = cur.isoDateTime(comma ? ',' : '.');
        if (wall == null) {
            return LogLine.problem(number, s, "unreadable date '" + TextCut.cut(s.substring(start, Math.min(s.length(), start + 32)), 32) + "'");
        }
        if (comma) {
            return alsoKernelTime(new LogLine(number, s, afterSpace(s, cur.pos), LineFormat.DMESG_ISO, null, wall, null, true, false, null));
        }
        return tagged(number, s, cur.pos, LineFormat.SYSLOG_ISO, null, wall);
    }

    /** {@code 1764241201.123456 host kernel: text}. */
    private LogLine unixTime(long number, String s, int start) {
        int dot = s.indexOf('.', start);
        int space = s.indexOf(' ', start);
        if (dot < 0 || space < 0 || dot > space || dot - start < 9 || dot - start > 11) {
            return null;
        }
        Long secs = digits(s.substring(start, dot));
        Long frac = digits(s.substring(dot + 1, space));
        if (secs == null || frac == null) {
            return null;
        }
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC);
        int nanos = (int) fraction(s.substring(dot + 1, space), 9);
        WallTime wall = new WallTime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
            t.getSecond(), nanos, 0);
        return tagged(number, s, space, LineFormat.JOURNAL_UNIX, null, wall);
    }

    /** {@code Nov 27 12:00:01[.123456] [host] kernel: [ts] text}, month names in several locales. */
    private LogLine syslog(long number, String s, int start) {
        Cursor cur = new Cursor(s, start);
        String monthToken = cur.token();
        int month = Months.parse(monthToken);
        if (month == 0 || !cur.spaces()) {
            return null;
        }
        int day = cur.number(2);
        if (day < 1 || day > 31 || !cur.spaces()) {
            return null;
        }
        int[] time = cur.clock();
        if (time == null) {
            return LogLine.problem(number, s, "unreadable syslog time after '" + monthToken + " " + day + "'");
        }
        WallTime wall = new WallTime(null, month, day, time[0], time[1], time[2], time[3], null);
        return tagged(number, s, cur.pos, LineFormat.SYSLOG, null, wall);
    }

    /** {@code Fri 2026-11-27 12:00:01 CET host kernel: text} ({@code journalctl -o short-full}). */
    private LogLine fullDate(long number, String s, int start) {
        int space = s.indexOf(' ', start);
        if (space < 0 || space - start > 12 || space + 20 > s.length() || s.charAt(space + 5) != '-') {
            return null;
        }
        Cursor cur = new Cursor(s, space + 1);
        WallTime date = cur.isoDateTime('.');
        if (date == null) {
            return null;
        }
        int zoneEnd = s.indexOf(' ', cur.pos + 1);
        if (zoneEnd < 0) {
            return null;
        }
        String zone = s.substring(cur.pos + 1, zoneEnd);
        Integer offset = zone.equals("UTC") || zone.equals("GMT") ? Integer.valueOf(0) : date.offsetMinutes();
        WallTime wall = new WallTime(date.year(), date.month(), date.day(), date.hour(), date.minute(), date.second(),
            date.nanos(), offset);
        return tagged(number, s, zoneEnd, LineFormat.JOURNAL_FULL, null, wall);
    }

    /** {@code kern  :warn  : [  123.4] text} (dmesg -x) and {@code kern: warning: [iso]: text} (Talos). */
    private LogLine decoded(long number, String s, int start) {
        int colon = s.indexOf(':', start);
        if (colon < 0 || colon - start > 10) {
            return null;
        }
        String facility = s.substring(start, colon).strip();
        if (!contains(FACILITIES, facility)) {
            return null;
        }
        int colon2 = s.indexOf(':', colon + 1);
        if (colon2 < 0 || colon2 - colon > 12) {
            return null;
        }
        String levelName = s.substring(colon + 1, colon2).strip();
        int level = levelIndex(levelName);
        if (level < 0) {
            return null;
        }
        int rest = colon2 + 1;
        while (rest < s.length() && s.charAt(rest) == ' ') {
            rest++;
        }
        boolean kernel = facility.equals("kern");
        if (rest < s.length() && s.charAt(rest) >= '0' && s.charAt(rest) <= '9') {
            // dmesg -x --time-format iso: kern  :err   : 2025-05-27T04:18:56,089671+00:00 text.
            LogLine iso = isoDated(number, s, rest);
            if (iso != null && iso.format() == LineFormat.DMESG_ISO) {
                return new LogLine(number, s, iso.message(), LineFormat.DMESG_DECODED, null, iso.wall(), level, kernel, false, null);
            }
            if (iso != null && iso.problem() != null) {
                return iso;
            }
        }
        if (rest < s.length() && s.charAt(rest) == '[') {
            LogLine r = bracketed(number, s, rest, LineFormat.DMESG_DECODED, level);
            if (r != null) {
                LineFormat f = r.format() == LineFormat.REMOTE ? LineFormat.REMOTE : r.format() == LineFormat.DMESG_CTIME
                    ? LineFormat.DMESG_CTIME : LineFormat.DMESG_DECODED;
                return new LogLine(number, s, r.message(), r.problem() == null ? f : r.format(), r.kernelMicros(), r.wall(),
                    level, kernel, false, r.problem());
            }
        }
        return new LogLine(number, s, s.substring(Math.min(rest, s.length())), LineFormat.DMESG_DECODED, null, null, level,
            kernel, false, null);
    }

    /**
     * After a syslog time: {@code host kernel: [ts] text}, {@code kernel: text} (no host) or a
     * program's {@code tag[pid]: text} (not a kernel line). rsyslog's {@code #012} escapes are
     * newlines of a multi-line message.
     */
    private LogLine tagged(long number, String s, int from, LineFormat format, Long micros, WallTime wall) {
        String rest = afterSpace(s, from);
        int labels = rest.startsWith("{") ? labelsEnd(rest) : -1;
        if (labels > 0) {
            // Loki's logcli (query, default output): TIMESTAMP {label="value", ...} line.
            return new LogLine(number, s, afterSpace(rest, labels), LineFormat.LOKI, micros, wall, null, true, false, null);
        }
        int tag = journalTag(rest);
        boolean kernel = true;
        String message = rest;
        if (tag > 0) {
            message = rest.substring(tag);
        } else {
            int sp = rest.indexOf(' ');
            String t1 = sp < 0 ? rest : rest.substring(0, sp);
            if (isProgramTag(t1)) {
                kernel = false;
                message = sp < 0 ? "" : rest.substring(sp + 1);
            } else if (sp > 0 && !t1.endsWith(":")) {
                int sp2 = rest.indexOf(' ', sp + 1);
                String t2 = sp2 < 0 ? rest.substring(sp + 1) : rest.substring(sp + 1, sp2);
                if (isProgramTag(t2)) {
                    kernel = false;
                    message = sp2 < 0 ? "" : rest.substring(sp2 + 1);
                } else {
                    message = rest.substring(sp + 1);
                }
            }
        }
        return syslogMessage(number, s, message, format, micros, wall, null, kernel);
    }

    /**
     * A syslog line of {@code message}: a kernel line's own {@code [seconds]} (kept by
     * rsyslog's imklog, and by kern.log as most distributions write it) taken off as its kernel
     * time, and rsyslog's {@code #012} escapes made the newlines of a multi-line message again.
     */
    private static LogLine syslogMessage(long number, String s, String message, LineFormat format, Long micros, WallTime wall,
                                         Integer level, boolean kernel) {
        Long kernelMicros = micros;
        if (kernel && message.startsWith("[")) {
            int close = message.indexOf(']');
            if (close > 0) {
                Long inner = seconds(message.substring(1, close).strip());
                if (inner != null) {
                    kernelMicros = inner;
                    message = afterSpace(message, close + 1);
                }
            }
        }
        if (message.contains("#01")) {
            message = message.replace("#012", "\n").replace("#011", "\t");
        }
        return new LogLine(number, s, message, format, kernelMicros, wall, level, kernel, false, null);
    }

    /** The index after a Loki label set {@code {k="v", k2="v2"}} at the start of {@code s} (values with {@code \"} escapes), or -1. */
    private static int labelsEnd(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '}') {
                return s.indexOf('=') > 0 && s.indexOf('=') < i || i == 1 ? i + 1 : -1;
            }
        }
        return -1;
    }

    /** Length of {@code kernel: } or {@code host kernel: } at the start of {@code rest}, else 0. */
    private static int journalTag(String rest) {
        if (rest.startsWith("kernel: ")) {
            return 8;
        }
        int sp = rest.indexOf(' ');
        if (sp > 0 && sp < 256 && rest.startsWith("kernel: ", sp + 1) && rest.charAt(sp - 1) != ':') {
            return sp + 9;
        }
        return 0;
    }

    /** {@code systemd[1]:}, {@code nvidia-persistenced[1234]:}: a program's syslog tag. */
    private static boolean isProgramTag(String t) {
        if (!t.endsWith("]:")) {
            return false;
        }
        int open = t.lastIndexOf('[');
        return open > 0 && digits(t.substring(open + 1, t.length() - 2)) != null;
    }

    /** Text after position {@code i}, dropping the one space that separates prefix and message. */
    private static String afterSpace(String s, int i) {
        if (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i >= s.length() ? "" : s.substring(i);
    }

    /** Index after a leading host token ({@code node17: }, {@code 10.0.0.5 }), or 0. */
    private static int afterHost(String s) {
        int i = 0;
        while (i < s.length() && i < 253) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') {
                i++;
            } else {
                break;
            }
        }
        if (i == 0 || i >= s.length()) {
            return 0;
        }
        if (s.charAt(i) == ':' && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
            return i + 2;
        }
        return s.charAt(i) == ' ' ? i + 1 : 0;
    }

    /** {@code Fri Nov 27 12:00:01 2026} in any locale's month names. */
    private static WallTime ctime(String inside) {
        String[] t = inside.trim().split("\\s+");
        if (t.length != 5) {
            return null;
        }
        int month = Months.parse(t[1]);
        Long day = digits(t[2]);
        Long year = digits(t[4]);
        if (month == 0 || day == null || day < 1 || day > 31 || year == null || year < 1970 || year > 9999) {
            return null;
        }
        Cursor cur = new Cursor(t[3], 0);
        int[] clock = cur.clock();
        if (clock == null || !cur.atEnd()) {
            return null;
        }
        return new WallTime(year.intValue(), month, day.intValue(), clock[0], clock[1], clock[2], clock[3], null);
    }

    /** {@code 123.456789} as microseconds; null unless digits, a dot, digits. */
    static Long seconds(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot > 12 || dot == text.length() - 1) {
            return null;
        }
        Long whole = digits(text.substring(0, dot));
        if (whole == null) {
            return null;
        }
        String frac = text.substring(dot + 1);
        if (frac.length() > 9 || digits(frac) == null) {
            return null;
        }
        return whole * 1_000_000 + fraction(frac, 6);
    }

    /** The decimal fraction {@code digits} scaled to {@code places} places (extra digits dropped). */
    static long fraction(String digits, int places) {
        long v = 0;
        for (int i = 0; i < places; i++) {
            v = v * 10 + (i < digits.length() ? digits.charAt(i) - '0' : 0);
        }
        return v;
    }

    /** A non-negative decimal of 1 to 18 digits, or null. */
    static Long digits(String s) {
        if (s.isEmpty() || s.length() > MAX_DIGITS) {
            return null;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** 0..7 for a printk level's name as util-linux writes it ({@code warn}, {@code err}) or syslog ({@code warning}), else -1. */
    static int levelIndex(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("warning")) {
            return 4;
        }
        if (n.equals("error")) {
            return 3;
        }
        for (int i = 0; i < LEVELS.length; i++) {
            if (LEVELS[i].equals(n)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(String[] names, String s) {
        for (String n : names) {
            if (n.equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** /dev/kmsg escapes unprintable bytes, newlines included, as {@code \xNN}. */
    static String unescapeKmsg(String s) {
        if (s.indexOf("\\x") < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x'
                && Character.digit(s.charAt(i + 2), 16) >= 0 && Character.digit(s.charAt(i + 3), 16) >= 0) {
                pending.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 4;
                continue;
            }
            if (pending.size() > 0) {
                b.append(new String(pending.toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
                pending.reset();
            }
            b.append(c);
            i++;
        }
        if (pending.size() > 0) {
            b.append(new String(pending.toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** A position in a string with the few readers the formats need. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        String token() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ') {
                pos++;
            }
            return s.substring(start, pos);
        }

        boolean spaces() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
            return pos > start;
        }

        boolean expect(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** Exactly {@code n} digits (or 1..n when n is 2 and a day is padded with a space); -1 if not. */
        int number(int n) {
            int start = pos;
            int v = 0;
            while (pos < s.length() && pos - start < n && Character.isDigit(s.charAt(pos))) {
                v = v * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            return pos == start ? -1 : v;
        }

        int fixed(int n) {
            int start = pos;
            int v = number(n);
            return pos - start == n ? v : -1;
        }

        /** {@code HH:MM:SS[.ffffff]} as hour, minute, second, nanos; null if not. */
        int[] clock() {
            int h = fixed(2);
            if (h < 0 || !expect(':')) {
                return null;
            }
            int m = fixed(2);
            if (m < 0 || !expect(':')) {
                return null;
            }
            int sec = fixed(2);
            if (sec < 0 || h > 23 || m > 59 || sec > 60) {
                return null;
            }
            int nanos = 0;
            if (pos < s.length() && s.charAt(pos) == '.') {
                int start = ++pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    return null;
                }
                nanos = (int) fraction(s.substring(start, pos), 9);
            }
            return new int[] {h, m, sec, nanos};
        }

        /** {@code YYYY-MM-DD[T ]HH:MM:SS[<sep>frac][Z|+hh[:]mm]}; null if not. */
        WallTime isoDateTime(char fractionSeparator) {
            int y = fixed(4);
            if (y < 0 || !expect('-')) {
                return null;
            }
            int mo = fixed(2);
            if (mo < 1 || mo > 12 || !expect('-')) {
                return null;
            }
            int d = fixed(2);
            if (d < 1 || d > 31 || !(expect('T') || expect(' '))) {
                return null;
            }
            int h = fixed(2);
            if (h < 0 || h > 23 || !expect(':')) {
                return null;
            }
            int mi = fixed(2);
            if (mi < 0 || mi > 59 || !expect(':')) {
                return null;
            }
            int sec = fixed(2);
            if (sec < 0 || sec > 60) {
                return null;
            }
            int nanos = 0;
            if (expect(fractionSeparator)) {
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    return null;
                }
                nanos = (int) fraction(s.substring(start, pos), 9);
            }
            Integer offset = null;
            if (expect('Z')) {
                offset = 0;
            } else if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                int sign = s.charAt(pos) == '-' ? -1 : 1;
                pos++;
                int oh = fixed(2);
                expect(':');
                int om = fixed(2);
                if (oh < 0 || om < 0) {
                    return null;
                }
                offset = sign * (oh * 60 + om);
            }
            return new WallTime(y, mo, d, h, mi, sec, nanos, offset);
        }
    }
}
