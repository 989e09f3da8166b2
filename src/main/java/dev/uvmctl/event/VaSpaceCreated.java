package dev.uvmctl.event;

import java.util.Objects;

/**
 * A va_space was created (UVM_INITIALIZE, or open before 530), by {@code pid} when known;
 * {@code sharing} is multi-process sharing mode. {@code observed}: a snapshot saw it exist (a
 * {@code /dev/nvidia-uvm} fd) rather than its creation; what it holds besides the ranges events
 * tell is then unknown.
 */
public record VaSpaceCreated(EventTime time, Provenance source, String vaSpace, Integer pid, String comm, boolean sharing,
                             boolean observed) implements Event {
    public VaSpaceCreated {
        Objects.requireNonNull(vaSpace, "vaSpace");
    }

    @Override
    public EventKind kind() {
        return EventKind.va_space_created;
    }
}
