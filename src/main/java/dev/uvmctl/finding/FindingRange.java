package dev.uvmctl.finding;

import dev.uvmctl.event.RangeType;
import dev.uvmctl.model.RangeState;
import java.util.Map;

/**
 * One range of a finding: {@code [start, end]} with {@code end} inclusive, as in the driver;
 * {@code bytes} per processor, or null when no input told its residency.
 */
public record FindingRange(long start, long end, RangeType type, RangeState state, Map<String, Long> bytes) {
}
