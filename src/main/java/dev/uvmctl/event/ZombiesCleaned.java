package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** The va_space's zombie managed ranges were destroyed (UVM_CLEAN_UP_ZOMBIE_RESOURCES). */
public record ZombiesCleaned(EventTime time, Provenance source, String vaSpace) implements Event {
    public ZombiesCleaned {
        Objects.requireNonNull(vaSpace, "vaSpace");
    }

    @Override
    public EventKind kind() {
        return EventKind.zombies_cleaned;
    }
}
