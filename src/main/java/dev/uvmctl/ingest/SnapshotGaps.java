package dev.uvmctl.ingest;

import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.procfs.VaSpaceViewBuilder;
import dev.uvmctl.procfs.ViewNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a snapshot could not see, as the sentences that make a report incomplete: what the view
 * itself misses (unreadable processes and files, a hidden /proc), what its notes say a
 * container's PID namespace hides, whose memory and va_spaces cannot be judged from inside it,
 * an nvidia-smi that cannot tell each process's GPU memory (WDDM: WSL) or could not reach a GPU or give its memory, and GPU memory in use beyond the tolerance that no nvidia-smi process list could account for.
 */
final class SnapshotGaps {
    /** The view's notes about processes another PID namespace hides from this reader. */
    static final Set<String> HIDDEN = Set.of("outside-namespace", "empty-process-table-in-container");
    /** The view's notes about GPU memory nvidia-smi cannot tell, so that none of it can be judged. */
    static final Set<String> UNJUDGED = Set.of(VaSpaceViewBuilder.PER_PROCESS_USAGE_UNKNOWN, VaSpaceViewBuilder.SMI_GPU_UNREACHABLE,
        VaSpaceViewBuilder.SMI_GPU_MEMORY_UNKNOWN);

    private SnapshotGaps() {
    }

    /** {@code tolerance}: GPU memory in use that may go unaccounted for (as {@code --tolerance}). */
    static List<String> of(VaSpaceView view, long tolerance) {
        List<String> out = hidingHolders(view);
        for (ViewNote n : view.notes()) {
            if (UNJUDGED.contains(n.id())) {
                out.add(n.message());
            }
        }
        String blind = SmiEvents.blind(view, tolerance);
        if (blind != null) {
            out.add(blind);
        }
        return out;
    }

    /** What may hide a holder from the snapshot: empty when it saw every process (the capture's {@code all_holders}). */
    static List<String> hidingHolders(VaSpaceView view) {
        List<String> out = new ArrayList<>(view.missing());
        for (ViewNote n : view.notes()) {
            if (HIDDEN.contains(n.id())) {
                out.add(n.message());
            }
        }
        return out;
    }

    /** True when the view says nvidia-smi cannot tell how much GPU memory each process uses (WDDM: WSL). */
    static boolean perProcessUsageUnknown(VaSpaceView view) {
        return view.notes().stream().anyMatch(n -> n.id().equals(VaSpaceViewBuilder.PER_PROCESS_USAGE_UNKNOWN));
    }

    /** True when the view says nvidia-smi lists no process only because this reader is in a container. */
    static boolean emptyInContainer(VaSpaceView view) {
        return view.notes().stream().anyMatch(n -> n.id().equals("empty-process-table-in-container"));
    }
}
