package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.source.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses {@code /proc/PID/maps} text, and the same lines in a glibc "Memory map" dump (indented or
 * not, after a backtrace). Every line is checked; only the ranges whose path starts with
 * {@code keepPrefix} become records, and lines are parsed as bytes, so a scan of a million lines
 * decodes only the device mappings. Lines that are not maps lines are reported once per run of
 * such lines, with the first one quoted.
 */
public final class MapsParser {
    /** The header glibc prints before the maps lines of a crashed process. */
    static final String GLIBC_HEADER = "======= Memory map: ========";

    /** Keeps the mappings of NVIDIA device nodes. */
    public static final String NVIDIA_DEVICES = "/dev/nvidia";

    /** Stands for a well-formed line whose path is not kept: no record is made for it. */
    private static final MapsRange NOT_KEPT = new MapsRange(0, 0, "", 0, "", 0, "", null);

    private MapsParser() {
    }

    /** What one parse saw: all maps lines, and the lines that were not maps lines. */
    public record Result(long mapsLines, long otherLines) {
    }

    public static Result parse(InputStream in, String input, String keepPrefix, Consumer<MapsRange> out,
                               List<Diagnostic> diagnostics) throws IOException {
        byte[] keep = keepPrefix.getBytes(StandardCharsets.UTF_8);
        // Most maps files are a few KiB: a large buffer per file would be allocated and zeroed for nothing.
        LineReader reader = new LineReader(in, 16 * 1024);
        long maps = 0;
        long other = 0;
        long runStart = 0;
        long runLength = 0;
        String runFirst = null;
        boolean afterGlibcHeader = false;
        LineReader.RawLine line;
        while ((line = reader.nextRaw()) != null) {
            MapsRange r = line.truncated() ? null : parseLine(line, keep, input);
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
            String text = line.truncated() ? "" : line.text();
            if (text.strip().equals(GLIBC_HEADER)) {
                // What came before is the crash report around the dump: not ours to judge.
                runLength = 0;
                afterGlibcHeader = true;
                continue;
            }
            if (!line.truncated() && text.isBlank()) {
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

    /** The range on the line; {@link #NOT_KEPT} for a maps line whose path is not kept; null for any other line. */
    private static MapsRange parseLine(LineReader.RawLine line, byte[] keep, String input) {
        byte[] t = line.bytes();
        int n = line.length();
        int i = 0;
        while (i < n && t[i] == ' ') {
            i++;
        }
        int s = i;
        long start = 0;
        while (i < n && hex(t[i]) >= 0 && i - s < 16) {
            start = (start << 4) | hex(t[i]);
            i++;
        }
        if (i == s || i >= n || t[i] != '-') {
            return null;
        }
        s = ++i;
        long end = 0;
        while (i < n && hex(t[i]) >= 0 && i - s < 16) {
            end = (end << 4) | hex(t[i]);
            i++;
        }
        if (i == s || i + 6 > n || t[i] != ' ') {
            return null;
        }
        int permsAt = i + 1;
        if (!perms(t, permsAt) || t[i + 5] != ' ') {
            return null;
        }
        i += 6;
        s = i;
        long offset = 0;
        while (i < n && hex(t[i]) >= 0 && i - s < 16) {
            offset = (offset << 4) | hex(t[i]);
            i++;
        }
        if (i == s || i >= n || t[i] != ' ') {
            return null;
        }
        int devStart = ++i;
        while (i < n && (hex(t[i]) >= 0 || t[i] == ':')) {
            i++;
        }
        if (i == devStart || i >= n || t[i] != ' ') {
            return null;
        }
        int devEnd = i;
        s = ++i;
        long inode = 0;
        while (i < n && t[i] >= '0' && t[i] <= '9') {
            inode = inode * 10 + (t[i] - '0');
            i++;
        }
        if (i == s || (i < n && t[i] != ' ')) {
            return null;
        }
        while (i < n && t[i] == ' ') {
            i++;
        }
        if (Long.compareUnsigned(end, start) < 0) {
            return null;
        }
        if (!startsWith(t, i, n, keep)) {
            return NOT_KEPT;
        }
        return new MapsRange(start, end, line.text(permsAt, permsAt + 4), offset, line.text(devStart, devEnd), inode,
            line.text(i, n), Provenance.at(input, line.number()));
    }

    private static boolean startsWith(byte[] t, int at, int n, byte[] prefix) {
        if (n - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (t[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean perms(byte[] t, int at) {
        byte r = t[at];
        byte w = t[at + 1];
        byte x = t[at + 2];
        byte s = t[at + 3];
        return (r == 'r' || r == '-') && (w == 'w' || w == '-') && (x == 'x' || x == '-') && (s == 's' || s == 'p');
    }

    private static int hex(byte c) {
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
