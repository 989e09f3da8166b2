package dev.uvmctl.procfs;

import dev.uvmctl.source.Diagnostic;
import dev.uvmctl.source.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Parses {@code /proc/PID/maps} text, and the same lines in a glibc "Memory map" dump (indented or
 * not, after a backtrace). Every line is checked; only the ranges whose path {@code keep} accepts
 * become records, so a scan of a million lines keeps only the device mappings. Lines that are not
 * maps lines are reported once per run of such lines, with the first one quoted.
 */
public final class MapsParser {
    /** The header glibc prints before the maps lines of a crashed process. */
    static final String GLIBC_HEADER = "======= Memory map: ========";

    private MapsParser() {
    }

    /** What one parse saw: all maps lines, and the lines that were not maps lines. */
    public record Result(long mapsLines, long otherLines) {
    }

    /** Keeps the mappings of NVIDIA device nodes. */
    public static final Predicate<String> NVIDIA_DEVICES = path -> path.startsWith("/dev/nvidia");

    public static Result parse(InputStream in, String input, Predicate<String> keep, Consumer<MapsRange> out,
                               List<Diagnostic> diagnostics) throws IOException {
        LineReader reader = new LineReader(in);
        long maps = 0;
        long other = 0;
        long runStart = 0;
        long runLength = 0;
        String runFirst = null;
        boolean afterGlibcHeader = false;
        LineReader.Line line;
        while ((line = reader.next()) != null) {
            String text = line.text();
            MapsRange r = line.truncated() ? null : parseLine(text, keep, input, line.number());
            if (r != null) {
                if (runLength > 0) {
                    diagnostics.add(nonMaps(input, runStart, runLength, runFirst, afterGlibcHeader));
                    runLength = 0;
                }
                maps++;
                if (r != NOT_KEPT) {
                    out.accept(r);
                }
                continue;
            }
            if (text.strip().equals(GLIBC_HEADER)) {
                // What came before is the crash report around the dump: not ours to judge.
                runLength = 0;
                afterGlibcHeader = true;
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            other++;
            if (runLength == 0) {
                runStart = line.number();
                runFirst = line.truncated() ? "a line longer than " + LineReader.MAX_LINE + " bytes" : quote(text);
            }
            runLength++;
        }
        if (runLength > 0) {
            diagnostics.add(nonMaps(input, runStart, runLength, runFirst, afterGlibcHeader));
        }
        return new Result(maps, other);
    }

    private static Diagnostic nonMaps(String input, long start, long length, String first, boolean afterHeader) {
        String what = length == 1 ? "not a maps line: " + first
            : length + " lines (to line " + (start + length - 1) + ") are not maps lines; the first: " + first;
        return Diagnostic.at(input, start, afterHeader ? what + " (inside a glibc memory-map dump)" : what);
    }

    private static String quote(String text) {
        String s = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "'" + s + "'";
    }

    /** Stands for a well-formed line whose path is not kept: no record is made for it. */
    static final MapsRange NOT_KEPT = new MapsRange(0, 0, "", 0, "", 0, "", null);

    /** The range on {@code text}; {@link #NOT_KEPT} for a maps line whose path is not kept; null for any other line. */
    static MapsRange parseLine(String text, Predicate<String> keep, String input, long number) {
        int n = text.length();
        int i = 0;
        while (i < n && text.charAt(i) == ' ') {
            i++;
        }
        int s = i;
        long start = 0;
        while (i < n && hex(text.charAt(i)) >= 0 && i - s < 16) {
            start = (start << 4) | hex(text.charAt(i));
            i++;
        }
        if (i == s || i >= n || text.charAt(i) != '-') {
            return null;
        }
        s = ++i;
        long end = 0;
        while (i < n && hex(text.charAt(i)) >= 0 && i - s < 16) {
            end = (end << 4) | hex(text.charAt(i));
            i++;
        }
        if (i == s || i + 6 > n || text.charAt(i) != ' ') {
            return null;
        }
        int permsAt = i + 1;
        if (!perms(text, permsAt) || text.charAt(i + 5) != ' ') {
            return null;
        }
        i += 6;
        s = i;
        long offset = 0;
        while (i < n && hex(text.charAt(i)) >= 0 && i - s < 16) {
            offset = (offset << 4) | hex(text.charAt(i));
            i++;
        }
        if (i == s || i >= n || text.charAt(i) != ' ') {
            return null;
        }
        int devStart = ++i;
        while (i < n && (hex(text.charAt(i)) >= 0 || text.charAt(i) == ':')) {
            i++;
        }
        if (i == devStart || i >= n || text.charAt(i) != ' ') {
            return null;
        }
        int devEnd = i;
        s = ++i;
        long inode = 0;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            inode = inode * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i == s || (i < n && text.charAt(i) != ' ')) {
            return null;
        }
        while (i < n && text.charAt(i) == ' ') {
            i++;
        }
        if (Long.compareUnsigned(end, start) < 0) {
            return null;
        }
        String path = text.substring(i);
        if (!keep.test(path)) {
            return NOT_KEPT;
        }
        return new MapsRange(start, end, text.substring(permsAt, permsAt + 4), offset, text.substring(devStart, devEnd), inode, path,
            new Origin(input, number));
    }

    private static boolean perms(String t, int at) {
        char r = t.charAt(at);
        char w = t.charAt(at + 1);
        char x = t.charAt(at + 2);
        char s = t.charAt(at + 3);
        return (r == 'r' || r == '-') && (w == 'w' || w == '-') && (x == 'x' || x == '-') && (s == 's' || s == 'p');
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
