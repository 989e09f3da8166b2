package dev.uvmctl.kernellog;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines in which the log says that it lost messages: a gap in the history that the lines around
 * it do not show. Each is a diagnostic at its line, since what the lost messages said (an Xid, a
 * driver assertion, an OOM kill, the driver's unload) is not in the input, and a report built
 * from it can be missing what they would have shown.
 */
final class LogGaps {
    /**
     * systemd-journald's own message when the sequence number of /dev/kmsg jumped: the kernel's
     * ring buffer overwrote records before journald read them (src/journal/journald-kmsg.c,
     * dev_kmsg_record: {@code "Missed %"PRIu64" kernel messages"}, MESSAGE_ID
     * e9bf28e6e834481bb6f48f548ad13606). It is journald's line, not the kernel's.
     */
    private static final Pattern JOURNALD = Pattern.compile("Missed (\\d{1,18}) kernel messages?");
    /**
     * A console that could not keep up (kernel/printk/printk.c: console_unlock before Linux 6.1,
     * console_prepend_dropped since): {@code "** %lu printk messages dropped **"}, without a
     * prefix, before the next message the console printed. The ring buffer (dmesg, the journal)
     * may still hold them; this capture of the console does not.
     */
    private static final Pattern CONSOLE = Pattern.compile("\\*\\* (\\d{1,18}) printk messages dropped \\*\\*");
    /**
     * lib/ratelimit.c, ___ratelimit: {@code "%s: %d callbacks suppressed"}, printed when a
     * rate-limited print is next allowed, {@code %s} the function whose prints were dropped. The
     * driver's asserts and rate-limited errors (UVM_ASSERT_PRINT_RL, UVM_ERR_PRINT_ALWAYS_RL,
     * uvm_common.h) go through printk_ratelimited; only the NVIDIA modules' functions are gaps of
     * this log's evidence (net_ratelimit and the like are other subsystems' business).
     */
    private static final Pattern RATELIMIT = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]{0,127}): (\\d{1,9}) callbacks suppressed");

    private LogGaps() {
    }

    /** A line that says messages were lost: who said it, how many (null: not said), and the diagnostic's text. */
    record Found(LogGap.Cause cause, Long count, String why) {
    }

    /**
     * Whether {@code text} may be one of these lines, as {@link Markers} asks of every line before
     * it is read: a console's drop, journald's count, a rate limit that names a driver function
     * ({@link #DRIVER_PREFIXES} anywhere in it: the match itself is {@link #kernel}'s).
     */
    static boolean mayBeGap(String text) {
        if (text.contains("printk messages dropped") || text.contains("journald") && text.contains("Missed ")) {
            return true;
        }
        if (!text.contains("callbacks suppressed")) {
            return false;
        }
        for (String prefix : DRIVER_PREFIXES) {
            if (text.contains(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The gap journald's line {@code message} ({@code raw} as written) says, or null when it is no such line. */
    static Found journald(String raw, String message) {
        if (!raw.contains("systemd-journald")) {
            return null;
        }
        Matcher m = JOURNALD.matcher(message.strip());
        if (!m.matches()) {
            return null;
        }
        return new Found(LogGap.Cause.JOURNALD, Long.parseLong(m.group(1)), "systemd-journald missed " + count(m.group(1), "kernel message")
            + " here (the kernel's ring buffer overwrote them before journald read them): the log is incomplete here");
    }

    /** The gap a kernel line (or a console's line without prefix) {@code text} says, or null when it says no loss. */
    static Found kernel(String text) {
        // Every message of the driver comes here: only a line that ends as one of the two can be one.
        if (!mayEndAs(text)) {
            return null;
        }
        String s = text.strip();
        Matcher m = CONSOLE.matcher(s);
        if (m.matches()) {
            return new Found(LogGap.Cause.CONSOLE, Long.parseLong(m.group(1)), "the console dropped " + count(m.group(1), "kernel message")
                + " here ('" + s + "'): this capture of the console is incomplete here; dmesg or the journal may still hold them");
        }
        m = RATELIMIT.matcher(s);
        return m.matches() && isDriverFunction(m.group(1)) ? suppressed(m.group(1), m.group(2)) : null;
    }

    /**
     * Whether {@code message} may be a driver print that a rate-limit line of its own function
     * comes just before: nvidia-uvm's long form names the function, {@code file.c:123 function[pid:N]}.
     */
    static boolean namesItsFunction(String message) {
        return message.contains("[pid:");
    }

    /**
     * The diagnostic for {@code previous}, the line just before the driver's print {@code print},
     * when it is the rate limit's line for the function that printed it, else null: ___ratelimit
     * prints it as the next print of that call site is allowed, so it comes right before it, and
     * the print names its function even when the name is no {@code uvm_} one (a static function).
     */
    static Found suppressedBefore(String previous, String print) {
        if (!mayEndAs(previous)) {
            return null;
        }
        Matcher m = RATELIMIT.matcher(previous.strip());
        return m.matches() && print.contains(" " + m.group(1) + "[pid:") ? suppressed(m.group(1), m.group(2)) : null;
    }

    /** Whether {@code text} may be a rate-limit line or a console's drop, white space after it allowed: what is worth a match. */
    static boolean mayEndAs(String text) {
        String s = text.stripTrailing();
        return s.endsWith(" callbacks suppressed") || s.endsWith(" dropped **");
    }

    /** A jump in a /dev/kmsg reading's record numbers, from {@code last} to {@code next}: {@link KernelLogParser#kmsgSequence}. */
    static Found kmsgJump(long last, long next) {
        return new Found(LogGap.Cause.KMSG_SEQUENCE, next - last - 1, "the /dev/kmsg record numbers jump from " + last + " to " + next
            + " here: " + count(Long.toString(next - last - 1), "record")
            + " missing (the kernel's ring buffer overwrote them before they were read, or lines were taken out of this copy): "
            + "the log is incomplete here");
    }

    /** Said at the end when the numbers jumped more than once: a copy filtered by hand (grep) jumps at every line taken out. */
    static String kmsgJumps(long jumps, long missing) {
        return "the /dev/kmsg record numbers jump " + jumps + " times in all, " + count(Long.toString(missing), "record")
            + " missing: a reader that fell behind more than once, or a copy filtered by hand (grep), which jumps at every "
            + "line taken out; what the missing records said is not in this report";
    }

    /** The record at the end of a log whose /dev/kmsg numbers jumped more than {@code placed} times: the jumps after those, summed. */
    static String kmsgJumpsUnplaced(long jumps, long missing, int placed) {
        return "the /dev/kmsg record numbers jumped " + jumps + " more times after the first " + placed + ", " + count(Long.toString(missing), "record")
            + " missing in all: too many places to keep one by one (a copy filtered by hand?), so they count here, at the end, "
            + "and whatever existed then is taken to have been in them";
    }

    private static Found suppressed(String function, String count) {
        return new Found(LogGap.Cause.RATELIMIT, Long.parseLong(count), "the kernel's rate limit suppressed " + count(count, "message")
            + " of the driver's " + function + " here: what the driver reported in this stretch is incomplete");
    }

    /**
     * A function of the NVIDIA modules by its name: nvidia-uvm's are {@code uvm_*}, the core
     * module's Linux layer {@code nv_*} and {@code nvidia_*} (kernel-open/nvidia-uvm, kernel-open/nvidia).
     */
    private static boolean isDriverFunction(String name) {
        for (String prefix : DRIVER_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The names of the NVIDIA modules' functions begin so: {@link #isDriverFunction}. */
    private static final List<String> DRIVER_PREFIXES = List.of("uvm_", "nv_", "nvidia_");

    private static String count(String digits, String noun) {
        return digits + " " + noun + (digits.equals("1") ? "" : "s");
    }
}
