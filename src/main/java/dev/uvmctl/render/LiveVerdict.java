package dev.uvmctl.render;

import dev.uvmctl.finding.Finding;
import dev.uvmctl.procfs.SnapshotVaSpace;
import dev.uvmctl.procfs.VaSpaceView;
import java.util.List;

/**
 * What {@code va-spaces} and {@code holders} print: the view of one snapshot, the findings the
 * reclaim model concluded from it (the ones {@code uvmctl leaks} reports on the same input), and
 * what could not be read ({@code missing}: non-empty means the answer is incomplete).
 */
public record LiveVerdict(VaSpaceView view, List<Finding> findings, List<String> missing) {

    /** The findings that name {@code pid} (as owner, holder, or a dead pid still charged). */
    public List<Finding> naming(int pid) {
        return findings.stream().filter(f -> f.names(pid)).toList();
    }

    /** The findings about a va_space that name one of its members. */
    public List<Finding> naming(SnapshotVaSpace vs) {
        return findings.stream().filter(f -> f.vaSpace() != null && vs.members().stream().anyMatch(m -> f.names(m.pid()))).toList();
    }
}
