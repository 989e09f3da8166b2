package dev.uvmctl.event;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The events of one input, in the input's own order. A record the reader cannot make sense of
 * becomes a diagnostic (given to the sink the reader was opened with) and reading goes on; an
 * {@link IOException} means the input itself could not be read further.
 */
public interface EventReader extends Closeable {

    /** The next event, or null at the end of the input. */
    Event next() throws IOException;

    /**
     * What the input could not show that the answer needs, one sentence each (processes that
     * could not be read, processes outside the reader's PID namespace): non-empty makes the
     * report incomplete. Known once {@link #next()} has returned null.
     */
    default List<String> incomplete() {
        return List.of();
    }

    /**
     * When the input gave no event at all: what it held instead, as one phrase (a kernel log of GPU records none of which the
     * model replays), or null when it held nothing to speak of. Said where the answer is that the inputs hold no events, in
     * place of asking whether it is the right file. Known once {@link #next()} has returned null.
     */
    default String heldInstead() {
        return null;
    }

    /**
     * What the input showed in use that it gave no event of and no holder for, as one sentence, or null: the va_spaces a trace
     * saw migrate that were made before it began and that it did not see destroyed, where no line told where they are (the
     * driver keeps a va_space while any fd or mapping holds its file, {@code uvm_release}, uvm.c, 535.43.02..595.45.04, and no
     * probe line names that process). Each existed when the input began; the verdict decides whether another input names their
     * holders ({@code ReclaimModel#listedSince}). Known once {@link #next()} has returned null.
     */
    default String unseenHolders() {
        return null;
    }

    /**
     * When the input began as its own first line tells, where that can be before its first event (a trace's first line may be
     * a live run's start mark, or a probe's that gave no event), with the boot it names (null: none); null where its first
     * event is its beginning. Known once {@link #next()} has returned null.
     */
    default EventTime began() {
        return null;
    }

    /** A reader of an input with no events. */
    static EventReader empty() {
        return new EventReader() {
            @Override
            public Event next() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
