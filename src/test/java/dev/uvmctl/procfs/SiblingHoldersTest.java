package dev.uvmctl.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.source.Kcmp;
import dev.uvmctl.source.LiveSysRoot;
import dev.uvmctl.source.SystemRoots;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sibling workers and one open file: fork() shares the struct file (kernel/fork.c: dup_fd), so
 * kcmp(2) KCMP_FILE answers "same" for a worker's inherited fd and its sibling's; an fd opened
 * anew (uvm_open, uvm.c 580.95.05) is another file and another va_space, whatever its number.
 */
class SiblingHoldersTest {
    private static final Path ROOT = Path.of("src/test/resources/roots/siblings-subreaper");

    private static VaSpaceView view(Kcmp kcmp) {
        return VaSpaceViewBuilder.build(SystemReader.read(new LiveSysRoot(new DirectorySysRoot(ROOT), kcmp), "the fixture", false,
            CommandRunner.none(), Instant.parse("2025-01-01T00:00:00Z")));
    }

    @Test
    void withoutKcmpTheHeuristicGroupsThePoolAndSaysItInferred() {
        VaSpaceView v = view(Kcmp.unavailable());
        assertThat(v.vaSpaces()).hasSize(1);
        assertThat(v.vaSpaces().get(0).members()).extracting(SnapshotVaSpace.Member::relation).containsExactly("owner", "sibling?", "sibling?");
    }

    @Test
    void kcmpSayingSameProvesTheGroup() {
        VaSpaceView v = view((a, fa, b, fb) -> true);
        assertThat(v.vaSpaces()).hasSize(1);
        assertThat(v.vaSpaces().get(0).members()).extracting(SnapshotVaSpace.Member::relation).containsExactly("owner", "sibling", "sibling");
    }

    @Test
    void kcmpSayingDifferentOverridesTheHeuristic() {
        // 7403 opened /dev/nvidia-uvm itself at the same fd number: its own va_space.
        VaSpaceView v = view((a, fa, b, fb) -> a != 7403 && b != 7403);
        assertThat(v.vaSpaces()).extracting(SnapshotVaSpace::ownerPid).containsExactly(7401, 7403);
    }

    @Test
    void aCaptureKeepsWhatKcmpSaidAndItsBundleAnswersWithIt(@TempDir Path tmp) throws Exception {
        Path bundle = tmp.resolve("b");
        SystemCapture.Result r = SystemCapture.run(new LiveSysRoot(new DirectorySysRoot(ROOT), (a, fa, b, fb) -> a != 7403 && b != 7403),
            new SystemCapture.Options(bundle, false, "the fixture", true, CommandRunner.none(), Instant.parse("2025-01-01T00:00:00Z"), "t"),
            root -> { }, (root, said) -> null);
        assertThat(r.snapshot().sameFiles().source()).isEqualTo("kcmp at capture");
        VaSpaceView again = VaSpaceViewBuilder.build(SystemReader.read(SystemRoots.open(bundle), "b", false, CommandRunner.none(),
            Instant.parse("2025-01-01T00:00:00Z")));
        assertThat(again.vaSpaces()).extracting(SnapshotVaSpace::ownerPid).containsExactly(7401, 7403);
    }

    @Test
    void aBrokenKcmpRecordIsADiagnosticWithItsLine() {
        List<Diagnostic> d = new ArrayList<>();
        OpenFileComparisons c = KcmpRecordParser.parse("# header\n7401 4 7402 4 same\n7401 4 x 4 same\n7401 4 7403 4 maybe\n", "k", d);
        assertThat(c.answers()).containsExactly(new OpenFileComparisons.Answer(7401, 4, 7402, 4, true));
        assertThat(d).extracting(Diagnostic::line).containsExactly(3L, 4L);
        assertThat(KcmpRecordParser.parse(KcmpRecordParser.write(c), "k", d)).isEqualTo(c);
    }

    @Test
    void orphanedMeansReparentedToAnyReaperNotAChildOfItsStarter() {
        ProcessStatus tini = new ProcessStatus(7300, "tini", "S", 7200, 7300, 0, List.of(7300, 1), 1, Provenance.of("s"), 7300, 7300);
        ProcessStatus subreaper = new ProcessStatus(900, "systemd", "S", 1, 900, 1000, List.of(900), 1, Provenance.of("s"), 900, 900);
        ProcessStatus starter = new ProcessStatus(7400, "python", "S", 1, 7400, 1000, List.of(7400), 1, Provenance.of("s"), 7400, 7390);
        assertThat(SiblingHolders.orphaned(worker(7300), tini)).isTrue();
        assertThat(SiblingHolders.orphaned(worker(900), subreaper)).isTrue();
        assertThat(SiblingHolders.orphaned(worker(1), null)).isTrue();
        assertThat(SiblingHolders.orphaned(worker(7400), starter)).isFalse();
        assertThat(SiblingHolders.orphaned(worker(7400), null)).isFalse();
    }

    private static HolderProcess worker(int ppid) {
        ProcessStatus st = new ProcessStatus(7401, "w", "S", ppid, 7401, 1000, List.of(7401), 1, Provenance.of("s"), 7400, 7390);
        return new HolderProcess(7401, st, new ProcessStat(7401, "S", ppid, 7400, 7390, 1, Provenance.of("s")), "", null, null, List.of(),
            List.of(), List.of(), 1, List.of());
    }
}
