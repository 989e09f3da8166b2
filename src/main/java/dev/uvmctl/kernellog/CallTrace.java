package dev.uvmctl.kernellog;

import java.util.List;

/**
 * A call trace that runs through nvidia or nvidia_uvm frames: a hung task ({@code INFO: task
 * python:1234 blocked for more than 122 seconds.}), an oops, a general protection fault, a
 * {@code BUG:}, a {@code WARNING:}, a soft lockup, or a bare trace whose header was cut off.
 * Traces with no nvidia frame are not GPU records and are not kept.
 *
 * @param traceKind  {@code hung-task}, {@code bug}, {@code oops}, {@code gpf}, {@code warning},
 *                   {@code soft-lockup}, {@code stall} or {@code trace} (header missing)
 * @param title      the header line's text, or null when the trace starts without one
 * @param state      the task state from {@code task:NAME state:D ...}, else null
 * @param blockedSeconds from a hung-task header, else null
 * @param ip         the faulting instruction ({@code RIP:} / {@code IP:}), else null
 * @param frames     the frames in order, at most {@link #MAX_FRAMES}
 * @param framesOmitted frames beyond {@link #MAX_FRAMES}
 * @param uvmActivity what the nvidia_uvm frames were doing ({@code va_space teardown}, ...), else null
 */
public record CallTrace(RecordOrigin origin, String message, String traceKind, String title, String process, Long pid,
                        String state, Integer blockedSeconds, Frame ip, List<Frame> frames, int framesOmitted,
                        String uvmActivity, Long tgid) implements KernelRecord {

    public static final int MAX_FRAMES = 256;

    /** One frame: {@code function+0xoff/0xsize [module]}; unreliable frames are printed with {@code ?}. */
    public record Frame(String function, Long offset, Long size, String module, boolean reliable) {
        public boolean isNvidia() {
            return module != null && module.startsWith("nvidia");
        }
    }

    public CallTrace {
        frames = List.copyOf(frames);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.CALL_TRACE;
    }

    @Override
    public boolean needsAttention() {
        return true;
    }
}
