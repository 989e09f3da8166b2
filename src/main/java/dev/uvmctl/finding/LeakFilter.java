package dev.uvmctl.finding;

import dev.uvmctl.event.EventTime;
import java.util.Set;

/**
 * What {@code --min-size}, {@code --min-age}, {@code --pid} and {@code --gpu} keep. A finding
 * whose size or age no input told is kept: a filter never hides what uvmctl could not measure.
 *
 * @param minSize  bytes, or null for no limit
 * @param minAge   nanoseconds, or null for no limit
 * @param pids     owner, holder or faulting pids to keep; empty keeps all
 * @param gpus     GPUs (resolved names) to keep; empty keeps all
 */
public record LeakFilter(Long minSize, Long minAge, Set<Integer> pids, Set<String> gpus) {

    public boolean accepts(Finding f) {
        Long size = f.totalBytes();
        if (minSize != null && size != null && size < minSize) {
            return false;
        }
        if (minAge != null && f.age() != EventTime.UNKNOWN && f.age() < minAge) {
            return false;
        }
        if (!pids.isEmpty() && pids.stream().noneMatch(f::names)) {
            return false;
        }
        return gpus.isEmpty() || f.gpus().stream().anyMatch(gpus::contains);
    }
}
