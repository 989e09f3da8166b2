package dev.uvmctl.kernellog;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Sizes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the lines of one kernel log (one input, or one section of a bug report) into typed
 * records. Lines come in order, but not necessarily all of them: a scanner may skip lines that
 * cannot concern the GPU, and hands over the lines right after a relevant one on request
 * ({@link #next()}) and the ones before it through a {@link Lookback}. Multi-line
 * messages, call traces, leak reports and GSP dumps are assembled here; boots are counted here.
 * Bad input never throws: an unreadable record-like line becomes one diagnostic.
 */
public final class KernelLogParser {
    /** Receives what the parser finds, in input order. */
    public interface Listener {
        void record(KernelRecord record);

        void diagnostic(Diagnostic diagnostic);

        /**
         * The /dev/kmsg record numbers jumped from {@code last} to {@code next} at {@code line}: the
         * records between were lost ({@link #kmsgSequence}); said besides the diagnostic, for a
         * follower that counts what it could not see.
         */
        default void recordsLost(long line, long last, long next) {
        }
    }

    /** The lines just before the current one that the scanner skipped; 1 is the line just before. */
    public interface Lookback {
        int available();

        long number(int back);

        String text(int back);
    }

    /** How every Xid line starts (kernel_rc.c): a kernel message holding it further on has text before it. */
    private static final String XID = "NVRM: Xid ";
    /** A kernel time this far below the one before it starts a new boot: clocks never go back that far. */
    private static final long TIME_RESET_MICROS = 1_000_000;
    private static final int MAX_LOOKBACK = 128;
    private static final int MAX_PENDING_DETAILS = 16;
    private static final int MAX_REMEMBERED = 65_536;

    private final String input;
    private final String diagnosticName;
    private final String section;
    private final XidCatalog catalog;
    private final Listener listener;
    private final LineParser text = new LineParser();
    private final JournalJson json = new JournalJson();
    private boolean jsonLines;

    private int boot = 1;
    private boolean bootHasContent;
    private BootStart pendingBoot;
    private Long lastMicros;
    private String bootId;

    private long lastNumber;
    private boolean prefixed;
    /** The format of the last line with a prefix (set once {@link #prefixed}). */
    private LineFormat lastFormat = LineFormat.BARE;
    private long readable;
    private long records;
    private final EnumSet<LineFormat> formats = EnumSet.noneOf(LineFormat.class);

    private Message current;
    private boolean currentRelevant;
    private boolean currentTrace;
    private int usualStart = -1;
    /** The last /dev/kmsg sequence number seen (-1: none yet), and the jumps in them: {@link #kmsgSequence}. */
    private long lastSeq = -1;
    private long kmsgJumps;
    private long kmsgMissing;
    private long lastJumpLine;
    private LogGaps.Found pendingJump;
    /**
     * Jumps placed one by one in the history ({@link #kmsgGap}). A copy filtered by hand (grep)
     * jumps at every line taken out, and each placed loss is kept by the model: past this many,
     * the jumps are summed into one record at the end, so that memory stays flat in the log's length.
     */
    static final int JUMPS_PLACED = 1024;
    private long unplacedJumps;
    private long unplacedMissing;
    private String lastJumpRaw;
    private String unplacedBootId;
    private TraceAssembly trace;
    private LeakAssembly leak;
    private KernelRecord held;
    private Message heldMessage;
    private final List<Message> initDetails = new ArrayList<>();
    private OomLines.Summary oomSummary;
    private final Map<PciAddress, String> uuids = new HashMap<>();
    private final Set<Long> gpuPids = new HashSet<>();

    /**
     * @param input          the input's name in records
     * @param diagnosticName the name diagnostics use (the file, also for a section of it)
     * @param section        the section of the input, or null
     */
    public KernelLogParser(String input, String diagnosticName, String section, XidCatalog catalog, Listener listener) {
        this.input = input;
        this.diagnosticName = diagnosticName;
        this.section = section;
        this.catalog = catalog;
        this.listener = listener;
    }

    /** Lines are {@code journalctl -o json} objects. */
    public void jsonLines(boolean on) {
        this.jsonLines = on;
    }

    /**
     * One physical line. {@code back} gives the skipped lines before it (or is null);
     * {@code unterminated} is true for a last line that had no newline.
     */
    public void line(long number, String line, Lookback back, boolean unterminated) {
        LogLine l = read(number, line);
        if (back != null && number > lastNumber + 1) {
            lookBack(l.message(), back);
        }
        if (unterminated && l.problem() == null && !jsonLines && Markers.relevant(l.message())) {
            diagnostic(number, "the last line ends without a newline: it may be cut off");
        }
        accept(l);
    }

    /**
     * A line of a document whose entries span several input lines ({@code dmesg --json}): read,
     * and after the entry before it with nothing between, whatever lines lie between them.
     */
    void entry(LogLine l) {
        if (lastNumber < l.number()) {
            lastNumber = l.number() - 1;
        }
        accept(l);
    }

    /** The log is in {@code format}, which is not read ({@link LineFormat#notRead}): it is among its formats, with no line read. */
    void recognized(LineFormat format) {
        formats.add(format);
    }

    /** The reader of journal JSON entries this parser reads lines with. */
    JournalJson journalJson() {
        return json;
    }

    /** What a reader of a document could not read, at {@code line}: one diagnostic, after what was read before it. */
    void problem(long line, String why) {
        diagnostic(line, why);
    }

    /**
     * A line that is not given, only looked at: whether it reads as a kernel-log line (for
     * {@link #readableLines()}), without records or diagnostics.
     */
    public void probe(String line) {
        LogLine l = read(0, line);
        if (l.problem() == null && l.hasPrefix()) {
            readable++;
            formats.add(l.format());
        }
    }

    /**
     * Whether the line after the last one given must be given too: inside a call trace always;
     * after a relevant message only when the next line does not start like the log's ordinary
     * lines (see {@link #usualStart()}): a continuation, an elision, a mangled line.
     */
    public Next next() {
        if (trace != null || current != null && currentTrace) {
            return Next.ALWAYS;
        }
        if (current != null && currentRelevant) {
            return prefixed ? Next.UNUSUAL : Next.ALWAYS;
        }
        return Next.SKIP;
    }

    /** The answers of {@link #next()}. */
    public enum Next { SKIP, UNUSUAL, ALWAYS }

    /** The first character of this log's ordinary (prefixed) lines, or -1 before the first one. */
    public int usualStart() {
        return usualStart;
    }

    /** The input paused (a stream with no data ready): finish what is open so it can be printed. */
    public void idle() {
        finishMessage();
        closeOpen();
        flushPendingBoot();
    }

    public void end() {
        idle();
        if (kmsgJumps > 1) {
            diagnostic(lastJumpLine, LogGaps.kmsgJumps(kmsgJumps, kmsgMissing));
        }
        unplaced();
    }

    /**
     * The record of the jumps not placed one by one since the last such record: at the end of the
     * log, and at the end of each boot, so that a later boot's history is not said to have lost
     * what an earlier one lost.
     */
    private void unplaced() {
        if (unplacedJumps > 0) {
            // With no time, the record stays at the end of its boot in this input's history (EventMerger) instead of going back in time.
            emit(new LogGap(new RecordOrigin(input, section, lastJumpLine, lastJumpLine, lastJumpRaw, boot, unplacedBootId, null, null, null),
                "", LogGap.Cause.KMSG_SEQUENCE, unplacedMissing, LogGaps.kmsgJumpsUnplaced(unplacedJumps, unplacedMissing, JUMPS_PLACED)));
            unplacedJumps = 0;
            unplacedMissing = 0;
        }
    }

    /**
     * The sequence number {@code seq} of the /dev/kmsg record on line {@code line}, given for every
     * record line, relevant or not. The kernel numbers its records one by one and a reader gets
     * them in order; when records were overwritten before they were read, the next read fails
     * with EPIPE and goes on at the oldest record left (kernel/printk/printk.c, devkmsg_read:
     * {@code pmsg.dropped}), so the numbers jump there. A number that does not grow is a new
     * reading of the buffer (a second copy, a reboot's numbers from 0), not a gap.
     */
    public boolean kmsgSequence(long line, long seq) {
        boolean jumped = lastSeq >= 0 && seq > lastSeq + 1;
        if (jumped) {
            LogGaps.Found gap = LogGaps.kmsgJump(lastSeq, seq);
            if (kmsgJumps++ == 0) {
                diagnostic(line, gap.why());
            }
            kmsgMissing = Sizes.saturatedSum(kmsgMissing, gap.count());
            lastJumpLine = line;
            if (kmsgJumps <= JUMPS_PLACED) {
                pendingJump = gap;
            } else {
                unplacedJumps++;
                unplacedBootId = bootId;
                unplacedMissing = Sizes.saturatedSum(unplacedMissing, gap.count());
            }
            listener.recordsLost(line, lastSeq, seq);
        }
        lastSeq = seq;
        return jumped;
    }

    /**
     * The line {@code text} at which {@link #kmsgSequence} just said the numbers jumped: the gap's
     * record, at that record's time, after everything before it (every jump is one, so that the
     * model knows each place; only the first and a sum are diagnostics).
     */
    public void kmsgGap(long line, String text) {
        LogGaps.Found gap = pendingJump;
        pendingJump = null;
        if (gap == null) {
            lastJumpRaw = TextCut.cut(text, RecordOrigin.MAX_RAW);
        } else {
            finishMessage();
            closeOpen();
            gap(new Message(read(line, text)), gap);
        }
    }

    public int boots() {
        return boot;
    }

    /** Lines whose timestamp or other prefix could be read. */
    public long readableLines() {
        return readable;
    }

    /** Records given, in all boots. */
    public long records() {
        return records;
    }

    public Set<LineFormat> formats() {
        return EnumSet.copyOf(formats);
    }

    /**
     * The one place a text line is read, in every format: its NUL padding and terminal escape
     * sequences (colour, a terminal capture's) are taken out first ({@link ControlBytes}), and the
     * line without them is the record's raw text.
     */
    private LogLine read(long number, String line) {
        return jsonLines ? json.parse(number, line) : text.parse(number, ControlBytes.strip(line));
    }

    /**
     * Feeds the lines before the one whose message is {@code message} that belong to the record
     * it is part of. Each line looked at is read once, and fed as read.
     */
    private void lookBack(String message, Lookback back) {
        TraceLine t = TraceLine.classify(message);
        int want = 0;
        int limit = Math.min(back.available(), MAX_LOOKBACK);
        // Most lines fed look back at nothing (an Xid): the lines seen are kept only when they might.
        LogLine[] seen = null;
        if (t.type() == TraceLine.Type.FRAME || t.type() == TraceLine.Type.IP || t.type() == TraceLine.Type.MEMBER) {
            seen = new LogLine[limit + 1];
            for (int b = 1; b <= limit && back.number(b) > lastNumber; b++) {
                TraceLine pt = TraceLine.classify(lineBack(seen, back, b).message());
                if (pt.type() == TraceLine.Type.NONE) {
                    break;
                }
                want = b;
                if (pt.type() == TraceLine.Type.HEADER && pt.kind() != TraceKind.OOPS) {
                    break;
                }
            }
        } else if (OomLines.isKilled(message)) {
            seen = new LogLine[limit + 1];
            for (int b = 1; b <= Math.min(limit, 4) && back.number(b) > lastNumber; b++) {
                if (lineBack(seen, back, b).message().startsWith("oom-kill:")) {
                    want = b;
                    break;
                }
            }
        } else if (limit >= 1 && back.number(1) > lastNumber && LogGaps.namesItsFunction(message)
            && back.text(1).contains(" callbacks suppressed")) {
            // The rate limit's line for a driver function whose name the scanner cannot know (a static one) is right before its print.
            LogLine limit1 = read(back.number(1), back.text(1));
            LogGaps.Found gap = LogGaps.suppressedBefore(limit1.message(), message);
            if (gap != null) {
                // Everything before the rate limit's line is done: the skipped lines between end it.
                finishMessage();
                closeOpen();
                diagnostic(back.number(1), gap.why());
                gap(new Message(limit1), gap);
            }
        }
        for (int b = want; b >= 1; b--) {
            accept(lineBack(seen, back, b));
        }
    }

    /** The line {@code b} back, read once into {@code seen}. */
    private LogLine lineBack(LogLine[] seen, Lookback back, int b) {
        if (seen[b] == null) {
            seen[b] = read(back.number(b), back.text(b));
        }
        return seen[b];
    }

    private void accept(LogLine l) {
        boolean gap = lastNumber > 0 && l.number() > lastNumber + 1;
        lastNumber = l.number();
        if (gap) {
            finishMessage();
            closeOpen();
        }
        if (l.problem() != null) {
            diagnostic(l.number(), l.problem());
            finishMessage();
            return;
        }
        if (l.message().isBlank() && !l.hasPrefix()) {
            finishMessage();
            return;
        }
        if (l.continuation() && current != null && current.format == LineFormat.KMSG) {
            // A /dev/kmsg record's " KEY=value" lines (SUBSYSTEM, DEVICE): part of it, not text.
            current.lastLine = l.number();
            return;
        }
        if (l.continuation()) {
            boolean frame = TraceLine.classify(l.message()).type() == TraceLine.Type.FRAME;
            if (current != null && (prefixed || !frame)) {
                current.append(l.number(), l.message().strip());
                return;
            }
            if (prefixed) {
                return;
            }
        }
        if (l.format() == LineFormat.JOURNAL_MARKER) {
            finishMessage();
            closeOpen();
            journalMarker(l);
            return;
        }
        if (!l.hasPrefix() && prefixed && !l.continuation()) {
            LogLine inner = unmarked(l);
            if (inner == null) {
                LogGaps.Found dropped = LogGaps.kernel(l.raw().strip());
                String why = dropped != null ? dropped.why() : withoutPrefix(l.raw(), lastFormat);
                if (why != null) {
                    diagnostic(l.number(), why);
                }
                finishMessage();
                closeOpen();
                if (dropped != null) {
                    gap(new Message(l), dropped);
                }
                return;
            }
            diagnostic(l.number(), "text added around a log line ('" + TextCut.cut(l.raw().substring(0, l.raw().indexOf(inner.raw())), 10) + "')");
            l = inner;
        }
        if (l.hasPrefix()) {
            prefixed = true;
            lastFormat = l.format();
            formats.add(l.format());
            readable++;
            usualStart = l.raw().isEmpty() ? -1 : l.raw().charAt(0);
        }
        finishMessage();
        if (!l.kernel()) {
            LogGaps.Found lost = LogGaps.journald(l.raw(), l.message());
            if (lost != null) {
                diagnostic(l.number(), lost.why());
                // What was open before the lost messages cannot go on after them.
                closeOpen();
                gap(new Message(l), lost);
            }
            return;
        }
        int xid = l.message().indexOf(XID);
        if (xid > 0) {
            // Text between a form's prefix and the Xid (labels of a log collector, a tool's own words around a
            // kernel message it quotes): the Xid is read from "NVRM:", and what came before it is said, never lost.
            diagnostic(l.number(), "text before '" + XID.strip() + "' ('" + TextCut.cut(l.message().substring(0, xid), 40)
                + "'): the Xid is read from 'NVRM:'");
            l = new LogLine(l.number(), l.raw(), l.message().substring(xid), l.format(), l.kernelMicros(), l.wall(), l.level(), true,
                false, null, l.bootId());
        }
        current = new Message(l);
        currentRelevant = Markers.relevant(l.message());
        currentTrace = trace != null
            || DriverLines.module(l.message()) == null && TraceLine.classify(l.message()).type() != TraceLine.Type.NONE;
    }

    /** The line inside {@code **...**} marks a poster added, or null. */
    private LogLine unmarked(LogLine l) {
        String s = l.raw();
        int start = 0;
        while (start < s.length() && s.charAt(start) == '*') {
            start++;
        }
        int end = s.length();
        while (end > start && s.charAt(end - 1) == '*') {
            end--;
        }
        if (start == 0 || end <= start) {
            return null;
        }
        LogLine inner = read(l.number(), s.substring(start, end));
        return inner.hasPrefix() && inner.problem() == null ? inner : null;
    }

    /**
     * Why a line without the prefix its neighbours have is worth a diagnostic: an elision, or a
     * driver line that lost its timestamp (a console's drop is {@link LogGaps#kernel}'s). Null for anything else (garbage, another program's
     * text): not a kernel-log record, so not a diagnostic either.
     */
    private static String withoutPrefix(String raw, LineFormat around) {
        String s = raw.strip();
        if (s.equals("...") || s.equals("…") || s.equals("[...]")) {
            return "'" + s + "' where lines were left out: the log is incomplete here";
        }
        return Markers.relevant(s) ? "a line without the " + around.label() + " prefix the lines around it have (pasted in, or its "
            + "prefix cut off), so of unknown time and boot: left out: " + TextCut.cut(s, 60) : null;
    }

    private void journalMarker(LogLine l) {
        String s = l.raw().strip();
        if (s.startsWith("-- Boot ") || s.equals("-- Reboot --")) {
            Message m = new Message(l);
            bootId = s.startsWith("-- Boot ") ? s.substring(8, s.length() - 3).strip() : null;
            newBoot("journal-marker", m, null);
        }
    }

    private void finishMessage() {
        if (current != null) {
            Message m = current;
            current = null;
            process(m);
        }
    }

    private void process(Message m) {
        String t = m.text();
        if (m.bootId != null) {
            if (bootId != null && !m.bootId.equals(bootId)) {
                closeOpen();
                bootId = m.bootId;
                newBoot("boot-id", m, null);
            }
            bootId = m.bootId;
        }
        if (t.startsWith("Linux version ")) {
            closeOpen();
            int sp = t.indexOf(' ', 14);
            newBoot("banner", m, sp < 0 ? t.substring(14) : t.substring(14, sp));
            lastMicros = m.kernelMicros;
            return;
        }
        if (m.kernelMicros != null) {
            if (lastMicros != null && m.kernelMicros + TIME_RESET_MICROS < lastMicros) {
                closeOpen();
                newBoot("time-reset", m, null);
            }
            lastMicros = m.kernelMicros;
        }
        if (trace != null) {
            TraceLine line = TraceLine.classify(t);
            if (trace.offer(m, line)) {
                checkCutFrame(m, line);
                return;
            }
            closeTrace();
        }
        if (leak != null) {
            if (leak.offer(m)) {
                return;
            }
            closeLeak();
        }
        if (held != null) {
            if (offerHeld(m)) {
                return;
            }
            closeHeld();
        }
        classify(m);
    }

    private void classify(Message m) {
        String t = m.text();
        LogGaps.Found gap = LogGaps.kernel(t);
        if (gap != null) {
            diagnostic(m.line, gap.why());
            gap(m, gap);
            return;
        }
        String module = DriverLines.module(t);
        if (module != null) {
            driver(m, module);
            return;
        }
        TraceLine line = TraceLine.classify(t);
        if (line.type() != TraceLine.Type.NONE) {
            flushInitDetails();
            trace = new TraceAssembly(m, line);
            checkCutFrame(m, line);
            return;
        }
        if (t.startsWith("oom-kill:")) {
            oomSummary = OomLines.summary(m.line, t);
            return;
        }
        if (OomLines.isKilled(t)) {
            OomLines.Summary summary = oomSummary != null && m.line - oomSummary.line() <= 4 ? oomSummary : null;
            OomKill kill = OomLines.killed(origin(m), t, summary, false);
            if (kill != null) {
                flushInitDetails();
                emit(gpuPids.contains(kill.pid()) ? kill.ofGpuProcess() : kill);
            }
            oomSummary = null;
        }
    }

    private void driver(Message m, String module) {
        String t = m.text();
        RecordOrigin o = origin(m);
        if (DriverLines.isUvm(module)) {
            String body = t.substring(module.length() + 1);
            if (DriverLines.leakPart(body) >= 0) {
                flushInitDetails();
                leak = new LeakAssembly(m);
                return;
            }
            flushInitDetails();
            emit(DriverLines.uvm(o, t, module, body));
            return;
        }
        if (DriverLines.isInitDetail(t) && initDetails.size() < MAX_PENDING_DETAILS) {
            initDetails.add(m);
            return;
        }
        String[] why = new String[1];
        KernelRecord r = DriverLines.nvrm(o, t, module, catalog, uuids::get, why);
        if (r == null) {
            flushInitDetails();
            diagnostic(m.line, why[0]);
            return;
        }
        if (r instanceof GpuFailure f && f.reason() == FailureReason.INIT_FAILED && f.code() != null && !initDetails.isEmpty()) {
            List<String> details = new ArrayList<>();
            for (Message d : initDetails) {
                details.add(d.text());
            }
            initDetails.clear();
            r = new GpuFailure(f.origin(), f.message(), f.gpu(), f.reason(), f.code(), f.minor(), f.devices(), f.rpc(), details);
        }
        flushInitDetails();
        if (holds(r)) {
            held = r;
            heldMessage = m;
        } else {
            emit(r);
        }
    }

    /** Records that the next messages may still add to. */
    private static boolean holds(KernelRecord r) {
        if (r instanceof XidRecord) {
            return true;
        }
        if (r instanceof GpuInfo g) {
            return g.uuid() != null && g.serial() == null;
        }
        if (r instanceof GpuLostRecord g) {
            return g.when().equals("runtime");
        }
        if (r instanceof GpuFailure f) {
            return f.reason() == FailureReason.GSP_TIMEOUT || f.reason() == FailureReason.INIT_FAILED && f.code() != null;
        }
        return r instanceof DriverMessage d && d.module().equals("NVRM");
    }

    private boolean offerHeld(Message m) {
        String t = m.text();
        long last = m.lastLine;
        boolean dump = DriverLines.isGspDump(t);
        if (held instanceof XidRecord x && dump) {
            held = x.withDetails(append(x.details(), t)).withOrigin(x.origin().withLastLine(last));
            return true;
        }
        if (held instanceof GpuFailure f && f.reason() == FailureReason.GSP_TIMEOUT && dump) {
            held = new GpuFailure(f.origin().withLastLine(last), f.message(), f.gpu(), f.reason(), f.code(), f.minor(),
                f.devices(), f.rpc(), append(f.details(), t));
            return true;
        }
        if (held instanceof GpuFailure f && f.gpu() != null && f.minor() == null) {
            Integer minor = DriverLines.minorFor(t, f.gpu());
            if (minor != null) {
                held = f.withMinor(minor, last);
                return true;
            }
        }
        if (held instanceof GpuInfo g && t.startsWith("NVRM: GPU Board Serial Number:")) {
            String serial = t.substring("NVRM: GPU Board Serial Number:".length()).strip();
            held = g.withSerial(serial.isEmpty() ? null : serial, last);
            return true;
        }
        if (held instanceof GpuLostRecord g && g.gpu() != null && t.contains(g.gpu().toString())) {
            String serial = DriverLines.serialIs(t);
            if (serial != null) {
                held = g.withSerial(serial, last);
                return true;
            }
        }
        if (held instanceof DriverMessage d) {
            if (dump && DriverLines.isGspDump(d.message())) {
                held = new DriverMessage(d.origin().withLastLine(last), d.message(), d.module(), d.gpu(), append(d.details(), t));
                return true;
            }
            if (DriverLines.startsParagraph(heldMessage.text()) && DriverLines.isNvrmContinuation(t) && m.sameTime(heldMessage)) {
                heldMessage.append(last, t);
                String[] why = new String[1];
                KernelRecord joined = DriverLines.nvrm(origin(heldMessage), heldMessage.text(), "NVRM", catalog, uuids::get, why);
                held = joined != null ? joined : d;
                if (!holds(held)) {
                    closeHeld();
                }
                return true;
            }
        }
        return false;
    }

    private static List<String> append(List<String> list, String s) {
        List<String> more = new ArrayList<>(list);
        if (more.size() < CallTrace.MAX_FRAMES) {
            more.add(s);
        }
        return more;
    }

    /** A frame of an {@code _nvNNNNNNrm} symbol without its module name: the line was cut. */
    private void checkCutFrame(Message m, TraceLine line) {
        if (line.frame() != null && TraceLine.isCutNvidiaFrame(line.frame())) {
            diagnostic(m.line, "frame '" + line.frame().function() + "' without its '[nvidia]' module name: the line is cut off");
        }
    }

    private void closeOpen() {
        closeTrace();
        closeLeak();
        closeHeld();
        flushInitDetails();
        oomSummary = null;
    }

    private void closeTrace() {
        if (trace != null) {
            CallTrace r = trace.finish(origin(trace.first()));
            trace = null;
            if (r != null) {
                emit(r);
            }
        }
    }

    private void closeLeak() {
        if (leak != null) {
            KernelRecord r = leak.finish(origin(leak.first()));
            leak = null;
            emit(r);
        }
    }

    private void closeHeld() {
        if (held != null) {
            KernelRecord r = held;
            held = null;
            heldMessage = null;
            emit(r);
        }
    }

    private void flushInitDetails() {
        if (!initDetails.isEmpty()) {
            List<Message> pending = new ArrayList<>(initDetails);
            initDetails.clear();
            for (Message d : pending) {
                emit(new DriverMessage(origin(d), d.text(), "NVRM", DriverLines.firstPci(d.text()), List.of()));
            }
        }
    }

    private void newBoot(String reason, Message m, String version) {
        if (bootHasContent) {
            flushPendingBoot();
            unplaced();
            boot++;
            bootHasContent = false;
            lastMicros = null;
            gpuPids.clear();
        }
        if (pendingBoot == null) {
            pendingBoot = new BootStart(origin(m), m.text(), reason, version);
        } else if (version != null && pendingBoot.kernelVersion() == null) {
            pendingBoot = new BootStart(pendingBoot.origin(), pendingBoot.message(), pendingBoot.reason(), version);
        }
    }

    private void flushPendingBoot() {
        if (pendingBoot != null) {
            BootStart b = pendingBoot;
            pendingBoot = null;
            records++;
            listener.record(b);
        }
    }

    private void emit(KernelRecord r) {
        flushPendingBoot();
        bootHasContent = true;
        records++;
        if (r.pid() != null && gpuPids.size() < MAX_REMEMBERED && !(r instanceof OomKill)) {
            gpuPids.add(r.pid());
        }
        if (r instanceof GpuInfo g && g.gpu() != null && g.uuid() != null && uuids.size() < MAX_REMEMBERED) {
            uuids.put(g.gpu(), g.uuid());
        }
        listener.record(r);
    }

    /** The record of a gap the log reports at {@code m}'s line (its diagnostic is the caller's). */
    private void gap(Message m, LogGaps.Found gap) {
        emit(new LogGap(origin(m), m.text(), gap.cause(), gap.count(), gap.why()));
    }

    private RecordOrigin origin(Message m) {
        return new RecordOrigin(input, section, m.line, m.lastLine, m.raw, boot, bootId, m.kernelMicros, m.wall, m.level);
    }

    private void diagnostic(long line, String message) {
        listener.diagnostic(Diagnostic.at(diagnosticName, line, message));
    }
}
