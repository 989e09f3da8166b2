package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.SysRoot;
import java.util.ArrayList;
import java.util.List;

/**
 * What kcmp(2) ({@code KCMP_FILE}) said about {@code /dev/nvidia-uvm} fds of holders that map no
 * managed range, pair by pair: whether they are one open file. fork() gives the child the
 * parent's {@code struct file} (kernel/fork.c: dup_fd), and uvm_open keeps the va_space in that
 * file's {@code private_data} (uvm.c, 580.95.05), so one open file is one va_space. Asked of the
 * live system when it can answer (root), else read back from a capture ({@link BundlePaths#KCMP});
 * {@code source} says which, or is null when nothing answered: then the va-spaces view falls
 * back to its heuristic and says so.
 */
public record OpenFileComparisons(String source, List<Answer> answers) {
    /** The most pairs compared: siblings come in pools of tens, not thousands. */
    static final int MAX_PAIRS = 4096;

    public static final OpenFileComparisons NONE = new OpenFileComparisons(null, List.of());

    /** fd {@code fdA} of {@code pidA} and fd {@code fdB} of {@code pidB} are ({@code same}) or are not one open file. */
    public record Answer(int pidA, int fdA, int pidB, int fdB, boolean same) {
    }

    /** What kcmp said about {@code pidA}'s and {@code pidB}'s fds, or null when it was not asked or did not answer. */
    public Boolean same(int pidA, int pidB) {
        Boolean out = null;
        for (Answer a : answers) {
            if ((a.pidA() == pidA && a.pidB() == pidB) || (a.pidA() == pidB && a.pidB() == pidA)) {
                if (a.same()) {
                    return true;
                }
                out = false;
            }
        }
        return out;
    }

    /**
     * Asks {@code root} about every pair of {@code holders} that hold {@code /dev/nvidia-uvm}
     * without mapping it (a process that maps it owns its va_space: uvm_mmap refuses another mm);
     * when the root cannot answer, reads what a capture recorded.
     */
    static OpenFileComparisons read(SysRoot root, List<HolderProcess> holders, List<Diagnostic> diagnostics) {
        List<HolderProcess> candidates = holders.stream().filter(h -> h.uvmRanges().isEmpty() && !h.fds(DeviceFile.Kind.uvm).isEmpty()).toList();
        List<Answer> answers = new ArrayList<>();
        boolean answered = false;
        for (int i = 0; i < candidates.size() && answers.size() < MAX_PAIRS; i++) {
            HolderProcess a = candidates.get(i);
            FdLink first = a.fds(DeviceFile.Kind.uvm).get(0);
            for (int j = i + 1; j < candidates.size() && answers.size() < MAX_PAIRS; j++) {
                HolderProcess b = candidates.get(j);
                for (FdLink fd : b.fds(DeviceFile.Kind.uvm)) {
                    Boolean same = root.sameOpenFile(a.pid(), first.fd(), b.pid(), fd.fd());
                    if (same == null) {
                        continue;
                    }
                    answered = true;
                    answers.add(new Answer(a.pid(), first.fd(), b.pid(), fd.fd(), same));
                    if (same) {
                        break;
                    }
                }
            }
        }
        if (answered) {
            return new OpenFileComparisons("kcmp", List.copyOf(answers));
        }
        if (!candidates.isEmpty() && root.exists(BundlePaths.KCMP)) {
            try {
                return KcmpRecordParser.parse(root.readString(BundlePaths.KCMP), root.display(BundlePaths.KCMP), diagnostics);
            } catch (java.io.IOException e) {
                diagnostics.add(Diagnostic.of(root.display(BundlePaths.KCMP), dev.uvmctl.source.IoErrors.describe(e)));
            }
        }
        return NONE;
    }
}
