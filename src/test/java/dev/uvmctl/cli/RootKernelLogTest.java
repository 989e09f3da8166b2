package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.ingest.RootKernelLogEventSource;
import dev.uvmctl.render.WatchFrame;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.source.SystemRoots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One root, one kernel log: every command that reads a system root's kernel log ({@code dmesg},
 * {@code leaks}, {@code events}, {@code watch}, {@code dmesg} in the shell) finds the same one, in
 * the documented order, whether the root is a directory or a {@code .tar.gz} packed the usual way.
 */
class RootKernelLogTest {
    private static final Path ROOTS = Path.of("src/test/resources/roots");

    @ParameterizedTest(name = "{1} after {0} removed")
    @CsvSource({
        "0, /dev/kmsg,                  1024",
        "1, /uvmctl/commands/dmesg.txt, 2048",
        "2, /dmesg.txt,                 3072",
        "3, /journal-k.json,            4096",
    })
    void everyCommandReadsTheFirstKernelLogOfTheDocumentedOrder(int removed, String place, long bytes, @TempDir Path tmp) {
        Path root = copy(ROOTS.resolve("log-order"), tmp.resolve("root"));
        for (String gone : RootKernelLogEventSource.PLACES.subList(0, removed)) {
            delete(root.resolve(gone.substring(1)));
        }
        String dir = root.toString();
        for (CliRun.Result dmesg : List.of(run("dmesg", "-o", "ndjson", dir), run("--root", dir, "dmesg", "-o", "ndjson"))) {
            assertThat(dmesg.exitCode()).as(dmesg.toString()).isEqualTo(ExitCode.FOUND);
            assertThat(dmesg.out()).contains("\"input\":\"" + place + "\"").contains("\"bytes\":" + bytes + ",");
        }
        // The root has no process table: what its log shows is reported, and the answer is incomplete.
        for (CliRun.Result leaks : List.of(run("leaks", "-o", "json", dir), run("--root", dir, "leaks", "-o", "json"))) {
            assertThat(leaks.exitCode()).as(leaks.toString()).isEqualTo(ExitCode.INCOMPLETE);
            assertThat(leaks.out()).contains("\"cpu\" : " + bytes).contains("\"input\" : \"" + place + "\"");
        }
        CliRun.Result events = run("--root", dir, "events", "-o", "ndjson");
        assertThat(events.exitCode()).as(events.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(events.out()).contains("\"bytes\":" + bytes + ",\"src\":{\"input\":\"" + place + "\"");
        WatchFrame watch = sampler(root).sample();
        assertThat(watch.kernelLines()).singleElement().asString().contains("Memory leak of " + bytes + " bytes");
        assertThat(watch.items()).extracting(WatchFrame.Item::level).containsExactly("driver");
    }

    @Test
    void aCaptureScriptsEmptyDmesgGivesWayToItsJournal() {
        String root = ROOTS.resolve("capture-script-journal").toString();
        CliRun.Result dmesg = run("dmesg", "-o", "ndjson", root);
        assertThat(dmesg.exitCode()).as(dmesg.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(dmesg.out()).contains("\"input\":\"/journal-k.json\"").contains("\"code\":79");
        CliRun.Result events = run("events", "-o", "ndjson", root);
        assertThat(events.out()).contains("{\"type\":\"xid\",\"boot\":\"8b2e4f60-a1c3-4d7e-9f0a-1b2c3d4e5f60\",\"time\":3990.110422");
    }

    @Test
    void aRootWhoseOnlyKernelLogIsEmptyIsIncompleteNamingIt(@TempDir Path tmp) throws IOException {
        Path root = copy(ROOTS.resolve("capture-script-journal"), tmp.resolve("root"));
        Files.writeString(root.resolve("journal-k.json"), "");
        CliRun.Result dmesg = run("dmesg", root.toString());
        assertThat(dmesg.exitCode()).as(dmesg.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(dmesg.err()).isEqualTo("uvmctl: /dmesg.txt: is empty\n");
        CliRun.Result leaks = run("leaks", root.toString());
        assertThat(leaks.exitCode()).as(leaks.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(leaks.err()).contains("uvmctl: " + root + " (kernel-log): is empty\n");
    }

    /** {@code tar czf node7.tar.gz bundle-node7/}: the archive's one directory is the root. */
    @Test
    void aTarGzPackedWithItsDirectoryReadsAsTheDirectoryInEveryCommand(@TempDir Path tmp) throws Exception {
        Path dir = ROOTS.resolve("bundle-node7");
        Path tarball = pack(dir, tmp.resolve("node7.tar.gz"));
        Path unnamed = Files.copy(tarball, tmp.resolve("node7.backup"));
        for (Path archive : List.of(tarball, unnamed)) {
            String a = archive.toString();
            assertThat(run("dmesg", "-o", "json", a)).isEqualTo(run("dmesg", "-o", "json", dir.toString()));
            assertThat(run("--root", a, "dmesg", "-o", "json")).isEqualTo(run("--root", dir.toString(), "dmesg", "-o", "json"));
            for (String command : List.of("leaks", "events")) {
                CliRun.Result fromArchive = run(command, "-o", "json", a);
                CliRun.Result fromDir = run(command, "-o", "json", dir.toString());
                assertThat(fromArchive.exitCode()).as(fromArchive.toString()).isEqualTo(fromDir.exitCode());
                assertThat(fromArchive.out().replace(a, dir.toString())).isEqualTo(fromDir.out());
                CliRun.Result asRoot = run("--root", a, command, "-o", "json");
                assertThat(asRoot.out().replace(a, dir.toString())).isEqualTo(fromDir.out());
            }
        }
        CliRun.Result leaks = run("leaks", "--explain", tarball.toString());
        assertThat(leaks.exitCode()).as(leaks.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(leaks.out()).contains("/uvmctl/commands/dmesg.txt:4  [ 6000.000010] nvidia-uvm: !!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        WatchFrame watch = sampler(SystemRoots.open(tarball)).sample();
        // The bundle keeps a kernel log and no /proc/PID: the view says it saw no process table, never "no holder".
        assertThat(watch.problems()).containsExactly("the capture bundle " + tarball + " (its bundle-node7/) (snapshot): /proc could not be read: "
            + "no process directory (/proc/PID) is there");
        assertThat(watch.kernelLines()).contains("[ 6000.000010] nvidia-uvm: !!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        assertThat(watch.source()).isEqualTo("the capture bundle " + tarball + " (its bundle-node7/)");
    }

    @Test
    void dmesgInTheShellReadsTheKernelLogOfTheShellsRoot(@TempDir Path tmp) throws Exception {
        Path tarball = pack(ROOTS.resolve("bundle-node7"), tmp.resolve("node7.tar.gz"));
        String screen = ShellTest.shell("dmesg\nexit\n", tmp, "shell", "--root", tarball.toString());
        assertThat(screen).contains("nvidia-uvm leak checker: 8 KiB not freed at unload").contains("[exit 1]")
            .doesNotContain("/dev/kmsg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"uptime-only", "params-only"})
    void aRootWithNeitherAKernelLogNorAProcessTableIsNeverClean(String name) {
        String root = ROOTS.resolve(name).toString();
        String missing = "uvmctl: " + root + ": neither a kernel log (dev/kmsg, uvmctl/commands/dmesg.txt, dmesg.txt, journal-k.json) "
            + "nor a process table (/proc/PID) is there: give a system root, a bundle 'uvmctl capture' wrote, a kernel log, "
            + "or recorded events (FILE.ndjson, --events -)\n";
        for (CliRun.Result r : List.of(run("leaks", "--root", root), run("leaks", root), run("events", root))) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
            assertThat(r.err()).isEqualTo(missing);
            assertThat(r.out()).doesNotContain("No findings");
        }
        CliRun.Result dmesg = run("dmesg", root);
        assertThat(dmesg.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(dmesg.err()).isEqualTo("uvmctl: " + root + ": no kernel log is there (none of dev/kmsg, uvmctl/commands/dmesg.txt, "
            + "dmesg.txt, journal-k.json): give a log file, or a root that holds one\n");
    }

    private static CliRun.Result run(String... args) {
        return new CliRun().run(args);
    }

    private static WatchSampler sampler(Path dir) {
        return sampler(SystemRoots.open(dir));
    }

    private static WatchSampler sampler(dev.uvmctl.source.SysRoot root) {
        return new WatchSampler(root, false, CommandRunner.none(), command -> {
            throw new IOException("no commands in a test");
        }, Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC), 8, 64L << 20);
    }

    /** Packs {@code dir} as {@code tar czf ARCHIVE DIRNAME/} run beside it does. */
    static Path pack(Path dir, Path archive) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tar", "-C", dir.toAbsolutePath().getParent().toString(), "-czf", archive.toString(),
            dir.getFileName() + "/").inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return archive;
    }

    static Path copy(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
