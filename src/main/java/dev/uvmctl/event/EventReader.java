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
     * What the input showed in use that it gave no event of and no holder for ({@link UnseenHolders}), or null. The verdict
     * decides whether another input names their holders ({@code ReclaimModel#listedSince}). Known once {@link #next()} has
     * returned null.
     */
    default UnseenHolders unseenHolders() {
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
