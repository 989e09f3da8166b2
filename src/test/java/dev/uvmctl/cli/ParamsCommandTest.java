package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.testing.FailingSysRoot;
import dev.uvmctl.testing.Golden;
import dev.uvmctl.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsCommandTest {
    private static final String STOCK = Golden.resource("roots/params-stock-580").toString();
    private static final String CHANGED = Golden.resource("roots/params-changed-535").toString();
    private static final String AARCH64 = Golden.resource("roots/params-aarch64-575").toString();
    private static final String MODINFO = Golden.resource("corpus/params/001-modinfo-nvidia-uvm-535.txt").toString();

    private static CliRun.Result run(String... args) {
        return new CliRun().run(args);
    }

    private static void expect(CliRun.Result r, int exit, String golden) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        Golden.assertMatches(r.out(), "expected/params/" + golden);
    }

    @Test
    void stockSystemTableAndJson() {
        CliRun.Result table = run("params", "--root", STOCK);
        expect(table, 0, "stock-580.txt");
        assertThat(table.err()).isEmpty();
        expect(run("params", "--root", STOCK, "-o", "json"), 0, "stock-580.json");
    }

    @Test
    void aStockSystemPassesCheck() {
        CliRun.Result r = run("params", "--root", STOCK, "--check", "-q");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(run("params", "--root", AARCH64, "--check").exitCode()).isZero();
    }

    @Test
    void changedSystemWarnsAndFailsCheck() {
        expect(run("params", "--root", CHANGED), 0, "changed-535.txt");
        expect(run("params", "--root", CHANGED, "--check", "--changed"), 1, "changed-535-only-changed.txt");
        expect(run("params", "--root", CHANGED, "-o", "ndjson"), 0, "changed-535.ndjson");
    }

    @Test
    void aarch64With64KPagesTakesItsOwnDefaults() {
        expect(run("params", "--root", AARCH64, "--changed"), 0, "aarch64-575-changed.txt");
        CliRun.Result json = run("params", "--root", AARCH64, "-o", "json");
        assertThat(json.out()).contains("\"kernel_page_size\" : 65536")
            .contains("\"name\" : \"uvm_disable_hmm\",\n      \"type\" : \"bool\",\n      \"value\" : \"Y\"");
    }

    @Test
    void onATerminalTheMeaningColumnWraps() {
        CliRun.Result r = new CliRun().terminal(new TerminalInfo(true, true, () -> 120)).run("params", "--root", CHANGED, "--changed");
        expect(r, 0, "changed-535-width-120.txt");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        CliRun.Result wide = new CliRun().terminal(new TerminalInfo(true, true, () -> 120)).run("params", "--root", CHANGED, "--changed", "--wide");
        assertThat(wide.out().lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(120);
    }

    @Test
    void colourOnlyWhenAsked() {
        CliRun.Result plain = run("params", "--root", CHANGED, "--changed");
        assertThat(plain.out()).doesNotContain("\u001b[");
        CliRun.Result colour = run("params", "--root", CHANGED, "--changed", "--color=always");
        assertThat(colour.out()).contains("\u001b[33muvm_disable_hmm").contains("\u001b[1mPARAMETER");
        CliRun.Result forced = new CliRun().env("NO_COLOR", null).env("CLICOLOR_FORCE", "1").run("params", "--root", CHANGED, "--changed");
        assertThat(forced.out()).contains("\u001b[");
    }

    @Test
    void notLoadedIsExit3WithAdvice(@TempDir Path empty) {
        CliRun.Result r = run("params", "--root", empty.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("uvmctl: nvidia_uvm is not loaded (no /sys/module/nvidia_uvm in the system root " + empty
            + "): load it with 'modprobe nvidia-uvm', or read a capture with 'uvmctl params --root BUNDLE', or saved output with "
            + "'uvmctl params FILE' (modinfo nvidia-uvm, grep . /sys/module/nvidia_uvm/parameters/*, nvidia-bug-report.log)\n");
    }

    /**
     * What dev/capture-real.sh wrote keeps the driver's files under root/: given as the root (or as an input), its
     * parameters are those, as with --root DIR/root; where root/ is missing it says so as of root/.
     */
    @Test
    void aCaptureRunsParametersAreThoseOfItsDriverFiles(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("real");
        Trees.copy(Path.of(CHANGED), run.resolve("root"));
        Trees.copy(Path.of("src/test/resources/roots/capture-real-layout/snapshots"), run.resolve("snapshots"));
        CliRun.Result direct = run("params", "--root", run.resolve("root").toString(), "-o", "json");
        assertThat(direct.exitCode()).as(direct.toString()).isEqualTo(ExitCode.OK);
        assertThat(run("params", "--root", run.toString(), "-o", "json").out()).isEqualTo(direct.out());
        assertThat(run("params", run.toString(), "-o", "json").out()).contains("\"uvm_disable_hmm\"")
            .isEqualTo(run("params", run.resolve("root").toString(), "-o", "json").out());
        Trees.copy(Path.of("src/test/resources/roots/capture-real-layout/snapshots"), tmp.resolve("bare/snapshots"));
        CliRun.Result bare = run("params", "--root", tmp.resolve("bare").toString());
        assertThat(bare.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(bare.err()).contains("no /sys/module/nvidia_uvm in the system root " + tmp.resolve("bare"));
    }

    @Test
    void unreadableEntriesAreReportedAndTheRestIsShown() {
        CliRun.Result r = new CliRun().rootOpener(dir -> new FailingSysRoot(dir, Set.of(
                "/sys/module/nvidia_uvm/parameters/uvm_disable_hmm",
                "/sys/module/nvidia_uvm/parameters/uvm_ats_mode",
                "/etc/modprobe.d/typo.conf")))
            .run("params", "--root", CHANGED, "-o", "json");
        expect(r, ExitCode.INCOMPLETE, "changed-535-unreadable.json");
        assertThat(r.err()).isEqualTo("uvmctl: the answer is incomplete: 2 of 52 parameter values under "
            + "/sys/module/nvidia_uvm/parameters could not be read; the modprobe configuration file /etc/modprobe.d/typo.conf "
            + "could not be read\n");
    }

    @Test
    void anUnreadableParametersDirectoryIsExit3() {
        CliRun.Result r = new CliRun().rootOpener(dir -> new FailingSysRoot(dir, Set.of("/sys/module/nvidia_uvm/parameters")))
            .run("params", "--root", STOCK);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).contains("uvmctl: /sys/module/nvidia_uvm/parameters: permission denied (run as root)")
            .contains("uvmctl: the answer is incomplete: the parameter values could not be read");
    }

    @Test
    void aTableRunSummarisesDiagnosticsOnStandardError() {
        CliRun.Result r = run("params", "--root", CHANGED);
        assertThat(r.err()).isEqualTo("uvmctl: /etc/modprobe.d/typo.conf:3: unknown command 'optoins' (modprobe ignores this line)\n");
        CliRun.Result json = run("params", "--root", CHANGED, "-o", "json");
        assertThat(json.err()).isEmpty();
        assertThat(json.out()).contains("\"input\" : \"/etc/modprobe.d/typo.conf\",\n      \"line\" : 3,");
        assertThat(run("params", "--root", CHANGED, "-q").err()).isEmpty();
    }

    @Test
    void modinfoOnStandardInputAndAsAGzipFile(@TempDir Path tmp) throws IOException {
        byte[] modinfo = Files.readAllBytes(Path.of(MODINFO));
        CliRun.Result stdin = new CliRun().stdin(new java.io.ByteArrayInputStream(modinfo)).run("params", "-");
        expect(stdin, 0, "modinfo-535.txt");
        Path gz = tmp.resolve("modinfo.txt.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(modinfo);
        }
        CliRun.Result fromGz = run("params", gz.toString());
        assertThat(fromGz.exitCode()).isZero();
        assertThat(fromGz.out()).isEqualTo(stdin.out().replace("<stdin>", gz.toString()));
    }

    @Test
    void aDirectoryInputIsASystemRoot() {
        CliRun.Result asInput = run("params", STOCK, "-o", "json");
        CliRun.Result asRoot = run("params", "--root", STOCK, "-o", "json");
        assertThat(asInput.exitCode()).isZero();
        assertThat(asInput.out()).isEqualTo(asRoot.out());
    }

    @Test
    void aFileWithNothingRecognisableIsExit3(@TempDir Path tmp) throws IOException {
        Path junk = tmp.resolve("junk.bin");
        Files.write(junk, new byte[] {0, 1, 2, (byte) 0xff, '\n'});
        CliRun.Result r = run("params", junk.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.out()).contains("\"message\" : \"binary data, not text\"");
        assertThat(r.err()).contains("nothing in " + junk + " was recognised");
        CliRun.Result missing = run("params", tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(missing.err()).contains("could not be read (no such file)");
    }

    /**
     * A modprobe.d file given alone shows what it configures: each parameter a row with its value
     * unknown and its configured value (the nvidia module's with where it is configured). Before,
     * no row was made for a parameter no input showed a value of: 'No nvidia-uvm parameter in the
     * inputs', and the configured uvm_disable_hmm=1 was nowhere in the output.
     */
    @Test
    void aModprobeDFileAloneShowsWhatItConfigures(@TempDir Path tmp) throws IOException {
        String conf = Golden.resource("corpus-more/params/001-cuda-release-notes-uvm-conf-disable-hmm.txt").toString();
        CliRun.Result r = run("params", conf);
        assertThat(r.exitCode()).as("the values the module runs with are unknown").isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.out()).doesNotContain("No nvidia-uvm parameter").containsPattern("uvm_disable_hmm +\\? .* " + conf + ":1 = 1 ");
        assertThat(r.err()).contains("the inputs configure module parameters but show no value a loaded module runs with");
        CliRun.Result json = run("params", conf, "-o", "json");
        assertThat(json.out()).contains("\"name\" : \"uvm_disable_hmm\"").contains("\"value\" : \"1\"");
        Path core = tmp.resolve("nvidia.conf");
        Files.writeString(core, "options nvidia NVreg_EnableGpuFirmware=0\n");
        assertThat(run("params", core.toString()).out()).containsPattern("NVreg_EnableGpuFirmware +\\? +configured: " + core + ":1 = 0");
    }

    @Test
    void explainTextAndJson() {
        expect(run("params", "explain", "uvm_disable_hmm", "--root", CHANGED), 0, "explain-disable-hmm.txt");
        expect(run("params", "explain", "uvm_cpu_chunk_allocation_sizes", "--root", AARCH64, "-o", "json"), 0,
            "explain-cpu-chunk-aarch64.json");
    }

    @Test
    void explainWithoutADriverStillGivesTheCatalog(@TempDir Path empty) {
        CliRun.Result r = run("params", "explain", "uvm_leak_checker", "--root", empty.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains(String.format("  %-16s%s%n", "default:", "0 (as sysfs shows it)"))
            .contains(String.format("  %-16s%s", "this system:", "nvidia_uvm is not loaded"));
    }

    @Test
    void explainOfAnUnknownNameSuggestsTheNearest() {
        CliRun.Result r = run("params", "explain", "uvm_disable_hmmm", "--root", STOCK);
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("uvmctl: no nvidia-uvm parameter is named 'uvm_disable_hmmm' (did you mean uvm_disable_hmm?); "
            + "'uvmctl params' lists them\n");
    }
}
