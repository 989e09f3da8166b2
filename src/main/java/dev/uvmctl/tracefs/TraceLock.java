package dev.uvmctl.tracefs;

import java.util.ArrayList;
import java.util.List;

/**
 * The lock and state file of a probe set, {@code /run/uvmctl/trace.lock}: who installed it (a
 * running {@code record}, {@code watch --trace} or {@code leaks --trace}, or none for
 * {@code trace start}, whose set stays until {@code trace stop}), since when (tracefs keeps no
 * time), and what it holds. One {@code key=value} a line.
 *
 * @param owner the process that holds the set and removes it at its end, or null for a set {@code trace start} left
 * @param since when the set was installed, RFC 3339
 * @param facts the rest: {@code tracefs=}, {@code release=}, {@code layout=}, {@code probe=}, {@code tracepoint=}, {@code missing=} (absent from the kernel's symbols), {@code refused=}, {@code reader=} (a record reading a set
 *              {@code trace start} left), {@code unfinished=} (what a stop could not remove)
 */
public record TraceLock(Owner owner, String since, List<Fact> facts) {

    /** A process, told from a later one of the same pid by its start time ({@code /proc/PID/stat} field 22). */
    public record Owner(int pid, Long started, String command) {
    }

    /** One line of the state. */
    public record Fact(String key, String value) {
    }

    public List<String> all(String key) {
        List<String> out = new ArrayList<>();
        for (Fact f : facts) {
            if (f.key().equals(key)) {
                out.add(f.value());
            }
        }
        return out;
    }

    public String first(String key) {
        List<String> a = all(key);
        return a.isEmpty() ? null : a.get(0);
    }

    public String format() {
        StringBuilder b = new StringBuilder();
        if (owner != null) {
            b.append("owner=").append(owner.pid()).append('\n');
            if (owner.started() != null) {
                b.append("owner_start=").append(owner.started()).append('\n');
            }
            b.append("command=").append(owner.command()).append('\n');
        } else {
            b.append("owner=none\n");
        }
        b.append("since=").append(since).append('\n');
        for (Fact f : facts) {
            b.append(f.key()).append('=').append(f.value().replace('\n', ' ')).append('\n');
        }
        return b.toString();
    }

    /** Reads a lock file back; lines it does not know are kept as facts. */
    public static TraceLock parse(String text) {
        Integer pid = null;
        Long started = null;
        String command = null;
        String since = null;
        List<Fact> facts = new ArrayList<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = line.substring(0, eq);
            String v = line.substring(eq + 1);
            switch (k) {
                case "owner" -> pid = v.equals("none") ? null : parseInt(v);
                case "owner_start" -> started = parseLong(v);
                case "command" -> command = v;
                case "since" -> since = v;
                default -> facts.add(new Fact(k, v));
            }
        }
        return new TraceLock(pid == null ? null : new Owner(pid, started, command), since, List.copyOf(facts));
    }

    private static Integer parseInt(String v) {
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String v) {
        try {
            return Long.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
