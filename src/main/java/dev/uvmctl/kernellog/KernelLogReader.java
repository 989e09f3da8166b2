package dev.uvmctl.kernellog;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.BugReportReader;
import dev.uvmctl.source.FailureAtEndInputStream;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.LineReader;
import dev.uvmctl.source.UntilInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one input that holds kernel log text, whatever its form: a log in any of the
 * {@link LineFormat}s (detected line by line), or an nvidia-bug-report.log, whose kernel-log
 * sections ({@code dmesg:}, and the {@code /var/log/...} and {@code journalctl -b -N}
 * sub-sections of its kernel-log scan) are read as separate logs. A record that a bug report
 * shows in more than one section (the same message at the same time) is given once.
 */
public final class KernelLogReader {
    private static final Pattern SUBSECTION = Pattern.compile("^  (/\\S+|journalctl -b -?\\d+):$");
    private static final String SCAN_TITLE = "Scanning kernel log files for NVIDIA kernel messages";
    private static final int MAX_KEYS = 200_000;

    /** Where records go, with the start and end of each log (an input, or a bug report's section). */
    public interface Sink extends KernelLogParser.Listener {
        void streamStarted(String input, String section);

        void streamEnded(StreamStats stats);
    }

    /** What one log turned out to be. */
    public record StreamStats(String input, String section, Set<LineFormat> formats, long lines, long readableLines,
                              long records, int boots) {
    }

    private final XidCatalog catalog;

    public KernelLogReader(XidCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Why the logs read from one input (see {@link Sink#streamEnded}) do not make it a kernel log,
     * or null when they do: something in it read as a kernel-log line, or gave a record. This is
     * the one judgement of an input given as a kernel log, made after reading it, whichever
     * command reads it ({@code dmesg}, {@code leaks}, {@code events}, {@code watch}): an input
     * one reads, the others read too.
     */
    public static String unreadable(List<StreamStats> logs) {
        if (logs.isEmpty()) {
            return "holds no kernel log (a bug report without dmesg or kernel-log scan sections?)";
        }
        boolean empty = true;
        for (StreamStats s : logs) {
            if (s.readableLines() > 0 || s.records() > 0) {
                return null;
            }
            empty &= s.lines() == 0;
        }
        if (empty) {
            return logs.get(0).section() == null ? "is empty" : "its kernel-log sections are empty";
        }
        for (StreamStats s : logs) {
            for (LineFormat f : s.formats()) {
                if (f.notRead() != null) {
                    return f.notRead();
                }
            }
        }
        return "no kernel-log lines could be read from it";
    }

    /**
     * Reads {@code raw} to its end. {@code stream} marks a live input (a pipe): records are handed
     * on whenever the input pauses. An {@link UntilInputStream} that ends because nobody reads the
     * output any more ends where the reading was: its last, partial line is not the input's, so it
     * is neither read nor said to be cut off.
     */
    public void read(String input, InputStream raw, boolean stream, Sink sink) throws IOException {
        // A read that fails (a cut-off .gz) ends the input where it failed: what came before is read, then the failure is told.
        FailureAtEndInputStream ending = new FailureAtEndInputStream(raw);
        BufferedInputStream in = new BufferedInputStream(ending, 64 * 1024);
        in.mark(8192);
        byte[] head = new byte[8192];
        int n = in.read(head);
        in.reset();
        String start = n <= 0 ? "" : new String(head, 0, n, StandardCharsets.UTF_8);
        if (BugReportReader.looksLike(start)) {
            readBugReport(input, in, sink);
            failedAt(ending, -1);
            return;
        }
        sink.streamStarted(input, null);
        KernelLogParser parser = new KernelLogParser(input, input, null, catalog, sink);
        BooleanSupplier stopped = raw instanceof UntilInputStream until ? until::stopped : () -> false;
        long lines;
        JsonDocumentReader.Kind document = JsonDocumentReader.detect(start);
        LineFormat refused = notRead(start);
        if (refused != null) {
            parser.recognized(refused);
            parser.end();
            lines = lines(in);
        } else if (document != null) {
            lines = JsonDocumentReader.read(in, document, parser, parser.journalJson(), stopped);
        } else {
            KernelLogScanner scanner = new KernelLogScanner();
            scanner.scan(in, parser, stream, stopped);
            lines = scanner.lines();
        }
        sink.streamEnded(new StreamStats(input, null, parser.formats(), lines, parser.readableLines(),
            parser.records(), parser.boots()));
        failedAt(ending, lines);
    }

    /** The first line of an entry of journalctl -o export (a pasted prompt may come before it). */
    private static final Pattern EXPORT = Pattern.compile("(?m)^__CURSOR=s=[0-9a-f]+;");
    /** The first line of an entry of journalctl -o verbose: {@code Fri 2026-11-27 12:00:01.123456 CET [s=...;i=...]}. */
    private static final Pattern VERBOSE = Pattern.compile("(?m)^\\S+ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\S+ \\[s=[0-9a-f]+;i=[0-9a-f]+;");

    /**
     * The form of a log whose fields are on lines of their own, which is not read (see {@link
     * LineFormat#notRead}), or null: {@code journalctl -o export} or {@code -o verbose}, found by
     * the first line of an entry in the input's first bytes (a pasted prompt may come before it).
     */
    private static LineFormat notRead(String head) {
        return EXPORT.matcher(head).find() ? LineFormat.JOURNAL_EXPORT : VERBOSE.matcher(head).find() ? LineFormat.JOURNAL_VERBOSE : null;
    }

    /** Counts the lines of {@code in} to its end. */
    private static long lines(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long lines = 0;
        boolean open = false;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            open = n > 0 ? buffer[n - 1] != '\n' : open;
        }
        return open ? lines + 1 : lines;
    }

    /** Throws the failure that ended the input early, saying how far it was read ({@code lines} when known, else -1). */
    private static void failedAt(FailureAtEndInputStream ending, long lines) throws IOException {
        IOException e = ending.failure();
        if (e != null) {
            String where = lines > 0 ? " at line " + lines + " (the lines before it are read)" : "";
            throw new IOException(IoErrors.describe(e) + where, e);
        }
    }

    private void readBugReport(String input, InputStream in, Sink sink) throws IOException {
        BugReportReader report = new BugReportReader(new LineReader(in));
        Dedup dedup = new Dedup(sink);
        for (BugReportReader.Section s = report.nextSection(); s != null; s = report.nextSection()) {
            if (s.title().equals("dmesg:")) {
                Log log = new Log(input, "dmesg", dedup);
                for (LineReader.Line l = report.nextLine(); l != null; l = report.nextLine()) {
                    log.line(l);
                }
                log.end();
            } else if (s.title().startsWith(SCAN_TITLE)) {
                Log log = null;
                for (LineReader.Line l = report.nextLine(); l != null; l = report.nextLine()) {
                    Matcher m = SUBSECTION.matcher(l.text());
                    if (m.find()) {
                        if (log != null) {
                            log.end();
                        }
                        log = new Log(input, m.group(1), dedup);
                    } else if (log != null) {
                        log.line(l);
                    }
                }
                if (log != null) {
                    log.end();
                }
            }
        }
    }

    /** One kernel log inside a bug report. */
    private final class Log {
        private final Dedup dedup;
        private final KernelLogParser parser;
        private final LineFeeder feeder;
        private final String input;
        private final String section;
        private long lines;

        Log(String input, String section, Dedup dedup) {
            this.input = input;
            this.section = section;
            this.dedup = dedup;
            dedup.section(section);
            dedup.sink.streamStarted(input, section);
            this.parser = new KernelLogParser(input, input, section, catalog, dedup);
            this.feeder = new LineFeeder(parser);
        }

        void line(LineReader.Line l) {
            lines++;
            feeder.line(l.number(), l.text());
        }

        void end() {
            feeder.end();
            dedup.sink.streamEnded(new StreamStats(input, section, parser.formats(), lines, parser.readableLines(),
                parser.records(), parser.boots()));
        }
    }

    /**
     * Drops a record already given by an earlier section: same kind and message, and the same
     * kernel time, or the same wall-clock time where one of them has no kernel time.
     */
    private static final class Dedup implements KernelLogParser.Listener {
        private final Sink sink;
        private final Map<String, String> firstSection = new HashMap<>();
        private String section;

        Dedup(Sink sink) {
            this.sink = sink;
        }

        void section(String name) {
            this.section = name;
        }

        @Override
        public void record(KernelRecord r) {
            RecordOrigin o = r.origin();
            String base = r.kind().label() + "\u0000" + r.message() + "\u0000";
            String byTime = o.kernelMicros() == null ? null : base + "k" + o.kernelMicros();
            String byWall = o.wall() == null ? null : base + "w" + wallKey(o.wall());
            if (seenElsewhere(byTime) || seenElsewhere(byWall)) {
                return;
            }
            remember(byTime);
            remember(byWall);
            sink.record(r);
        }

        private boolean seenElsewhere(String key) {
            if (key == null) {
                return false;
            }
            String first = firstSection.get(key);
            return first != null && !first.equals(section);
        }

        private void remember(String key) {
            if (key != null && firstSection.size() < MAX_KEYS) {
                firstSection.putIfAbsent(key, section);
            }
        }

        /** Month, day and time to the second: syslog sections have no year, journal sections no fraction. */
        private static String wallKey(WallTime w) {
            return w.month() + "-" + w.day() + "T" + w.hour() + ":" + w.minute() + ":" + w.second();
        }

        @Override
        public void diagnostic(Diagnostic d) {
            sink.diagnostic(d);
        }
    }
}
