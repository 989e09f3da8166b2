package dev.uvmctl.finding;

import dev.uvmctl.event.Xid;
import java.util.List;
import java.util.Map;

/**
 * One ended process whose end explains two or more findings (docs/leaks.md, "Incidents"): who
 * ended, how and when ({@code process}: its exit reason and time), what it left on which GPU and
 * who still holds it. The findings stay findings; the incident only names them.
 *
 * @param id       stable across runs over the same history, like the finding ids
 * @param bytes    per GPU, the largest figure any of its findings gives for that GPU (the
 *                 findings are views of the same memory, so they are not added); empty when none tells
 * @param holders  live processes that still hold what the findings are about
 * @param xids     Xid events of its findings' evidence in the minute before the end
 * @param findings the ids of the findings it explains, in report order
 */
public record Incident(String id, ProcessRef process, List<String> gpus, Map<String, Long> bytes, List<ProcessRef> holders,
                       List<Xid> xids, List<String> findings) {
}
