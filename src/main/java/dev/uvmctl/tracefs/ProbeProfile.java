package dev.uvmctl.tracefs;

import dev.uvmctl.shared.Sizes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's count of each probe's hits and misses ({@code kprobe_profile}, kernel/trace/trace_kprobe.c:
 * probes_profile_seq_show, one line per kprobe event, {@code "  %-44s %15lu %15lu\n"}: the event's
 * name without its group, hits, misses), and the line a live run leaves in its trace when some of
 * uvmctl's probes missed hits during it.
 *
 * <p>A miss is a hit the kernel did not report: the probe fired while another probe's handler ran
 * on that CPU (kprobe recursion), or, for a return probe, with all of its {@code maxactive}
 * instances in use. Either way the trace_pipe shows no loss marker for it, so the history is
 * incomplete without a sign in the trace itself. A return probe's own misses are in the count from
 * Linux 5.17 (and the 5.4, 5.10 and 5.15 stable updates of January 2022: "tracing/kprobes: nmissed
 * not showed correctly for kretprobe"); before, the file shows only the entry's.
 */
public final class ProbeProfile {
    /**
     * What a live run writes into its instance's {@code trace_marker} before its end ({@link Tracefs#END_MARK}) when some of its
     * probes missed hits since it began, followed by {@code NAME=COUNT} for each: the kernel prints it as
     * {@code tracing_mark_write: uvmctl: probes missed hits (kprobe_profile): uvm_vas_destroy_r=3}.
     */
    public static final String MISSED_MARK = "uvmctl: probes missed hits (kprobe_profile):";

    private static final Pattern LINE = Pattern.compile("^\\s*(\\S+)\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\\d{1,18})");

    private ProbeProfile() {
    }

    /** One probe's counts. */
    public record Counts(long hits, long misses) {
    }

    /**
     * The counts of the probes named {@code names}, from the text of {@code kprobe_profile}. The file names each event without its
     * group, so another tool's probe of the same name is one more line of that name: such lines are added up, so that a miss is
     * never left out (it may then be the other probe's).
     */
    public static Map<String, Counts> parse(String text, List<String> names) {
        Map<String, Counts> counts = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches() || !names.contains(m.group(1))) {
                continue;
            }
            long hits = parseCount(m.group(2));
            long misses = parseCount(m.group(3));
            counts.merge(m.group(1), new Counts(hits, misses),
                (a, b) -> new Counts(Sizes.saturatedSum(a.hits, b.hits), Sizes.saturatedSum(a.misses, b.misses)));
        }
        return counts;
    }

    private static long parseCount(String digits) {
        // %lu of a 64-bit counter: more digits than a long holds only past 2^63 hits, read as that many.
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    /**
     * The misses of each probe between two readings ({@code before} null: none earlier). A count lower than before means the probe
     * was made anew (another run's set): all of its count is new. Only probes that missed since are kept.
     */
    public static Map<String, Long> missedSince(Map<String, Counts> before, Map<String, Counts> now) {
        Map<String, Long> missed = new LinkedHashMap<>();
        now.forEach((name, c) -> {
            Counts b = before == null ? null : before.get(name);
            long since = b == null || c.misses() < b.misses() ? c.misses() : c.misses() - b.misses();
            if (since > 0) {
                missed.put(name, since);
            }
        });
        return missed;
    }

    /** The marker text for {@code missed} (not empty). */
    public static String mark(Map<String, Long> missed) {
        StringJoiner j = new StringJoiner(" ", MISSED_MARK + " ", "");
        missed.forEach((name, n) -> j.add(name + "=" + n));
        return j.toString();
    }

    /**
     * The probes' misses a marker line's text says ({@code text}: what follows {@code tracing_mark_write: }), or null when it is
     * not such a line. A line of the right start with no pair says nothing was counted (an empty map).
     */
    public static Map<String, Long> ofMark(String text) {
        String t = text.strip();
        if (!t.startsWith(MISSED_MARK)) {
            return null;
        }
        Map<String, Long> missed = new LinkedHashMap<>();
        for (String word : t.substring(MISSED_MARK.length()).trim().split("\\s+")) {
            Matcher m = PAIR.matcher(word);
            if (m.matches()) {
                missed.merge(m.group(1), Long.parseLong(m.group(2)), Sizes::saturatedSum);
            }
        }
        return missed;
    }
}
