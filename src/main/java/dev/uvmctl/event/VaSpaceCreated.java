package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * A va_space was created (UVM_INITIALIZE, or open before 530), by {@code pid} when known;
 * {@code sharing} is multi-process sharing mode. {@code observed}: a snapshot saw it exist (a
 * {@code /dev/nvidia-uvm} fd) rather than its creation; what it holds besides the ranges events
 * tell is then unknown. {@code fdPath}: the owner's fd the snapshot saw it through
 * ({@code /proc/PID/fd/N}), or null; a later snapshot that sees the same fd while the process
 * lives sees the same va_space, whatever name it gives it.
 */
public record VaSpaceCreated(EventTime time, Provenance source, String vaSpace, Integer pid, String comm, boolean sharing,
                             boolean observed, String fdPath) implements Event {
    public VaSpaceCreated {
        Objects.requireNonNull(vaSpace, "vaSpace");
    }

    @Override
    public EventKind kind() {
        return EventKind.va_space_created;
    }
}
