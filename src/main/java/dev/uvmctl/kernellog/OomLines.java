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
    private static final Pattern KILLED = Pattern.compile("^(?:(.*?): )?Killed process (\\d{1,10}) \\((.*)\\)(.*)$");
    private static final Pattern SIZE = Pattern.compile("\\b(total-vm|anon-rss|file-rss|shmem-rss|pgtables):(\\d{1,15})kB");
    private static final Pattern UID = Pattern.compile("\\bUID:(\\d{1,10})");
    private static final Pattern ADJ = Pattern.compile("\\boom_score_adj:(-?\\d{1,5})");
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
    static OomKill killed(Origin o, String text, Summary summary, boolean gpuProcess) {
        Matcher m = KILLED.matcher(text);
        if (!m.find()) {
            return null;
        }
        long pid = Long.parseLong(m.group(2));
        String tail = m.group(4);
        Long totalVm = null;
        Long anon = null;
        Long file = null;
        Long shmem = null;
        Long pgtables = null;
        Matcher s = SIZE.matcher(tail);
        while (s.find()) {
            long bytes = Long.parseLong(s.group(2)) * 1024;
            switch (s.group(1)) {
                case "total-vm" -> totalVm = bytes;
                case "anon-rss" -> anon = bytes;
                case "file-rss" -> file = bytes;
                case "shmem-rss" -> shmem = bytes;
                default -> pgtables = bytes;
            }
        }
        Matcher u = UID.matcher(tail);
        Long uid = u.find() ? Long.valueOf(u.group(1)) : null;
        Matcher a = ADJ.matcher(tail);
        Integer adj = a.find() ? Integer.valueOf(a.group(1)) : null;
        boolean same = summary != null && summary.pid() != null && summary.pid() == pid;
        String constraint = same ? summary.constraint() : null;
        String memcg = same ? summary.memcg() : null;
        if (uid == null && same) {
            uid = summary.uid();
        }
        boolean cgroup = m.group(1) != null && m.group(1).startsWith("Memory cgroup")
            || constraint != null && constraint.equals("CONSTRAINT_MEMCG");
        return new OomKill(o, text, pid, m.group(3), uid, totalVm, anon, file, shmem,
            pgtables, adj, constraint, memcg, cgroup, gpuProcess);
    }
}
