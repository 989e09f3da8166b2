package dev.uvmctl.event;

import dev.uvmctl.procfs.HolderState;
import dev.uvmctl.procfs.NvmlProcess;
import dev.uvmctl.procfs.VaSpaceView;
import java.util.ArrayList;
import java.util.List;

/**
 * What a snapshot could not see, as the sentences that make a report incomplete: what the view
 * itself misses (unreadable processes and files, a hidden /proc), and the processes a container's
 * PID namespace hides, whose memory and va_spaces cannot be judged from inside it.
 */
final class SnapshotGaps {
    private SnapshotGaps() {
    }

    static List<String> of(VaSpaceView view) {
        List<String> out = new ArrayList<>(view.missing());
        String container = view.snapshot().capture().containerEvidence();
        List<Integer> outside = new ArrayList<>();
        for (NvmlProcess n : view.nvml()) {
            if (n.state() == HolderState.outside_namespace) {
                outside.add(n.listed().pid());
            }
        }
        if (!outside.isEmpty()) {
            out.add("nvidia-smi lists " + (outside.size() == 1 ? "process " : "processes ") + join(outside) + " outside this PID namespace ("
                + container + "): what " + (outside.size() == 1 ? "it holds" : "they hold") + " cannot be judged from here; run uvmctl on the host");
        }
        boolean memoryUsed = view.gpus().stream().anyMatch(g -> g.smi() != null && g.smi().usedBytes() != null && g.smi().usedBytes() > 0);
        if (container != null && view.nvml().isEmpty() && memoryUsed) {
            out.add("nvidia-smi lists no process although GPU memory is in use, and this reader is in a container (" + container
                + "): NVML hides the processes of other PID namespaces, so who uses it cannot be judged from here; run uvmctl on the host");
        }
        return out;
    }

    private static String join(List<Integer> pids) {
        List<String> s = new ArrayList<>();
        for (Integer p : pids) {
            s.add(String.valueOf(p));
        }
        return String.join(", ", s);
    }
}
