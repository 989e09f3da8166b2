package dev.uvmctl.kernellog;

import dev.uvmctl.kernellog.CallTrace.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the lines of one oops / hung-task report / call trace into a {@link CallTrace}. The
 * report ends at the first line that is not part of a trace, or at the next report's header.
 */
final class TraceAssembly {
    private final Message first;
    private TraceKind kind;
    private String title;
    private String process;
    private Long pid;
    private Long tgid;
    private String state;
    private Integer seconds;
    private Frame ip;
    private final List<Frame> frames = new ArrayList<>();
    private int omitted;
    private boolean nvidia;
    private long lastLine;

    TraceAssembly(Message first, TraceLine line) {
        this.first = first;
        this.lastLine = first.lastLine;
        this.kind = TraceKind.TRACE;
        absorb(first, line);
    }

    /** Takes the message when it belongs to this trace. */
    boolean offer(Message m, TraceLine line) {
        if (line.type() == TraceLine.Type.NONE) {
            return false;
        }
        if (line.type() == TraceLine.Type.HEADER && title != null && line.kind() != TraceKind.OOPS) {
            return false;
        }
        absorb(m, line);
        return true;
    }

    private void absorb(Message m, TraceLine line) {
        lastLine = m.lastLine;
        // A switch expression (its value unused), so the compiler checks that every type has its case.
        boolean absorbed = switch (line.type()) {
            case HEADER -> {
                if (title == null) {
                    kind = line.kind();
                    title = m.text();
                }
                takeProcess(line);
                yield true;
            }
            case MEMBER -> {
                takeProcess(line);
                Long group = TraceLine.tgid(m.text());
                tgid = tgid == null ? group : tgid;
                yield true;
            }
            case IP -> {
                if (ip == null) {
                    ip = line.frame();
                }
                nvidia |= TraceLine.isNvidia(line.frame());
                yield true;
            }
            case FRAME -> {
                if (frames.size() < CallTrace.MAX_FRAMES) {
                    frames.add(line.frame());
                } else {
                    omitted++;
                }
                nvidia |= TraceLine.isNvidia(line.frame());
                yield true;
            }
            case NONE -> false;
        };
    }

    private void takeProcess(TraceLine line) {
        if (line.process() != null && process == null) {
            process = line.process();
        }
        if (line.pid() != null && pid == null) {
            pid = line.pid();
        }
        if (line.state() != null && state == null) {
            state = line.state();
        }
        if (line.seconds() != null) {
            seconds = line.seconds();
        }
    }

    /** The trace, or null when no frame ran through an nvidia module (not a GPU record). */
    CallTrace finish(RecordOrigin origin) {
        if (!nvidia) {
            return null;
        }
        return CallTrace.builder()
            .origin(origin.withLastLine(lastLine))
            .message(title != null ? title : first.text())
            .traceKind(kind)
            .title(title)
            .process(process)
            .pid(pid)
            .state(state)
            .blockedSeconds(seconds)
            .ip(ip)
            .frames(frames)
            .framesOmitted(omitted)
            .uvmActivity(UvmActivity.of(ip, frames))
            .tgid(tgid)
            .build();
    }

    Message first() {
        return first;
    }
}
