package dev.uvmctl.kernellog;

import dev.uvmctl.kernellog.CallTrace.Frame;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one line of an oops, hung-task report or call trace is (kernel/hung_task.c,
 * arch/x86/kernel/dumpstack.c, lib/dump_stack.c): a header that starts a report, a member line
 * that belongs to one (registers, {@code Call Trace:}, {@code Modules linked in:}), or a frame.
 */
record TraceLine(Type type, TraceKind kind, String process, Long pid, String state, Integer seconds, Frame frame) {

    enum Type { HEADER, MEMBER, FRAME, IP, NONE }

    static final TraceLine NONE = new TraceLine(Type.NONE, null, null, null, null, null, null);
    private static final TraceLine MEMBER_LINE = new TraceLine(Type.MEMBER, null, null, null, null, null, null);

    private static final Pattern HUNG = Pattern.compile("^INFO: task (.+):(\\d+) blocked for more than (\\d+) seconds\\.");
    private static final Pattern SOFT_LOCKUP = Pattern.compile("^(?:watchdog: )?BUG: soft lockup - CPU#\\d+ stuck for (\\d+)s! \\[(.+):(\\d+)\\]");
    private static final Pattern WARNING = Pattern.compile("^WARNING: CPU: \\d+ PID: (\\d+) at ");
    private static final Pattern TASK = Pattern.compile("^task:(\\S+)\\s+state:(\\S+)\\s.*?\\bpid:\\s*(\\d+)");
    private static final Pattern CPU = Pattern.compile("^CPU: \\d+ (?:UID: \\d+ )?PID: (\\d+) Comm: (.*?) (?:Tainted|Not tainted)");
    private static final Pattern FRAME = Pattern.compile(
        "^\\s*(?:\\[<[0-9a-f]+>\\]\\s+)?(\\? )?([^\\s+?()\\[\\]]+)\\+0x([0-9a-f]+)/0x([0-9a-f]+)(?: \\[([\\w-]+)\\])?\\s*$");
    private static final Pattern IP = Pattern.compile(
        "^R?IP: (?:[0-9a-f]{4}:|\\[<[0-9a-f]+>\\] )?([^\\s+]+)\\+0x([0-9a-f]+)/0x([0-9a-f]+)(?: \\[([\\w-]+)\\])?\\s*$");
    private static final Pattern STACK_WORD = Pattern.compile("^[0-9a-f]{8,16}: [0-9a-f]{16} (?:\\((.*)\\)|\\.\\.\\.)\\s*$");
    private static final Pattern REGISTERS = Pattern.compile("^\\s*[A-Z][A-Z0-9_]{1,7}: +[0-9a-f]{4,}");
    private static final Pattern NVIDIA_INTERNAL = Pattern.compile("^_nv\\d+rm$");
    private static final String[] MEMBER_PREFIXES = {
        "Call Trace:", "Modules linked in:", "Hardware name:", "Workqueue:", "Code: ", "PGD ", "P4D ", "PUD ", "PMD ",
        "---[ end ", "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\"", "Stack:", "Kernel Offset:",
        "Fixing recursive fault", "Unloaded tainted modules:", "Kernel panic - not syncing",
        "Showing stack for process", "Dumping ftrace buffer", "Sending NMI from CPU",
    };

    private static final Pattern TGID = Pattern.compile("^task:\\S+\\s+state:\\S+\\s.*?\\btgid:\\s*(\\d+)");

    /**
     * The thread group a {@code task:} line names: {@code sched_show_task} (kernel/sched/core.c)
     * prints {@code tgid:} after {@code pid:} in newer kernels, and not before; null when the line has none.
     */
    static Long tgid(String text) {
        if (!text.startsWith("task:")) {
            return null;
        }
        Matcher m = TGID.matcher(text);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    /** Classifies a message text (leading spaces kept: frames start with one). */
    static TraceLine classify(String text) {
        if (text.isEmpty()) {
            return NONE;
        }
        char c = text.charAt(0);
        if (c == 'I' && text.startsWith("INFO: task ")) {
            Matcher m = HUNG.matcher(text);
            if (m.find()) {
                return new TraceLine(Type.HEADER, TraceKind.HUNG_TASK, m.group(1), Long.valueOf(m.group(2)), null,
                    Integer.valueOf(m.group(3)), null);
            }
        }
        if (text.startsWith("BUG: ") || text.startsWith("watchdog: BUG: ")) {
            Matcher m = SOFT_LOCKUP.matcher(text);
            if (m.find()) {
                return new TraceLine(Type.HEADER, TraceKind.SOFT_LOCKUP, m.group(2), Long.valueOf(m.group(3)), null, null, null);
            }
            return header(TraceKind.BUG);
        }
        if (text.startsWith("general protection fault")) {
            return header(TraceKind.GPF);
        }
        if (text.startsWith("WARNING: CPU: ")) {
            Matcher m = WARNING.matcher(text);
            return new TraceLine(Type.HEADER, TraceKind.WARNING, null, m.find() ? Long.valueOf(m.group(1)) : null, null, null, null);
        }
        if (text.startsWith("Oops: ")) {
            return header(TraceKind.OOPS);
        }
        if (text.startsWith("rcu: INFO: rcu_") && text.contains("detected stall")) {
            return header(TraceKind.STALL);
        }
        if (text.startsWith("task:")) {
            Matcher m = TASK.matcher(text);
            if (m.find()) {
                return new TraceLine(Type.MEMBER, null, m.group(1), Long.valueOf(m.group(3)), m.group(2), null, null);
            }
        }
        if (text.startsWith("CPU: ")) {
            Matcher m = CPU.matcher(text);
            if (m.find()) {
                return new TraceLine(Type.MEMBER, null, m.group(2), Long.valueOf(m.group(1)), null, null, null);
            }
        }
        if (text.startsWith("RIP: ") || text.startsWith("IP: ")) {
            Matcher m = IP.matcher(text);
            if (m.find()) {
                return new TraceLine(Type.IP, null, null, null, null, null,
                    frame(m.group(1), m.group(2), m.group(3), m.group(4), true));
            }
            return MEMBER_LINE;
        }
        if ((c == ' ' || c == '[' || c == '?' || c == '\t' || Character.isLetter(c) || c == '_' || c == '.') && text.contains("+0x")) {
            Matcher f = FRAME.matcher(text);
            if (f.find()) {
                return new TraceLine(Type.FRAME, null, null, null, null, null,
                    frame(f.group(2), f.group(3), f.group(4), f.group(5), f.group(1) == null));
            }
        }
        if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
            Matcher w = STACK_WORD.matcher(text);
            if (w.find()) {
                if (w.group(1) != null) {
                    Matcher inner = FRAME.matcher(w.group(1));
                    if (inner.find()) {
                        return new TraceLine(Type.FRAME, null, null, null, null, null,
                            frame(inner.group(2), inner.group(3), inner.group(4), inner.group(5), true));
                    }
                }
                return MEMBER_LINE;
            }
        }
        String stripped = text.strip();
        if (stripped.equals("<TASK>") || stripped.equals("</TASK>") || stripped.equals("<IRQ>")
            || stripped.equals("</IRQ>") || stripped.equals("<NMI>") || stripped.equals("</NMI>")
            || stripped.startsWith("Tainted: ")) {
            return MEMBER_LINE;
        }
        for (String p : MEMBER_PREFIXES) {
            if (text.startsWith(p)) {
                return MEMBER_LINE;
            }
        }
        if (text.startsWith("note: ") && text.contains(" exited with ")) {
            return MEMBER_LINE;
        }
        char r = stripped.isEmpty() ? ' ' : stripped.charAt(0);
        if (r >= 'A' && r <= 'Z' && hexAfterColon(stripped) && REGISTERS.matcher(text).find()) {
            return MEMBER_LINE;
        }
        return NONE;
    }

    /**
     * Whether a hex digit follows the first ": " (and any further spaces) within a register
     * name's reach: most lines that reach the register check ("NVRM: Xid ...") fail here, without
     * running the expression.
     */
    private static boolean hexAfterColon(String stripped) {
        int colon = stripped.indexOf(": ");
        if (colon < 2 || colon > 8) {
            return false;
        }
        int i = colon + 2;
        while (i < stripped.length() && stripped.charAt(i) == ' ') {
            i++;
        }
        char h = i < stripped.length() ? stripped.charAt(i) : ' ';
        return h >= '0' && h <= '9' || h >= 'a' && h <= 'f';
    }

    private static TraceLine header(TraceKind kind) {
        return new TraceLine(Type.HEADER, kind, null, null, null, null, null);
    }

    private static Frame frame(String function, String offset, String size, String module, boolean reliable) {
        return new Frame(function, Long.parseUnsignedLong(offset, 16), Long.parseUnsignedLong(size, 16), module, reliable);
    }

    /** True for a frame in an nvidia module, or in the core driver's {@code _nvNNNNNNrm} symbols. */
    static boolean isNvidia(Frame f) {
        return f.isNvidia() || NVIDIA_INTERNAL.matcher(f.function()).matches();
    }

    /** An {@code _nvNNNNNNrm} symbol printed without its {@code [nvidia]}: the line was cut short. */
    static boolean isCutNvidiaFrame(Frame f) {
        return f.module() == null && NVIDIA_INTERNAL.matcher(f.function()).matches();
    }
}
