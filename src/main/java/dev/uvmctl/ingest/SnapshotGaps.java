package dev.uvmctl.ingest;

import dev.uvmctl.procfs.Signal;
import dev.uvmctl.procfs.VaSpaceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a snapshot could not see, as the sentences that make a report incomplete: what the view
 * itself misses (unreadable processes and files, a hidden /proc), and what its signals say a
 * container's PID namespace hides, whose memory and va_spaces cannot be judged from inside it.
 */
final class SnapshotGaps {
    /** The view's signals about processes another PID namespace hides from this reader. */
    static final Set<String> HIDDEN = Set.of("outside-namespace", "empty-process-table-in-container");

    private SnapshotGaps() {
    }

    static List<String> of(VaSpaceView view) {
        List<String> out = new ArrayList<>(view.missing());
        for (Signal s : view.signals()) {
            if (HIDDEN.contains(s.id())) {
                out.add(s.message());
            }
        }
        return out;
    }

    /** True when the view says nvidia-smi lists no process only because this reader is in a container. */
    static boolean emptyInContainer(VaSpaceView view) {
        return view.signals().stream().anyMatch(s -> s.id().equals("empty-process-table-in-container"));
    }
}
