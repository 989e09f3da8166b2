package dev.uvmctl.kernellog;

import java.util.List;

/**
 * A call trace that runs through nvidia or nvidia_uvm frames: a hung task ({@code INFO: task
 * python:1234 blocked for more than 122 seconds.}), an oops, a general protection fault, a
 * {@code BUG:}, a {@code WARNING:}, a soft lockup, or a bare trace whose header was cut off.
 * Traces with no nvidia frame are not GPU records and are not kept. Made through
 * {@link Builder}, whose setters document the components.
 */
public record CallTrace(RecordOrigin origin, String message, TraceKind traceKind, String title, String process, Long pid,
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

    /** A CallTrace to fill by name. */
    static Builder builder() {
        return new Builder();
    }

    /** Names each component at the call site, where 13 positional arguments could not be read. */
    static final class Builder {
        private RecordOrigin origin;
        private String message;
        private TraceKind traceKind;
        private String title;
        private String process;
        private Long pid;
        private String state;
        private Integer blockedSeconds;
        private Frame ip;
        private List<Frame> frames;
        private int framesOmitted;
        private String uvmActivity;
        private Long tgid;

        private Builder() {
        }

        Builder origin(RecordOrigin v) {
            origin = v;
            return this;
        }

        Builder message(String v) {
            message = v;
            return this;
        }

        /**
         * What started it, as its header says ({@link TraceKind#TRACE} when the header is missing).
         */
        Builder traceKind(TraceKind v) {
            traceKind = v;
            return this;
        }

        /** The header line's text, or null when the trace starts without one. */
        Builder title(String v) {
            title = v;
            return this;
        }

        Builder process(String v) {
            process = v;
            return this;
        }

        Builder pid(Long v) {
            pid = v;
            return this;
        }

        /** The task state from {@code task:NAME state:D ...}, else null. */
        Builder state(String v) {
            state = v;
            return this;
        }

        /** From a hung-task header, else null. */
        Builder blockedSeconds(Integer v) {
            blockedSeconds = v;
            return this;
        }

        /** The faulting instruction ({@code RIP:} / {@code IP:}), else null. */
        Builder ip(Frame v) {
            ip = v;
            return this;
        }

        /** The frames in order, at most {@link CallTrace#MAX_FRAMES}. */
        Builder frames(List<Frame> v) {
            frames = v;
            return this;
        }

        /** Frames beyond {@link CallTrace#MAX_FRAMES}. */
        Builder framesOmitted(int v) {
            framesOmitted = v;
            return this;
        }

        /** What the nvidia_uvm frames were doing ({@code va_space teardown}, ...), else null. */
        Builder uvmActivity(String v) {
            uvmActivity = v;
            return this;
        }

        Builder tgid(Long v) {
            tgid = v;
            return this;
        }

        CallTrace build() {
            return new CallTrace(origin, message, traceKind, title, process, pid, state, blockedSeconds, ip, frames,
                framesOmitted, uvmActivity, tgid);
        }
    }
}
