package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * A va_space was destroyed ({@code uvm_va_space_destroy}): everything it still had is released. {@code pid}, when the input
 * says it (a trace's line), is the process whose task ran the destroy: the one that dropped the va_space file's last reference
 * ({@code uvm_release}, the file's release, runs from {@code __fput} in that task: fs/file_table.c, fput queues it as the
 * task's work, which an exit runs after closing the files; uvm.c, 535.43.02..595.45.04), or a kernel worker for
 * {@code uvm_release_deferred} after a resume.
 */
public record VaSpaceDestroyed(EventTime time, Provenance source, String vaSpace, Integer pid) implements Event {
    public VaSpaceDestroyed {
        Objects.requireNonNull(vaSpace, "vaSpace");
    }

    @Override
    public EventKind kind() {
        return EventKind.va_space_destroyed;
    }
}
