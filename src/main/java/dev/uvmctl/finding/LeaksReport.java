package dev.uvmctl.finding;

import dev.uvmctl.event.EventsLost;
import dev.uvmctl.model.Evidence;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Sizes;
import java.util.List;

/**
 * Everything {@code uvmctl leaks} prints, whatever the format: the renderers only lay it out.
 *
 * @param end         kernel time (ns) of the end of the input in the last boot, or unknown
 * @param live        the live va_spaces, or null when {@code --all} was not given
 * @param hidden      findings the filters left out
 */
public record LeaksReport(String boot, long end, List<InputSummary> inputs, List<Unreadable> unreadable, List<Finding> findings,
                          List<Finding> live, int hidden, Stats stats, List<Diagnostic> diagnostics, long diagnosticsTotal) {

    /** v2: v1 ({@code uvmctl-leaks/1}) renamed as every uvmctl schema is named; the fields are v1's. */
    public static final String SCHEMA = "uvmctl.leaks/v2";

    /** An input that was read, its format and how many events it gave. */
    public record InputSummary(String name, String format, long events) {
    }

    /** An input (or part of one) that could not be read: the answer is incomplete. */
    public record Unreadable(String input, String message) {
    }

    /** True when the answer is incomplete: an input could not be read, or the inputs held no events to judge. */
    public boolean incomplete() {
        return !unreadable.isEmpty() || stats.events() == 0;
    }

    /** The size of what was replayed, and what the inputs said they lost of the last boot's history. */
    public record Stats(long events, int vaSpaces, int processes, long bootsEnded, Losses losses) {
    }

    /**
     * The inputs' reports of lost events in the last boot ({@code events_lost}: a trace's full ring
     * buffer): how many reports, the events they counted, and how many could not count theirs.
     */
    public record Losses(long reports, long counted, long uncounted) {
        public static final Losses NONE = new Losses(0, 0, 0);

        /** {@code losses} summed: the model's {@link dev.uvmctl.model.ReclaimModel#losses()}, each an {@link EventsLost}. */
        public static Losses of(List<Evidence> losses) {
            long counted = 0;
            long uncounted = 0;
            for (Evidence e : losses) {
                Long count = e.event() instanceof EventsLost l ? l.count() : null;
                if (count == null) {
                    uncounted++;
                } else {
                    // A kmsg copy's record numbers can claim near Long.MAX_VALUE lost at each of several jumps.
                    counted = Sizes.saturatedSum(counted, count);
                }
            }
            return new Losses(losses.size(), counted, uncounted);
        }
    }
}
