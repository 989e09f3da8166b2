package dev.uvmctl.kernellog;

/**
 * A place where the log says it lost messages ({@link LogGaps}): what the lost ones said is not in
 * the input, so a report built from it can be missing what they would have shown. It reaches the
 * model as an {@code events_lost} event, so that findings about what existed then say they are
 * inferred, and a report without findings says it did not see everything.
 *
 * @param message the line's message as logged; for a jump in {@code /dev/kmsg}'s record numbers, the
 *                message of the first record after the missing ones
 * @param count   how many messages were lost, or null when the log does not say
 * @param why     what the loss is and why it happened, as the diagnostic at the same line says it
 */
public record LogGap(RecordOrigin origin, String message, Cause cause, Long count, String why) implements KernelRecord {

    /** Who said that messages were lost. */
    public enum Cause {
        /** The record numbers of {@code /dev/kmsg} jumped (kernel/printk/printk.c, devkmsg_read). */
        KMSG_SEQUENCE("kmsg-sequence"),
        /** systemd-journald's {@code Missed N kernel messages}. */
        JOURNALD("journald"),
        /** A console's {@code ** N printk messages dropped **}. */
        CONSOLE("console"),
        /** lib/ratelimit.c's {@code FUNCTION: N callbacks suppressed} for a driver function. */
        RATELIMIT("ratelimit");

        private final String label;

        Cause(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public RecordKind kind() {
        return RecordKind.LOG_GAP;
    }

    /** Not a GPU's trouble: what the report could not see, which the summary says apart. */
    @Override
    public boolean needsAttention() {
        return false;
    }
}
