package dev.uvmctl.kernellog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OOM killer's lines (mm/oom_kill.c): {@code oom-kill:constraint=...,task=comm,pid=N,uid=N}
 * (dump_oom_summary) just before {@code Out of memory: Killed process N (comm) total-vm:..kB,
 * anon-rss:..kB, file-rss:..kB, shmem-rss:..kB, UID:N pgtables:..kB oom_score_adj:N}
 * (__oom_kill_process), or {@code Memory cgroup out of memory: Killed process ...}; older
 * kernels print only {@code Killed process N (comm) total-vm:...}.
 */
final class OomLines {
    private static final String KILLED_PROCESS = "Killed process ";
    private static final Pattern FIELD = Pattern.compile("(?:^|,)(constraint|task_memcg|task|pid|uid)=([^,]*)");

    /** What an {@code oom-kill:} line says. */
    record Summary(long line, String constraint, String memcg, String task, Long pid, Long uid) {
    }

    private OomLines() {
    }

    static boolean isKilled(String text) {
        return text.contains("Killed process ");
    }

    static Summary summary(long line, String text) {
        if (!text.startsWith("oom-kill:")) {
            return null;
        }
        String constraint = null;
        String memcg = null;
        String task = null;
        Long pid = null;
        Long uid = null;
        Matcher m = FIELD.matcher(text.substring("oom-kill:".length()));
        while (m.find()) {
            switch (m.group(1)) {
                case "constraint" -> constraint = m.group(2);
                case "task_memcg" -> memcg = m.group(2);
                case "task" -> task = m.group(2);
                case "pid" -> pid = LineParser.digits(m.group(2));
                default -> uid = LineParser.digits(m.group(2));
            }
        }
        return new Summary(line, constraint, memcg, task, pid, uid);
    }

    /** The kill, with the summary line when it names the same process; null if not a kill line. */
    static OomKill killed(RecordOrigin o, String text, Summary summary, boolean gpuProcess) {
        // By hand rather than a regular expression: a log of OOM kills reads thousands of these,
        // and the launcher's C1-compiled regex engine cost several microseconds a line.
        // A reason before it is looked for first, then the line's start: the order the kernel's
        // forms were matched in before.
        int at = next(text, 0);
        while (at >= 0 && !killLineAt(text, at)) {
            at = next(text, at + 1);
        }
        if (at < 0 && text.startsWith(KILLED_PROCESS) && killLineAt(text, 0)) {
            at = 0;
        }
        if (at < 0) {
            return null;
        }
        int digitsStart = at + KILLED_PROCESS.length();
        int digitsEnd = digitsEnd(text, digitsStart);
        int close = text.lastIndexOf(')');
        String prefix = at == 0 ? null : text.substring(0, at - 2);
        long pid = Long.parseLong(text, digitsStart, digitsEnd, 10);
        String comm = text.substring(digitsEnd + 2, close);
        String tail = text.substring(close + 1);
        Long totalVm = kilobytes(tail, "total-vm:");
        Long anon = kilobytes(tail, "anon-rss:");
        Long file = kilobytes(tail, "file-rss:");
        Long shmem = kilobytes(tail, "shmem-rss:");
        Long pgtables = kilobytes(tail, "pgtables:");
        Long uid = number(tail, "UID:", false, 10);
        Long score = number(tail, "oom_score_adj:", true, 5);
        Integer adj = score == null ? null : score.intValue();
        boolean same = summary != null && summary.pid() != null && summary.pid() == pid;
        String constraint = same ? summary.constraint() : null;
        String memcg = same ? summary.memcg() : null;
        if (uid == null && same) {
            uid = summary.uid();
        }
        boolean cgroup = prefix != null && prefix.startsWith("Memory cgroup")
            || constraint != null && constraint.equals("CONSTRAINT_MEMCG");
        return OomKill.builder()
            .origin(o)
            .message(text)
            .pid(pid)
            .process(comm)
            .uid(uid)
            .totalVm(totalVm)
            .anonRss(anon)
            .fileRss(file)
            .shmemRss(shmem)
            .pageTables(pgtables)
            .oomScoreAdj(adj)
            .constraint(constraint)
            .memcg(memcg)
            .cgroup(cgroup)
            .gpuProcess(gpuProcess)
            .build();
    }

    /** The next "Killed process " from {@code from} on that follows ": " (the reason), or -1. */
    private static int next(String text, int from) {
        int at = text.indexOf(": " + KILLED_PROCESS, Math.max(from - 2, 0));
        return at < 0 ? -1 : at + 2;
    }

    /** Whether "Killed process " at {@code at} goes on with up to 10 digits, " (" and, later, ")". */
    private static boolean killLineAt(String text, int at) {
        int start = at + KILLED_PROCESS.length();
        int end = digitsEnd(text, start);
        return end > start && end - start <= 10 && text.startsWith(" (", end) && text.lastIndexOf(')') >= end + 2;
    }

    /** The last {@code name}NkB in {@code tail} (a word of its own, up to 15 digits), in bytes. */
    private static Long kilobytes(String tail, String name) {
        Long bytes = null;
        for (int at = wordAt(tail, name, 0); at >= 0; at = wordAt(tail, name, at + 1)) {
            int start = at + name.length();
            int end = digitsEnd(tail, start);
            if (end > start && end - start <= 15 && tail.startsWith("kB", end)) {
                bytes = Long.parseLong(tail, start, end, 10) * 1024;
            }
        }
        return bytes;
    }

    /** The first {@code name}N in {@code tail} (a word of its own, up to {@code max} digits). */
    private static Long number(String tail, String name, boolean signed, int max) {
        for (int at = wordAt(tail, name, 0); at >= 0; at = wordAt(tail, name, at + 1)) {
            int start = at + name.length();
            int first = signed && tail.startsWith("-", start) ? start + 1 : start;
            int end = digitsEnd(tail, first);
            // The digits may go on: the first up to max of them are the number, as \d{1,max} takes.
            if (end > first) {
                return Long.parseLong(tail, start, Math.min(end, first + max), 10);
            }
        }
        return null;
    }

    /** The next {@code name} at or after {@code from} that does not continue a word (as \b has it). */
    private static int wordAt(String text, String name, int from) {
        for (int at = text.indexOf(name, from); at >= 0; at = text.indexOf(name, at + 1)) {
            if (at == 0 || !isWordChar(text.charAt(at - 1))) {
                return at;
            }
        }
        return -1;
    }

    private static int digitsEnd(String text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A character {@code \b} counts as part of a word. */
    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
