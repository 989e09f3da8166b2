package dev.uvmctl.event;

import java.io.Closeable;
import java.io.IOException;

/**
 * The events of one input, in the input's own order. A record the reader cannot make sense of
 * becomes a diagnostic (given to the sink the reader was opened with) and reading goes on; an
 * {@link IOException} means the input itself could not be read further.
 */
public interface EventReader extends Closeable {

    /** The next event, or null at the end of the input. */
    Event next() throws IOException;

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
