package dev.uvmctl.kernellog;

/**
 * What a log line holds that is no text, taken out before the line is read. NULs before and
 * after it: a pstore or ramoops record ({@code /sys/fs/pstore/dmesg-ramoops-N}) is padded with
 * them, and a log copied from one has runs of them before a line's timestamp. Terminal escape
 * sequences (an ESC in a kernel message is never written raw: dmesg and journalctl print it
 * as {@code \x1b}, /dev/kmsg escapes it): {@code dmesg --color=always}
 * (util-linux sys-utils/dmesg.c, {@code dmesg_enable_color}/{@code color_disable}) puts SGR
 * sequences ({@code ESC [ 32 m} ... {@code ESC [ 0 m}) around the timestamp, the subsystem
 * prefix ({@code NVRM: }) and the text of an error; a terminal capture ({@code script}) adds
 * window titles (OSC, {@code ESC ] 0 ; title BEL}), bracketed-paste and erase sequences. ECMA-48
 * shapes: CSI {@code ESC [} parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final
 * byte 0x40-0x7E; OSC, DCS, SOS, PM and APC strings up to BEL or ST ({@code ESC \}); the
 * two- and three-byte escapes ({@code ESC ( B}, {@code ESC =}). What remains is the line as the
 * tool meant it to read, and the line the evidence shows.
 */
final class ControlBytes {
    private static final char ESC = '\u001b';

    private ControlBytes() {
    }

    /**
     * {@code line} without the NULs it starts or ends with and without its escape sequences; the
     * same string when it has none (one scan, no allocation). A NUL inside the text is kept: the
     * record shows what the log holds.
     */
    static String strip(String line) {
        if (!line.isEmpty() && (line.charAt(0) == '\0' || line.charAt(line.length() - 1) == '\0')) {
            int start = 0;
            int end = line.length();
            while (start < end && line.charAt(start) == '\0') {
                start++;
            }
            while (end > start && line.charAt(end - 1) == '\0') {
                end--;
            }
            line = line.substring(start, end);
        }
        int esc = line.indexOf(ESC);
        if (esc < 0) {
            return line;
        }
        StringBuilder b = new StringBuilder(line.length());
        int from = 0;
        while (esc >= 0) {
            b.append(line, from, esc);
            from = end(line, esc);
            esc = line.indexOf(ESC, from);
        }
        return b.append(line, from, line.length()).toString();
    }

    /** The index after the escape sequence that starts at {@code s[esc]} (an ESC). */
    private static int end(String s, int esc) {
        int i = esc + 1;
        if (i >= s.length()) {
            return i;
        }
        char c = s.charAt(i);
        if (c == '[') {
            i++;
            while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x3f) {
                i++;
            }
            // The final byte; a sequence the line ends inside (cut off) ends with the line.
            return i < s.length() && s.charAt(i) >= 0x40 && s.charAt(i) <= 0x7e ? i + 1 : i;
        }
        if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
            // A control string, ended by BEL or ST (ESC \); one that the line ends inside ends with it.
            for (i++; i < s.length(); i++) {
                char d = s.charAt(i);
                if (d == '\u0007') {
                    return i + 1;
                }
                if (d == ESC && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                    return i + 2;
                }
            }
            return i;
        }
        // nF escapes (ESC ( B): intermediate bytes, then a final byte; else a two-byte escape (ESC =, ESC 7).
        while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2f) {
            i++;
        }
        return i < s.length() && s.charAt(i) >= 0x30 && s.charAt(i) <= 0x7e ? i + 1 : i;
    }
}
