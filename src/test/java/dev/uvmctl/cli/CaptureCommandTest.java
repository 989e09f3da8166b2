package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.procfs.SmiCommands;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.source.ForwardingSysRoot;
import dev.uvmctl.source.SysRoot;
import dev.uvmctl.testing.FailingSysRoot;
import dev.uvmctl.testing.Golden;
import dev.uvmctl.testing.VanishingSysRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureCommandTest {
    private static final Path HOST = Path.of(VaSpacesCommandTest.HOST).toAbsolutePath();

    /** The live system's kernel log, as dmesg prints it. */
    private static final String DMESG = "[    5.000000] nvidia-uvm: Loaded the UVM driver, major device number 510.\n";

    /** nvidia-smi and dmesg of the live system, answered from the fixture's saved outputs. */
    static final class FixtureCommands implements CommandRunner {
        private final Path commands;

        FixtureCommands(Path root) {
            this.commands = root.resolve("uvmctl/commands");
        }

        @Override
        public boolean available(String program) {
            return program.equals("nvidia-smi") || program.equals("dmesg");
        }

        @Override
        public Result run(List<String> command, Duration timeout) throws IOException {
            if (command.equals(SmiCommands.QUERY_GPU)) {
                return ok("nvidia-smi-query-gpu.csv");
            }
            if (command.equals(SmiCommands.QUERY_APPS)) {
                return ok("nvidia-smi-query-compute-apps.csv");
            }
            if (command.equals(SmiCommands.TABLE)) {
                return new Result(0, "| NVIDIA-SMI 580.65.06    Driver Version: 580.65.06    CUDA Version: 13.0 |\n".getBytes(StandardCharsets.UTF_8), "");
            }
            if (command.get(0).equals("dmesg")) {
                return new Result(0, DMESG.getBytes(StandardCharsets.UTF_8), "");
            }
            return new Result(4, new byte[0], "Insufficient Permissions\n");
        }

        private Result ok(String file) throws IOException {
            return new Result(0, Files.readAllBytes(commands.resolve(file)), "");
        }
    }

    /**
     * A CLI whose live system ("/") is {@code root}, seen through {@code wrap}; its kernel log,
     * which the fixture has no /dev/kmsg for, is what dmesg prints.
     */
    private static CliRun live(Path root, Function<Path, SysRoot> wrap) {
        return new CliRun().commandRunner(new FixtureCommands(root))
            .kernelLogCommands(command -> {
                if (!command.get(0).equals("dmesg")) {
                    throw new IOException("no " + command.get(0) + " here");
                }
                return new ProcessBuilder("printf", "%s", DMESG).start();
            })
            .rootOpener(p -> p.getParent() == null ? wrap.apply(root) : dev.uvmctl.source.SystemRoots.open(p));
    }

    private static CliRun live(Path root) {
        return live(root, DirectorySysRoot::new);
    }

    @Test
    void aBundleReadsExactlyAsTheLiveSystemDid(@TempDir Path dir) {
        for (String format : List.of("table", "json", "ndjson")) {
            for (String command : List.of("va-spaces", "holders")) {
                Path tar = dir.resolve(command + "-" + format + ".tar.gz");
                Path unpacked = dir.resolve(command + "-" + format);
                CliRun.Result now = live(HOST).run(command, "-o", format);
                assertThat(now.exitCode()).as(now.toString()).isEqualTo(1);
                assertThat(live(HOST).run("capture", "--to", tar.toString()).exitCode()).isZero();
                assertThat(live(HOST).run("capture", "--to", unpacked.toString()).exitCode()).isZero();
                for (String[] args : List.of(new String[] {command, tar.toString(), "-o", format},
                    new String[] {command, "--root", tar.toString(), "-o", format},
                    new String[] {command, unpacked.toString(), "-o", format},
                    new String[] {command, unpacked.resolve("uvmctl/va-spaces.txt").toString(), "-o", format})) {
                    CliRun.Result later = new CliRun().run(args);
                    assertThat(later.exitCode()).as(String.join(" ", args)).isEqualTo(now.exitCode());
                    assertThat(later.out()).as(String.join(" ", args)).isEqualTo(now.out());
                }
            }
        }
    }

    /**
     * A root whose kernel log is the dmesg.txt and journal-k.json at its top (what
     * dev/capture-real.sh leaves) is captured with them: leaks and dmesg read the bundle as they
     * read the root, the Xid 79 of its journal included.
     */
    @Test
    void aRootsKernelLogAtItsTopGoesIntoTheBundle(@TempDir Path dir) {
        String root = "src/test/resources/roots/capture-script-journal";
        Path bundle = dir.resolve("b");
        assertThat(new CliRun().run("--root", root, "capture", "--to", bundle.toString()).exitCode()).isZero();
        assertThat(bundle.resolve("dmesg.txt")).exists();
        assertThat(bundle.resolve("journal-k.json")).exists();
        for (String command : List.of("leaks", "dmesg")) {
            CliRun.Result before = new CliRun().run("--root", root, command, "-o", "json");
            CliRun.Result after = new CliRun().run("--root", bundle.toString(), command, "-o", "json");
            assertThat(after.exitCode()).as(after.toString()).isEqualTo(before.exitCode());
            assertThat(LeaksRootsTest.withoutWallClockCapture(after.out()).replace(bundle.toString(), "ROOT"))
                .isEqualTo(before.out().replace(root, "ROOT"));
        }
        assertThat(new CliRun().run("--root", bundle.toString(), "dmesg").out()).contains("fallen off the bus");
    }

    @Test
    void theBundleLayoutKeepsLinksCommandsAndAManifest(@TempDir Path dir) throws IOException {
        Path bundle = dir.resolve("b");
        CliRun.Result r = live(HOST).run("capture", "--to", bundle.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readSymbolicLink(bundle.resolve("proc/2301/fd/4"))).hasToString("/dev/nvidia-uvm");
        assertThat(Files.readSymbolicLink(bundle.resolve("proc/self/ns/pid"))).hasToString("pid:[4026531836]");
        assertThat(bundle.resolve("proc/2301/maps")).exists();
        assertThat(bundle.resolve("proc/6999/fd")).isEmptyDirectory();
        assertThat(bundle.resolve("proc/6999/maps")).doesNotExist();
        assertThat(bundle.resolve("uvmctl/commands/dmesg.txt")).hasContent("[    5.000000] nvidia-uvm: Loaded the UVM driver, major device number 510.");
        assertThat(bundle.resolve("uvmctl/commands/nvidia-smi.txt")).exists();
        assertThat(bundle.resolve("uvmctl/commands/nvidia-smi-q.txt")).doesNotExist();
        assertThat(bundle.resolve("sys/module/nvidia_uvm")).doesNotExist();
        assertThat(bundle.resolve("etc/passwd")).doesNotExist();
        String manifest = Files.readString(bundle.resolve("uvmctl/manifest.json"));
        assertThat(r.out()).isEqualTo(manifest);
        assertThat(manifest).contains("\"captured_at\" : \"2026-11-27T12:00:00Z\"", "\"source\" : \"the live system\"", "\"live\" : true",
            "\"processes\" : 15", "\"command\" : \"nvidia-smi -q\",\n      \"exit_status\" : null,\n      \"note\" : \"nvidia-smi -q: exit status 4: Insufficient Permissions\"",
            "maps and fd links of 5 processes that hold no NVIDIA device");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("b");
        }
    }

    @Test
    void aManifestWhoseExitStatusIsNoNumberReadsAsUnknownNotAsABug(@TempDir Path dir) throws IOException {
        Path bundle = dir.resolve("b");
        assertThat(live(HOST).run("capture", "--to", bundle.toString()).exitCode()).isZero();
        CliRun.Result before = new CliRun().run("holders", "--root", bundle.toString(), "-o", "json");
        Path manifest = bundle.resolve("uvmctl/manifest.json");
        String text = Files.readString(manifest);
        assertThat(text).contains("\"exit_status\" : 0");
        Files.writeString(manifest, text.replace("\"exit_status\" : 0", "\"exit_status\" : \"abc\""));
        for (String command : List.of("holders", "va-spaces", "leaks", "dmesg")) {
            CliRun.Result r = new CliRun().run(command, "--root", bundle.toString());
            assertThat(r.exitCode()).as(r.toString()).isNotEqualTo(70);
            assertThat(r.err()).doesNotContain("internal error");
        }
        assertThat(new CliRun().run("holders", "--root", bundle.toString(), "-o", "json")).isEqualTo(before);
    }

    @Test
    void redactionReplacesHostUsersAndCommandLinesEverywhere(@TempDir Path dir) throws IOException {
        Path bundle = dir.resolve("public");
        assertThat(live(HOST).run("capture", "--to", bundle.toString(), "--redact").exitCode()).isZero();
        try (Stream<Path> files = Files.walk(bundle)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                assertThat(text).as(p.toString()).doesNotContain("gpu-node-07", "alice", "train.py");
            }
        }
        assertThat(bundle.resolve("proc/2301/cmdline")).hasContent("cmdline-1\0");
        assertThat(bundle.resolve("proc/sys/kernel/hostname")).hasContent("host-1");
        assertThat(Files.readString(bundle.resolve("proc/2301/maps"))).contains("/home/user-1/venv/lib/libcudart.so.12");
        CliRun.Result view = new CliRun().run("holders", bundle.toString(), "-o", "json");
        assertThat(view.out()).contains("\"host\" : \"host-1\"", "\"cmdline\" : \"cmdline-1\"");
    }

    @Test
    void refusedFilesAreListedAndRefusedAgainWhenTheBundleIsRead(@TempDir Path dir) throws IOException {
        Path tar = dir.resolve("partial.tar.gz");
        Set<String> denied = Set.of("/proc/2301/fd", "/proc/2301/maps", "/proc/6999/fd");
        CliRun.Result capture = live(HOST, p -> new FailingSysRoot(p, denied)).run("capture", "--to", tar.toString());
        assertThat(capture.exitCode()).as(capture.toString()).isEqualTo(3);
        assertThat(capture.err()).isEqualTo("uvmctl: the bundle is incomplete: 3 files could not be read (2 processes); run as root to "
            + "capture them (the manifest lists them)\n");
        CliRun.Result now = live(HOST, p -> new FailingSysRoot(p, denied)).run("va-spaces", "-o", "json");
        CliRun.Result later = new CliRun().run("va-spaces", tar.toString(), "-o", "json");
        assertThat(later.exitCode()).isEqualTo(3);
        assertThat(later.out()).isEqualTo(now.out()).contains("\"unreadable_processes\" : 2");
    }

    @Test
    void aProcessThatExitedMidScanReadsTheSameFromTheBundle(@TempDir Path dir) {
        Path bundle = dir.resolve("b.tgz");
        Function<Path, SysRoot> vanishing = p -> new VanishingSysRoot(p, Set.of(7100), "");
        assertThat(live(HOST, vanishing).run("capture", "--to", bundle.toString()).exitCode()).isZero();
        CliRun.Result now = live(HOST, vanishing).run("holders");
        CliRun.Result later = new CliRun().run("holders", bundle.toString());
        assertThat(later.out()).isEqualTo(now.out()).contains("1 exited during the scan");
        assertThat(later.exitCode()).isEqualTo(now.exitCode()).isEqualTo(1);
    }

    @Test
    void theManifestListsTheProcessesThatExitedSoTheirDirectoriesDoNotReadAsUnreadable(@TempDir Path dir) throws IOException {
        Path bundle = dir.resolve("b");
        assertThat(live(HOST, p -> new VanishingSysRoot(p, Set.of(7100), "")).run("capture", "--to", bundle.toString()).exitCode()).isZero();
        assertThat(bundle.resolve("proc/7100")).isDirectory();
        assertThat(bundle.resolve("proc/7100/status")).doesNotExist();
        Path manifest = bundle.resolve("uvmctl/manifest.json");
        String text = Files.readString(manifest);
        String listed = "\"exited_during_capture\" : [\n    7100\n  ]";
        assertThat(text).contains(listed);
        assertThat(new CliRun().run("holders", bundle.toString()).exitCode()).isEqualTo(1);
        Files.writeString(manifest, text.replace(listed, "\"exited_during_capture\" : [ ]"));
        CliRun.Result unlisted = new CliRun().run("holders", bundle.toString());
        assertThat(unlisted.exitCode()).as("a directory without its status that no capture saw exit: " + unlisted).isEqualTo(3);
        assertThat(unlisted.err()).contains("/proc/7100/status is missing, though /proc/7100 is still there");
    }

    @Test
    void anExistingTargetIsAUsageError(@TempDir Path dir) throws IOException {
        Path existing = Files.createDirectory(dir.resolve("there"));
        CliRun.Result r = live(HOST).run("capture", "--to", existing.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("uvmctl: --to " + existing + ": already exists: remove it or choose another name\n");
    }

    /** A root whose files fail to read once the capture copies them. */
    private static final class BreaksWhileCopied extends ForwardingSysRoot {
        private final DirectorySysRoot root;
        private int opens;

        BreaksWhileCopied(Path root) {
            this.root = new DirectorySysRoot(root);
        }

        @Override
        protected SysRoot delegate() {
            return root;
        }

        @Override
        public InputStream open(String path) throws IOException {
            if (++opens > 200) {
                throw new UncheckedIOException(new IOException("disk on fire"));
            }
            return root.open(path);
        }
    }

    @Test
    void anInterruptedCaptureLeavesNothingBehind(@TempDir Path dir) throws IOException {
        CliRun.Result r = live(HOST, BreaksWhileCopied::new).run("capture", "--to", dir.resolve("x.tar.gz").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(70);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void captureOfAFixtureRootNeedsNoCommands(@TempDir Path dir) {
        Path bundle = dir.resolve("f.tar.gz");
        CliRun.Result r = new CliRun().run("--root", Golden.resource("roots/live-retained-535").toString(), "capture", "--to", bundle.toString(),
            "-o", "ndjson");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("{\"type\":\"capture\",\"schema\":\"uvmctl.capture/v1\",\"target\":\"" + bundle + "\",\"files\":");
        CliRun.Result before = new CliRun().run("holders", "--root", Golden.resource("roots/live-retained-535").toString(), "-o", "json");
        CliRun.Result after = new CliRun().run("holders", bundle.toString(), "-o", "json");
        assertThat(after.out().replace("\"captured_at\" : \"2026-11-27T12:00:00Z\"", "\"captured_at\" : null")).isEqualTo(before.out());
    }
}
