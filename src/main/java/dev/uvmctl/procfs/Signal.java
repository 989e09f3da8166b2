package dev.uvmctl.procfs;

import java.util.List;

/**
 * Something the view shows that points at memory not released ({@code leak}: the command exits 1)
 * or that explains what the reader cannot see ({@code info}). {@code pids} and {@code gpus} name
 * what it is about; {@code evidence} the inputs (path:line) that show it.
 */
public record Signal(String id, Level level, String message, List<Integer> pids, List<String> gpus, List<String> evidence) {
    /** How much a signal weighs. */
    public enum Level { leak, info }
}
