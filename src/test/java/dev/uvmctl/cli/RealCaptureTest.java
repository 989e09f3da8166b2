package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uvmctl.tracefs.ProbeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What dev/capture-real.sh brought back from a machine with an NVIDIA GPU, when it is in
 * src/test/resources/real/: the real driver's trace reads without a line uvmctl cannot place, the
 * program's va_space and its forked child are in it, the misses the kernel counted are in the trace,
 * and the probes were all removed. Skipped when no capture has been committed.
 */
class RealCaptureTest {
    private static final Path REAL = Path.of("src/test/resources/real");

    @Test
    void theRealDriversTraceReadsAndShowsTheProgram() throws IOException {
        Path trace = REAL.resolve("uvm.trace");
        assumeTrue(Files.isRegularFile(trace), "no real capture committed (dev/capture-real.sh)");
        CliRun.Result r = new CliRun().run("events", trace.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("not a line of ftrace text").doesNotContain("garbled");
        Path mm = REAL.resolve("mm.out");
        if (Files.isRegularFile(mm)) {
            Matcher m = Pattern.compile("parent (\\d+) child (\\d+)").matcher(Files.readString(mm));
            if (m.find()) {
                assertThat(r.out()).contains("\"pid\" : " + m.group(1));
                // The fork, from sched_process_fork: the child and the parent it copied its fds from.
                assertThat(r.out()).contains("\"pid\" : " + m.group(2) + ",\n      \"ppid\" : " + m.group(1) + ",");
            }
        }
        String text = Files.readString(trace);
        if (text.startsWith("# uvmctl-trace:") && text.lines().findFirst().orElse("").contains(" destroy_returns=1 ")) {
            // A healthy machine's teardowns return: no entry of uvm_va_space_destroy is judged as one that did not,
            // and the recording, stopped by SIGTERM, read on to the mark of its end (the kernel's trace_marker took it).
            assertThat(r.out()).doesNotContain("\"reason\" : \"traced\"").doesNotContain("had not returned");
            assertThat(text.lines().reduce((a, b) -> b).orElse("")).contains("tracing_mark_write: uvmctl: end of the run");
            // And its start, marked as it began to read (before any snapshot a live run takes beside it).
            assertThat(text).contains("tracing_mark_write: " + dev.uvmctl.tracefs.Tracefs.START_MARK);
        }
        Path profile = REAL.resolve("kprobe_profile.txt");
        Path events = REAL.resolve("kprobe_events.txt");
        if (Files.isRegularFile(profile) && Files.isRegularFile(events) && text.startsWith("# uvmctl-trace:")) {
            // What the kernel counted as missed before the recording stopped is in the recording's own line of misses
            // (written at its end, so with at least as many): a saved trace never reads as whole when probes missed hits.
            List<String> ours = new ArrayList<>();
            Matcher d = Pattern.compile("(?m)^[pr]\\d*:uvmctl/(\\w+) ").matcher(Files.readString(events));
            while (d.find()) {
                ours.add(d.group(1));
            }
            Map<String, Long> marked = text.lines().filter(l -> l.contains("tracing_mark_write: " + ProbeProfile.MISSED_MARK))
                .map(l -> ProbeProfile.ofMark(l.substring(l.indexOf(ProbeProfile.MISSED_MARK)))).findFirst().orElse(Map.of());
            ProbeProfile.parse(Files.readString(profile), ours).forEach((name, c) -> {
                if (c.misses() > 0) {
                    assertThat(marked.getOrDefault(name, 0L)).as(name + "'s misses in the trace").isGreaterThanOrEqualTo(c.misses());
                }
            });
        }
        CliRun.Result leaks = new CliRun().run("leaks", trace.toString());
        assertThat(leaks.exitCode()).as(leaks.toString()).isBetween(0, 1);
        if (Files.isDirectory(REAL.resolve("snapshots")) && Files.isRegularFile(mm)) {
            // The whole run: the program's va_space, traced by kernel pointer, is the one its snapshots show by fd, not a second.
            Matcher m = Pattern.compile("parent (\\d+) child").matcher(Files.readString(mm));
            CliRun.Result run = new CliRun().run("leaks", REAL.toString(), "-o", "json");
            assertThat(run.exitCode()).as(run.toString()).isBetween(0, 3);
            if (m.find() && r.out().contains("\"type\" : \"va_space_created\"")) {
                assertThat(run.out()).doesNotContain("\"va_space\" : \"/proc/" + m.group(1) + "/fd/");
            }
        }
        Path options = REAL.resolve("instance-options.txt");
        if (Files.isRegularFile(options)) {
            // The real kernel took the options the start wrote into uvmctl's instance (Tracefs.OUTPUT_OPTIONS, record-tgid).
            Map<String, String> needed = Map.of("context-info", "1", "latency-format", "0", "raw", "0", "hex", "0", "bin", "0",
                "sym-addr", "0", "markers", "1", "record-tgid", "1");
            List<String> lines = Files.readAllLines(options);
            needed.forEach((option, value) -> assertThat(lines).as(option).contains("instance " + option + " " + value));
        }
        Path after = REAL.resolve("trace-status-after.txt");
        if (Files.isRegularFile(after)) {
            assertThat(Files.readString(after)).startsWith("No probes of uvmctl's are installed");
        }
    }
}
