package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.testing.Golden;
import dev.uvmctl.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uvmctl leaks} on snapshots given in the order they were taken, in the layout of
 * dev/capture-real.sh: a forked child keeps its dead parent's va_space (held), and is
 * then killed too (nothing left). Each snapshot alone cannot tell that story.
 */
class LeaksSnapshotSequenceTest {
    private static final String SNAPSHOTS = "src/test/resources/roots/capture-real-layout/snapshots/";
    private static final String RUNNING = SNAPSHOTS + "while-running";
    private static final String PARENT_KILLED = SNAPSHOTS + "after-parent-killed";
    private static final String CHILD_KILLED = SNAPSHOTS + "after-child-killed";
    private static final String DMESG = "src/test/resources/roots/capture-real-layout/dmesg.txt";

    @Test
    void theChildHoldsTheVaSpaceOfItsKilledParent() {
        CliRun.Result table = new CliRun().run("leaks", RUNNING, PARENT_KILLED);
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(1);
        Golden.assertMatches(table.out() + "--- standard error ---\n" + table.err(), "expected/leaks/snapshots-held.txt");
        CliRun.Result json = new CliRun().run("leaks", RUNNING, PARENT_KILLED, "-o", "json", "--explain");
        Golden.assertMatches(json.out(), "expected/leaks/snapshots-held.json");
    }

    @Test
    void theManagedUpperBoundIsWrittenInAsciiWhereTheOutputIsNotUtf8() {
        String utf8 = new CliRun().run("leaks", RUNNING, PARENT_KILLED).out();
        assertThat(utf8).contains("\u2264 1.0 GiB").doesNotContain("<= 1.0 GiB");
        for (java.nio.charset.Charset other : new java.nio.charset.Charset[] {java.nio.charset.StandardCharsets.US_ASCII,
                java.nio.charset.StandardCharsets.ISO_8859_1}) {
            String text = new CliRun().outputCharset(other).run("leaks", RUNNING, PARENT_KILLED).out();
            assertThat(text).as(other.name()).contains("<= 1.0 GiB").matches("\\p{ASCII}*");
            // The same table: only the symbol (and the padding its width moves) differs.
            assertThat(text.replaceAll(" +", " ")).isEqualTo(utf8.replace("\u2264", "<=").replaceAll(" +", " "));
        }
    }

    @Test
    void theKernelLogBesideTheSnapshotsIsOfTheirBoot() {
        // Neither names a boot id: the snapshots join the log's boot instead of making one that
        // the log's would end, whichever is given first.
        for (String[] args : new String[][] {
            {"leaks", DMESG, RUNNING, PARENT_KILLED, "-o", "ndjson"},
            {"leaks", RUNNING, PARENT_KILLED, DMESG, "-o", "ndjson"}}) {
            CliRun.Result r = new CliRun().run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).contains("\"class\":\"held\"").contains("\"va_space\":\"/proc/5120/fd/4\"");
            assertThat(r.out()).contains("names no boot: taken to be of boot " + DMESG + "#1");
        }
    }

    /**
     * What dev/capture-real.sh wrote, given whole (its directory, or the .tar.gz of it), is its kernel log of the
     * run's boot and its snapshots in the order their captured-at says they were taken, whatever their names sort
     * as: the same report as the parts given by name in that order.
     */
    @Test
    void aCaptureRunGivenWholeIsItsLogAndItsSnapshotsInTheOrderTaken(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("real");
        Files.createDirectories(run.resolve("snapshots"));
        Files.copy(Path.of(DMESG), run.resolve("dmesg.txt"));
        // Named so that they sort the other way round from when they were taken.
        Trees.copy(Path.of(RUNNING), run.resolve("snapshots/b-first"));
        Trees.copy(Path.of(PARENT_KILLED), run.resolve("snapshots/a-second"));
        CliRun.Result parts = new CliRun().run("leaks", DMESG, RUNNING, PARENT_KILLED, "-o", "json");
        assertThat(parts.exitCode()).as(parts.toString()).isEqualTo(1);
        Path tarball = dir.resolve("real-capture.tar.gz");
        Trees.tarGz(run, tarball);
        for (Path whole : List.of(run, tarball)) {
            CliRun.Result r = new CliRun().run("leaks", whole.toString(), "-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(findings(r.out())).as(whole.toString()).isEqualTo(findings(parts.out())).contains("\"class\" : \"held\"");
            assertThat(r.out().indexOf("\"name\" : \"" + whole + "/snapshots/b-first (snapshot)\""))
                .as("the inputs in the order read").isPositive()
                .isLessThan(r.out().indexOf("\"name\" : \"" + whole + "/snapshots/a-second (snapshot)\""));
        }
        // A command that shows one snapshot says which to give.
        CliRun.Result holders = new CliRun().run("holders", "--root", run.toString());
        assertThat(holders.exitCode()).as(holders.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(holders.err()).contains("this is a capture run of dev/capture-real.sh, whose processes are in its snapshots: "
            + "give the last one, --root DIR/snapshots/a-second, or the whole run to 'uvmctl leaks DIR'");
        // Its trace, where the probes could be set, is part of it: empty, the answer is incomplete, as for the file given by name.
        Files.writeString(run.resolve("trace.txt"), "");
        CliRun.Result emptyTrace = new CliRun().run("leaks", run.toString());
        assertThat(emptyTrace.exitCode()).as(emptyTrace.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(emptyTrace.out()).contains(run.resolve("trace.txt") + ": is empty");
        Files.copy(Path.of("src/test/resources/ftrace/saved-by-hand.trace"), run.resolve("trace.txt"), StandardCopyOption.REPLACE_EXISTING);
        CliRun.Result traced = new CliRun().run("leaks", run.toString(), "-o", "json");
        assertThat(traced.out()).contains("\"name\" : \"" + run.resolve("trace.txt") + "\",\n      \"format\" : \"ftrace\"");
        Files.delete(run.resolve("trace.txt"));
        Files.delete(run.resolve("dmesg.txt"));
        CliRun.Result noLog = new CliRun().run("leaks", run.toString());
        assertThat(noLog.exitCode()).as(noLog.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(noLog.out()).contains("the capture keeps no kernel log");
    }

    /**
     * The report's summary and findings, without what names the boot: a root's log with no boot id names none, where
     * the same log given by name names its boot after itself (dmesg.txt#1), and a finding's id is made with its boot.
     */
    private static String findings(String json) {
        return json.substring(json.indexOf("\"summary\""), json.indexOf("\"incidents\""))
            .replaceAll("(?m)^ *\"(boot|id)\" : .*\n", "");
    }

    /**
     * A snapshot of a program holding its va_space, then a trace of the same boot begun after it: the
     * program forks a worker and is OOM-killed. The trace never saw the va_space created, but the
     * fork copies the fd table (kernel/fork.c: dup_fd), so the worker holds what the snapshot saw the
     * program hold, and the snapshot after the trace agrees. Before, a fork passed on only what the
     * trace itself had seen made, and the program's end left the va_space "leaked" (no live process
     * holds it: reboot, report to NVIDIA), even beside the later snapshot of the worker holding it.
     */
    @Test
    void aForkInATraceBegunAfterASnapshotPassesOnWhatTheSnapshotSawHeld(@TempDir Path dir) throws IOException {
        String boot = "7c1d9e2a-3b4f-4a5b-9c6d-0e1f2a3b4c5d";
        Path before = dir.resolve("before-trace");
        Trees.copy(Path.of(RUNNING), before);
        try (java.util.stream.Stream<Path> child = Files.walk(before.resolve("proc/5133"))) {
            for (Path p : child.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Path after = dir.resolve("after-trace");
        Trees.copy(Path.of(PARENT_KILLED), after);
        for (Path root : List.of(before, after)) {
            Files.createDirectories(root.resolve("proc/sys/kernel/random"));
            Files.writeString(root.resolve("proc/sys/kernel/random/boot_id"), boot + "\n");
        }
        String task = "          python-5120    (   5120) [003] .....  ";
        Path trace = Files.writeString(dir.resolve("uvm.trace"), String.join("\n",
            "# uvmctl-trace: version=1 release=580.95.05 arch=x86_64 clock=local boot=" + boot + " layout=580.65.06.. instance=uvmctl",
            task + "10013.000000: task_newtask: pid=5133 comm=python clone_flags=1200011 oom_score_adj=0",
            task + "10013.000100: sched_process_fork: comm=python pid=5120 child_comm=python child_pid=5133",
            "         trainer-5001    (   5001) [001] .....  10014.000000: mark_victim: pid=5120",
            task + "10014.010000: sched_process_exit: comm=python pid=5120 prio=120") + "\n");
        // The snapshot before the trace, the trace; and the snapshot after it too, which shows the worker holding.
        for (List<String> inputs : List.of(List.of(before.toString(), trace.toString()),
                List.of(before.toString(), trace.toString(), after.toString()))) {
            CliRun.Result r = leaks(inputs, "--all", "-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).as(inputs.toString()).contains("\"class\" : \"held\"", "\"pid\" : 5133", "\"inherited_from\" : 5120")
                .doesNotContain("\"class\" : \"leaked\"")
                // dup_fd keeps the fd numbers: the worker's fds 4 and 5 are the program's, one va_space, not a second.
                .doesNotContain("\"va_space\" : \"/proc/5133/fd/4\"");
        }
        // A snapshot after that in which the worker lives without them: it closed its copies, the last ones, and
        // uvm_release destroyed the va_space. Before, the copies the fork made were no fds a snapshot could miss.
        Path closed = dir.resolve("worker-closed");
        Trees.copy(after, closed);
        Files.delete(closed.resolve("proc/5133/fd/4"));
        Files.delete(closed.resolve("proc/5133/fd/5"));
        Files.writeString(closed.resolve("proc/uptime"), "10018.00 28000.00\n");
        Files.writeString(closed.resolve("captured-at"), "2026-11-27T18:01:18.100000000Z\n");
        CliRun.Result r = leaks(List.of(before.toString(), trace.toString(), after.toString(), closed.toString()), "--all", "-o", "json");
        assertThat(r.out()).as(r.toString()).doesNotContain("\"class\" : \"held\"").doesNotContain("\"class\" : \"leaked\"");
    }


    /**
     * Snapshots that name their boot (dev/capture-real.sh keeps proc/sys/kernel/random/boot_id) and the plain dmesg beside
     * them, which names none: whichever is given first, the snapshots' boot is replayed last, so the dmesg cannot end it as
     * a later boot would (before, given last, it did, and the answer was 'No findings', exit 0).
     */
    @Test
    void aPlainDmesgGivenAfterSnapshotsThatNameTheirBootDoesNotEndIt(@TempDir Path dir) throws IOException {
        List<String> snapshots = new ArrayList<>();
        for (String snapshot : List.of(RUNNING, PARENT_KILLED)) {
            Path root = dir.resolve(Path.of(snapshot).getFileName().toString());
            Trees.copy(Path.of(snapshot), root);
            Files.createDirectories(root.resolve("proc/sys/kernel/random"));
            Files.writeString(root.resolve("proc/sys/kernel/random/boot_id"), "7c1d9e2a-3b4f-4a5b-9c6d-0e1f2a3b4c5d\n");
            snapshots.add(root.toString());
        }
        List<String> first = new ArrayList<>(List.of(DMESG));
        first.addAll(snapshots);
        List<String> last = new ArrayList<>(snapshots);
        last.add(DMESG);
        CliRun.Result logFirst = leaks(first, "-o", "json");
        CliRun.Result logLast = leaks(last, "-o", "json");
        assertThat(logLast.exitCode()).as(logLast.toString()).isEqualTo(1).isEqualTo(logFirst.exitCode());
        assertThat(findings(logLast.out())).contains("\"class\" : \"held\"").isEqualTo(findings(logFirst.out()));
        assertThat(logLast.out()).contains("boots named by no boot id (" + DMESG + "#1) are replayed before the boots named by one");
    }

    @Test
    void nothingIsLeftOnceTheChildIsKilledToo() {
        CliRun.Result r = new CliRun().run("leaks", RUNNING, PARENT_KILLED, CHILD_KILLED, "--all");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("No findings:").contains("0 va_spaces").doesNotContain("live ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theSameSnapshotTwiceIsOneVaSpaceSeenTwice() {
        CliRun.Result once = new CliRun().run("leaks", RUNNING, "--all", "-o", "json");
        CliRun.Result twice = new CliRun().run("leaks", RUNNING, RUNNING, "--all", "-o", "json");
        assertThat(twice.exitCode()).as(twice.toString()).isZero();
        assertThat(twice.err()).isEmpty();
        assertThat(twice.out()).contains("\"diagnostics\" : [ ]").contains("\"va_space\" : \"/proc/5120/fd/4\"");
        assertThat(count(twice.out(), "\"class\" : \"live\"")).isEqualTo(count(once.out(), "\"class\" : \"live\"")).isEqualTo(1);
    }

    @Test
    void aSnapshotOfOnlyTheHoldersBlamesNoProcessItCannotSee() {
        // The child's process group leader (5077, the capturing shell) is not in a snapshot that
        // keeps only the processes holding NVIDIA files: it is not taken as the dead owner.
        CliRun.Result r = new CliRun().run("leaks", PARENT_KILLED, "--all");
        assertThat(r.out()).doesNotContain("5077").contains("5133 mm [alive]");
    }

    @Test
    void theSnapshotsCaptureTimeAndNvidiaSmiQueriesAreRead() {
        CliRun.Result r = new CliRun().run("events", PARENT_KILLED, "-o", "ndjson");
        assertThat(r.out())
            .contains("\"type\":\"capture\"").contains("2026-11-27T18:01:15.622345678Z").contains("\"all_holders\":true")
            .contains("\"type\":\"gpu_memory\"").contains("\"reserved\":563085312")
            .contains("\"fd_path\":\"/proc/5133/fd/5\"");
    }

    /**
     * RUNNING and PARENT_KILLED copied under {@code dir}, each with
     * /sys/module/nvidia_uvm/parameters/uvm_enable_va_space_mm as sysfs prints it (param_get_int:
     * "%i\n"): the module parameter is 0444, one value for the whole boot.
     */
    private static List<String> withVaSpaceMm(Path dir, String value) throws IOException {
        List<String> roots = new ArrayList<>();
        for (String snapshot : List.of(RUNNING, PARENT_KILLED)) {
            Path root = dir.resolve(Path.of(snapshot).getFileName().toString());
            Trees.copy(Path.of(snapshot), root);
            Path param = root.resolve("sys/module/nvidia_uvm/parameters/uvm_enable_va_space_mm");
            Files.createDirectories(param.getParent());
            Files.writeString(param, value + "\n");
            roots.add(root.toString());
        }
        return roots;
    }

    private static CliRun.Result leaks(List<String> inputs, String... options) {
        List<String> args = new ArrayList<>(List.of("leaks"));
        args.addAll(inputs);
        args.addAll(List.of(options));
        return new CliRun().run(args.toArray(String[]::new));
    }

    /**
     * With uvm_enable_va_space_mm=0 the child's second /dev/nvidia-uvm fd is no mm fd:
     * uvm_api_mm_initialize (uvm.c, 535.43.02 and 580.95.05) answers NV_WARN_NOTHING_TO_DO before
     * it makes the file one or takes mmget_not_zero, as uvm_va_space_mm_enabled is false
     * (uvm_va_space_mm.c). Nothing keeps the killed parent's mm, so exit_mmap took its managed
     * ranges: the child still holds the va_space, but not the parent's 1 GiB of mappings. A
     * capture bundle of each root, a root too, reads the same.
     */
    @Test
    void withVaSpaceMmZeroTheChildsSecondFdKeepsNoRangesOfTheDeadParent(@TempDir Path dir) throws IOException {
        List<String> roots = withVaSpaceMm(dir, "0");
        CliRun.Result table = leaks(roots);
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(1);
        assertThat(table.out()).contains("its owner 5120 (mm) is gone, but 5133 (mm) still holds the va_space")
            .contains("no managed range in any maps").doesNotContain("(mm fd)").doesNotContain("1.0 GiB")
            .doesNotContain("An inherited mm fd");
        CliRun.Result events = new CliRun().run("events", roots.get(0), roots.get(1), "-o", "ndjson");
        assertThat(events.out()).contains("\"fd\":\"va_space\",\"inherited_from\":5120,\"fd_path\":\"/proc/5133/fd/5\"")
            .doesNotContain("\"fd\":\"mm\"");
        List<String> bundles = new ArrayList<>();
        for (String root : roots) {
            Path bundle = dir.resolve(Path.of(root).getFileName() + ".tar.gz");
            CliRun.Result capture = new CliRun().run("--root", root, "capture", "--to", bundle.toString());
            assertThat(capture.exitCode()).as(capture.toString()).isZero();
            bundles.add(bundle.toString());
        }
        assertThat(leaks(bundles).out()).isEqualTo(table.out());
        // The text snapshot a bundle keeps says so too, so that it reads as its bundle does.
        assertThat(textSnapshots(dir.resolve("dirs0"), roots)).allSatisfy(text -> assertThat(Files.readString(Path.of(text)))
            .contains("\tva_space_mm=0"));
        CliRun.Result texts = leaks(textSnapshots(dir.resolve("texts0"), roots));
        assertThat(texts.exitCode()).as(texts.toString()).isEqualTo(1);
        assertThat(texts.out()).contains("but 5133 (mm) still holds the va_space").doesNotContain("(mm fd)").doesNotContain("1.0 GiB");
    }

    /**
     * A value sysfs never prints (param_get_int: "%i\n"; a root edited by hand) is said, and the
     * default assumed, alike on the root, on the bundle captured from it and on that bundle's
     * va-spaces.txt: the text snapshot keeps what reading the parameter said.
     */
    @Test
    void aGarbledVaSpaceMmIsSaidOnTheRootItsBundleAndItsTextSnapshotAlike(@TempDir Path dir) throws IOException {
        List<String> roots = withVaSpaceMm(dir.resolve("roots"), "yes");
        List<String> texts = textSnapshots(dir.resolve("bundles"), roots);
        String said = "uvm_enable_va_space_mm:1: not an int: 'yes': whether UVM_MM_INITIALIZE makes mm fds is unknown: the default (1) "
            + "is assumed";
        for (List<String> inputs : List.of(roots, List.of(dir.resolve("bundles").resolve(Path.of(roots.get(0)).getFileName()).toString(),
                dir.resolve("bundles").resolve(Path.of(roots.get(1)).getFileName()).toString()), texts)) {
            CliRun.Result r = leaks(inputs);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(inputs.toString()).contains(said);
            assertThat(r.out()).as(inputs.toString()).contains("5133 mm (mm fd)");
        }
    }

    /** Each root captured into a directory bundle under {@code dir}: the va-spaces text snapshots they keep. */
    private static List<String> textSnapshots(Path dir, List<String> roots) throws IOException {
        Files.createDirectories(dir);
        List<String> texts = new ArrayList<>();
        for (String root : roots) {
            Path bundle = dir.resolve(Path.of(root).getFileName().toString());
            CliRun.Result capture = new CliRun().run("--root", root, "capture", "--to", bundle.toString());
            assertThat(capture.exitCode()).as(capture.toString()).isZero();
            texts.add(bundle.resolve("uvmctl/va-spaces.txt").toString());
        }
        return texts;
    }

    /** uvm_enable_va_space_mm=1, the default, reads as a snapshot without /sys/module does: the child's mm fd keeps the ranges. */
    @Test
    void withVaSpaceMmOneTheChildsMmFdKeepsTheRangesAsWithoutTheParameter(@TempDir Path dir) throws IOException {
        CliRun.Result table = leaks(withVaSpaceMm(dir, "1"));
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(1);
        assertThat(table.out()).isEqualTo(new CliRun().run("leaks", RUNNING, PARENT_KILLED).out()).contains("5133 mm (mm fd)");
        List<String> texts = textSnapshots(dir.resolve("texts1"), withVaSpaceMm(dir.resolve("roots1"), "1"));
        assertThat(Files.readString(Path.of(texts.get(0)))).contains("\tva_space_mm=1");
        assertThat(leaks(texts).out()).contains("5133 mm (mm fd)");
    }

    private static long count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1L;
    }

    /**
     * What dev/capture-real.sh keeps of a run: its trace names the program's va_space by the kernel pointer
     * uvm_va_space_create made, its snapshots by the owner's fd. They are one va_space, held by the forked child
     * once the parent was killed, with the bytes the trace saw moved to the GPU, on the node's only GPU (the
     * trace has no gpu= line, and UVM retained none when the snapshots were taken), and its fds counted once.
     */
    @Test
    void aRunsTraceAndItsSnapshotsShowOneVaSpace() throws IOException {
        CliRun.Result r = new CliRun().run("leaks", DMESG, RUNNING, PARENT_KILLED,
            "src/test/resources/ftrace/capture-run-parent-killed.trace", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        String out = r.out();
        assertThat(out.split("\"class\" : \"", -1)).as("one finding of each class").hasSize(3);
        assertThat(out).contains("\"class\" : \"held\"", "\"class\" : \"unattributed\"")
            .contains("\"va_space\" : \"0xffff9a2b41c00000\",\n      \"sharing\" : false,\n      \"bytes\" : {\n        \"cpu\" : 0,\n"
                + "        \"0000:19:00.0\" : 8388608\n      },")
            .contains("\"bytes_at_least\" : true")
            .contains("\"holders\" : [\n        {\n          \"pid\" : 5133,")
            .contains("\"fd\" : \"mm\",\n          \"inherited_from\" : 5120,");
        assertThat(r.out()).doesNotContain("/proc/5120/fd/4\"").doesNotContain("uvm-gpu1");
    }

    /**
     * The same run's trace begun after the va_space was made: its migrations name a va_space it never saw made, and no line of
     * it says who holds that. Alone it is no clean answer (exit 3, said); with the snapshots, which listed every holder after it
     * began, the va_space is judged as theirs: the finding, and nothing missing.
     */
    @Test
    void aTraceBegunAfterTheVaSpaceWasMadeIsIncompleteAloneAndJudgedWithTheSnapshots(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/ftrace/capture-run-parent-killed.trace"));
        // The header, then every line from the first migration on.
        List<String> late = new ArrayList<>(lines.subList(0, 1));
        late.addAll(lines.subList(lines.indexOf(lines.stream().filter(l -> l.contains(" 10011.000100:")).findFirst().orElseThrow()), lines.size()));
        Path trace = dir.resolve("late.trace");
        Files.write(trace, late);
        CliRun.Result alone = new CliRun().run("leaks", trace.toString(), "-o", "json");
        assertThat(alone.exitCode()).as(alone.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(alone.err()).contains("uvmctl: " + trace + ": the trace shows 1 va_space in use (pev 0xffff9a2b41c16c58) that was made "
            + "before it began and not destroyed in it: none of its lines says which process holds it");
        CliRun.Result with = new CliRun().run("leaks", DMESG, RUNNING, PARENT_KILLED, trace.toString(), "-o", "json");
        assertThat(with.exitCode()).as(with.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(with.out()).contains("\"unreadable\" : [ ]").contains("\"class\" : \"held\"");
        // Its migrations alone (a short run on a node where nothing else happened): no event, so no place in replay; its first
        // line says when it began, and the snapshots, after that, name the va_space.
        Path migrations = dir.resolve("migrations.trace");
        Files.write(migrations, late.stream().filter(l -> l.startsWith("#") || l.contains("uvm_migrate:")).toList());
        assertThat(new CliRun().run("leaks", migrations.toString()).exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        CliRun.Result onlyMigrations = new CliRun().run("leaks", DMESG, RUNNING, PARENT_KILLED, migrations.toString(), "-o", "json");
        assertThat(onlyMigrations.exitCode()).as(onlyMigrations.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(onlyMigrations.out()).contains("\"unreadable\" : [ ]");
        // A live run's start mark before the snapshot, and its first event (an exit) after it: the run began at its mark.
        Path marked = dir.resolve("marked.trace");
        List<String> run = new ArrayList<>(late.subList(0, 1));
        run.add("          uvmctl-7000    (   7000) [001] ..... 10011.000000: tracing_mark_write: uvmctl: start of the run");
        run.addAll(late.stream().filter(l -> l.contains("uvm_migrate:") || l.contains("sched_process_exit:")).toList());
        Files.write(marked, run);
        CliRun.Result fromTheMark = new CliRun().run("leaks", DMESG, RUNNING, marked.toString(), "-o", "json");
        assertThat(fromTheMark.out()).as(fromTheMark.toString()).contains("\"unreadable\" : [ ]");
        // Begun inside the creation, after its entry: the uvm_vas_init line names the va_space, whose migrations are then its,
        // but no return says it was made, nor by whom. The model has it with no owner or holder; the snapshots name it.
        List<String> inside = new ArrayList<>(lines.subList(0, 1));
        inside.add(lines.stream().filter(l -> l.contains("uvm_vas_init:")).findFirst().orElseThrow());
        inside.addAll(late.subList(1, late.size()));
        Files.write(trace, inside);
        CliRun.Result modelAlone = new CliRun().run("leaks", trace.toString(), "-o", "json");
        assertThat(modelAlone.exitCode()).as(modelAlone.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(modelAlone.err()).contains("uvmctl: " + trace + ": 1 va_space in use (0xffff9a2b41c00000) that no input showed made");
        CliRun.Result modelWith = new CliRun().run("leaks", DMESG, RUNNING, PARENT_KILLED, trace.toString(), "-o", "json");
        assertThat(modelWith.exitCode()).as(modelWith.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(modelWith.out()).contains("\"unreadable\" : [ ]");
        // Its events as NDJSON say the same: alone incomplete, named by the snapshots, although their input is no longer given.
        Path ndjson = dir.resolve("late.ndjson");
        Files.writeString(ndjson, new CliRun().run("events", trace.toString(), "-o", "ndjson").out());
        assertThat(new CliRun().run("leaks", ndjson.toString()).exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        CliRun.Result copyWith = new CliRun().run("leaks", DMESG, RUNNING, PARENT_KILLED, ndjson.toString(), "-o", "json");
        assertThat(copyWith.exitCode()).as(copyWith.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(copyWith.out()).contains("\"unreadable\" : [ ]");
    }
}
