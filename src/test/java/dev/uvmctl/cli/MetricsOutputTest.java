package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.render.Exposition;
import dev.uvmctl.render.XidCounter;
import dev.uvmctl.shared.DiagnosticLog;
import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.testing.FailingSysRoot;
import dev.uvmctl.testing.Prometheus;
import dev.uvmctl.testing.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

/** {@code leaks -o prometheus|openmetrics} and {@code dmesg -o prometheus|openmetrics}, each exposition checked by promtool. */
class MetricsOutputTest {
    static final String HELD_EVENTS = "examples/leaks-held/events.ndjson";
    static final String HELD_CAPTURE = "examples/held-node/capture.tar.gz";
    static final String OOM_ROOT = "examples/oom-node";
    static final String KERNEL_LOG = "src/test/resources/kernel-logs/oom-hung-unload.log";
    static final String[] CLASSES = {"leaked", "held", "stuck", "pinned", "deferred", "unattributed", "driver"};

    static CliRun.Result run(String... args) {
        return new CliRun().run(args);
    }

    /** The metrics of a run, checked by promtool first. */
    static String metrics(CliRun.Result r) {
        Prometheus.checkMetrics(r.out());
        return r.out();
    }

    @Test
    void everyClassIsCountedAlwaysAndTheExitStatusIsTheReportsOne() {
        for (String input : new String[] {HELD_EVENTS, HELD_CAPTURE, OOM_ROOT, "examples/leaks-clean/events.ndjson", KERNEL_LOG}) {
            CliRun.Result r = run("leaks", input, "-o", "prometheus");
            CliRun.Result table = run("leaks", input);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(table.exitCode());
            Map<String, Double> findings = Samples.family(metrics(r), "uvmctl_findings");
            assertThat(findings).as(input).hasSize(CLASSES.length);
            double sum = 0;
            for (String c : CLASSES) {
                assertThat(findings).containsKey("uvmctl_findings{class=\"" + c + "\"}");
                sum += findings.get("uvmctl_findings{class=\"" + c + "\"}");
            }
            // As many findings as the JSON report lists.
            assertThat(sum).as(input).isEqualTo(count(run("leaks", input, "-o", "json").out(), "\"remediation\""));
            assertThat(Samples.of(r.out())).containsEntry("uvmctl_scrape_incomplete", 0.0);
        }
    }

    /** A trace that lost events while the leaked va_space existed: its finding is counted as inferred too; elsewhere 0, every class present. */
    @Test
    void findingsInferredFromAnIncompleteHistoryAreCountedPerClass() {
        countedPerClassOnlyWhereSo("uvmctl_findings_inferred", "src/test/resources/ftrace/pipe-lost.trace", "leaked");
    }

    /** {@code family} is 1 for {@code input}'s one finding of {@code class}, and 0 for every class of HELD_EVENTS, every class present. */
    private void countedPerClassOnlyWhereSo(String family, String input, String cls) {
        Map<String, Double> so = Samples.family(metrics(run("leaks", input, "-o", "prometheus")), family);
        assertThat(so).hasSize(CLASSES.length).containsEntry(family + "{class=\"" + cls + "\"}", 1.0);
        assertThat(so.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(1.0);
        Map<String, Double> not = Samples.family(metrics(run("leaks", HELD_EVENTS, "-o", "prometheus")), family);
        assertThat(not).hasSize(CLASSES.length);
        assertThat(not.values()).containsOnly(0.0);
    }

    /** A trace whose copies proved unseen first touches: its held finding's bytes are a lower bound, and counted so; elsewhere 0. */
    @Test
    void findingsWhoseBytesAreALowerBoundAreCountedPerClass() {
        // HELD_EVENTS tells its first touches (populated): exact there.
        countedPerClassOnlyWhereSo("uvmctl_findings_bytes_at_least", "examples/trace-held/uvm.trace", "held");
    }

    @Test
    void incidentsAreCountedAlwaysAsTheReportGroupsThem() {
        // oom-node: one OOM-killed process explains two findings (one incident); leaks-held: one finding, none.
        Map<String, Double> seen = new java.util.HashMap<>();
        for (String input : new String[] {OOM_ROOT, HELD_EVENTS, "examples/leaks-clean/events.ndjson", KERNEL_LOG}) {
            double incidents = count(run("leaks", input, "-o", "json").out(), "\"id\" : \"incident-");
            assertThat(Samples.of(metrics(run("leaks", input, "-o", "prometheus")))).as(input)
                .containsEntry("uvmctl_incidents", incidents);
            seen.put(input, incidents);
        }
        assertThat(seen).containsEntry(OOM_ROOT, 1.0).containsEntry(HELD_EVENTS, 0.0);
    }

    @Test
    void bytesAreThoseOfTheReportByMemoryGpuAndHolder() {
        String json = run("leaks", HELD_EVENTS, "-o", "json").out();
        Map<String, Double> bytes = Samples.family(metrics(run("leaks", HELD_EVENTS, "-o", "prometheus")), "uvmctl_unreleased_bytes");
        // The one held finding: its bytes per processor, labelled with the holder (pid, comm) the report names.
        Matcher gpu = Pattern.compile("\"0000:3b:00.0\" : (\\d+)").matcher(json);
        Matcher cpu = Pattern.compile("\"cpu\" : (\\d+)").matcher(json);
        assertThat(gpu.find() && cpu.find()).as(json).isTrue();
        Matcher holder = Pattern.compile("\"holders\" : \\[\\s*\\{\\s*\"pid\" : (\\d+),\\s*\"comm\" : \"([^\"]+)\"").matcher(json);
        assertThat(holder.find()).as(json).isTrue();
        String who = "comm=\"" + holder.group(2) + "\",";
        assertThat(bytes).containsOnly(
            Map.entry("uvmctl_unreleased_bytes{class=\"held\"," + who + "gpu=\"0000:3b:00.0\",memory=\"gpu\",pid=\"" + holder.group(1) + "\"}",
                Double.valueOf(gpu.group(1))),
            Map.entry("uvmctl_unreleased_bytes{class=\"held\"," + who + "memory=\"cpu\",pid=\"" + holder.group(1) + "\"}",
                Double.valueOf(cpu.group(1))));
    }

    @Test
    void aFindingOfUnknownBytesHasNoBytesSeriesNeverAZero() {
        String json = run("leaks", OOM_ROOT, "-o", "json").out();
        assertThat(json).contains("\"class\" : \"leaked\"").contains("\"total_bytes\" : null");
        String text = metrics(run("leaks", OOM_ROOT, "-o", "prometheus"));
        assertThat(Samples.of(text)).containsEntry("uvmctl_findings{class=\"leaked\"}", 1.0);
        assertThat(Samples.family(text, "uvmctl_unreleased_bytes").keySet()).noneMatch(k -> k.contains("class=\"leaked\""));
        assertThat(Samples.family(text, "uvmctl_unreleased_bytes").values()).doesNotContain(0.0);
    }

    @Test
    void aGpuTheFindingHasNothingOnIsNoSeries(@TempDir Path dir) throws IOException {
        // leaks-held on a node where another process uses a second GPU: the held finding's report lists
        // that GPU with 0 bytes; its metrics leave it out.
        String boot = "\"boot\":\"6f1c2a4e-9b3d-4c5e-8a7f-0d1e2f3a4b5c\",";
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(HELD_EVENTS)));
        lines.addAll(lines.size() - 1, List.of(
            "{\"type\":\"va_space_created\"," + boot + "\"time\":3700.0,\"va_space\":\"0xffff8f01c2b00000\",\"pid\":5000,"
                + "\"comm\":\"trainer\",\"sharing\":false}",
            "{\"type\":\"range_created\"," + boot + "\"time\":3700.1,\"va_space\":\"0xffff8f01c2b00000\",\"start\":\"0x7f5a40000000\","
                + "\"end\":\"0x7f5a4fffffff\",\"range_type\":\"managed\"}",
            "{\"type\":\"populated\"," + boot + "\"time\":3700.2,\"va_space\":\"0xffff8f01c2b00000\",\"address\":\"0x7f5a40000000\","
                + "\"bytes\":268435456,\"processor\":\"0000:86:00.0\"}",
            "{\"type\":\"process_state\"," + boot + "\"time\":4811.0,\"pid\":5000,\"state\":\"alive\",\"ppid\":1,\"comm\":\"trainer\"}"));
        Path events = dir.resolve("two-gpus.ndjson");
        Files.write(events, lines);
        assertThat(run("leaks", events.toString(), "-o", "json").out()).contains("\"0000:86:00.0\" : 0");
        Map<String, Double> bytes = Samples.family(metrics(run("leaks", events.toString(), "-o", "prometheus")), "uvmctl_unreleased_bytes");
        assertThat(bytes).hasSize(2).doesNotContainValue(0.0);
        assertThat(bytes.keySet()).noneMatch(k -> k.contains("0000:86:00.0"));
    }

    @Test
    void holdersInAContainerCarryItsIdAndTheirPodsUid(@TempDir Path dir) throws IOException {
        // The history of leaks-held ends in a root where its holder, 4301, runs in a Kubernetes pod.
        String id = "4f2c0de1b3a5968778695a4b3c2d1e0f4f2c0de1b3a5968778695a4b3c2d1e0f";
        Files.createDirectories(dir.resolve("proc/4301"));
        Files.writeString(dir.resolve("proc/4301/cgroup"),
            "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod0b1c2d3e_4f50_6172_8394_a5b6c7d8e9f0.slice/"
                + "cri-containerd-" + id + ".scope\n");
        LeaksCommand leaks = CommandLine.populateCommand(new LeaksCommand(), HELD_EVENTS);
        java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        CliContext context = CliContext.builder(sink, sink, java.io.InputStream.nullInputStream()).build();
        DiagnosticLog diagnostics = new DiagnosticLog();
        MetricsInputs inputs = new MetricsInputs(new XidCounter());
        LeaksReport report = leaks.analyse(leaks.in.open(context, leaks.tolerance.bytes(), diagnostics), diagnostics, inputs);
        String text = new String(Exposition.bytes(inputs.metrics(report, new DirectorySysRoot(dir), 500).snapshots(), false),
            StandardCharsets.UTF_8);
        Prometheus.checkMetrics(text);
        Map<String, Double> bytes = Samples.family(text, "uvmctl_unreleased_bytes");
        assertThat(bytes).hasSize(2);
        assertThat(bytes.keySet()).allMatch(k -> k.contains("container_id=\"" + id + "\"")
            && k.contains("pod_uid=\"0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0\"") && k.contains("pid=\"4301\""));
        // Without the root, the same series have no container labels.
        assertThat(Samples.family(run("leaks", HELD_EVENTS, "-o", "prometheus").out(), "uvmctl_unreleased_bytes").keySet())
            .noneMatch(k -> k.contains("container_id") || k.contains("pod_uid"));
    }

    @Test
    void maxSeriesFoldsTheSmallestIntoOtherAndSaysSo() {
        CliRun.Result all = run("leaks", HELD_EVENTS, "-o", "prometheus");
        CliRun.Result capped = run("leaks", HELD_EVENTS, "-o", "prometheus", "--max-series", "1");
        Map<String, Double> full = Samples.family(metrics(all), "uvmctl_unreleased_bytes");
        Map<String, Double> folded = Samples.family(metrics(capped), "uvmctl_unreleased_bytes");
        assertThat(full).hasSize(2);
        double largest = full.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double smallest = full.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(folded).hasSize(2).containsValue(largest)
            .containsEntry("uvmctl_unreleased_bytes{class=\"held\",memory=\"cpu\",series=\"other\"}", smallest);
        assertThat(Samples.of(capped.out())).containsEntry("uvmctl_series_folded", 1.0);
        assertThat(Samples.of(all.out())).containsEntry("uvmctl_series_folded", 0.0);
        assertThat(capped.err()).contains("--max-series folded 1 series");
        assertThat(run("leaks", HELD_EVENTS, "-o", "prometheus", "--max-series", "-1").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    /**
     * Module parameters closed to the reader: the leak verdict stands (it needs none of them, exit 0
     * on a clean node), but an absent uvmctl_param_checks_failing would say no check fails, so the
     * scrape is incomplete and standard error says why.
     */
    @Test
    void parametersThatCannotBeReadMakeTheScrapeIncompleteNotTheVerdict() {
        CliRun.Result readable = run("leaks", "--root", "examples/clean", "-o", "prometheus");
        assertThat(Samples.of(readable.out())).containsEntry("uvmctl_scrape_incomplete", 0.0);
        CliRun.Result r = new CliRun().rootOpener(dir -> new FailingSysRoot(dir, java.util.Set.of("/sys/module/nvidia_uvm/parameters")))
            .run("leaks", "--root", "examples/clean", "-o", "prometheus");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(readable.exitCode()).isZero();
        assertThat(Samples.of(r.out())).containsEntry("uvmctl_scrape_incomplete", 1.0);
        assertThat(r.err()).contains("uvmctl: the parameter checks are incomplete: the parameter values could not be read "
            + "(/sys/module/nvidia_uvm/parameters: permission denied (run as root)) (uvmctl_scrape_incomplete is 1)");
    }

    @Test
    void anUnreadableInputIsAnIncompleteScrapeNeverAClean() {
        CliRun.Result r = run("leaks", HELD_EVENTS, "no/such/file.log", "-o", "prometheus");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(Samples.of(metrics(r))).containsEntry("uvmctl_scrape_incomplete", 1.0);
        CliRun.Result d = run("dmesg", KERNEL_LOG, "no/such/file.log", "-o", "prometheus");
        assertThat(d.exitCode()).as(d.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(Samples.of(metrics(d))).containsEntry("uvmctl_scrape_incomplete", 1.0);
    }

    @Test
    void xidsAreCountersPerGpuAndCodeAsDmesgCountsThem() {
        String json = run("dmesg", KERNEL_LOG, "-o", "json").out();
        Matcher m = Pattern.compile("\"code\" : (\\d+),\\s*\"name\" : \"[^\"]*\",\\s*\"count\" : (\\d+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        String series = "uvmctl_xid_events_total{code=\"" + m.group(1) + "\",gpu=\"0000:3b:00.0\"}";
        String dmesg = metrics(run("dmesg", KERNEL_LOG, "-o", "prometheus"));
        String leaks = metrics(run("leaks", KERNEL_LOG, "-o", "prometheus"));
        assertThat(dmesg).contains("# TYPE uvmctl_xid_events_total counter");
        assertThat(Samples.of(dmesg)).containsEntry(series, Double.valueOf(m.group(2)));
        assertThat(Samples.of(leaks)).containsEntry(series, Double.valueOf(m.group(2)));
        // The driver's leak report: the bytes the log tells, in both.
        assertThat(Samples.of(dmesg).get("uvmctl_driver_leaked_bytes")).isPositive()
            .isEqualTo(Samples.of(leaks).get("uvmctl_driver_leaked_bytes"));
    }

    @Test
    void parameterChecksThatWarnAreCountedPerIdAsParamsGivesThem() {
        String root = "src/test/resources/roots/params-changed-535";
        String json = run("params", "--root", root, "-o", "json").out();
        Matcher m = Pattern.compile("\"id\" : \"([^\"]+)\",\\s*\"level\" : \"warning\"").matcher(json);
        Map<String, Double> expected = new java.util.TreeMap<>();
        while (m.find()) {
            expected.merge("uvmctl_param_checks_failing{id=\"" + m.group(1) + "\"}", 1.0, Double::sum);
        }
        assertThat(expected).as(json).isNotEmpty();
        String text = metrics(run("leaks", root, "-o", "prometheus"));
        assertThat(Samples.family(text, "uvmctl_param_checks_failing")).isEqualTo(expected);
        // A root whose parameters give no warning has no series; files alone (no root) read no parameters.
        assertThat(Samples.family(metrics(run("leaks", "src/test/resources/roots/live-host-580", "-o", "prometheus")),
            "uvmctl_param_checks_failing")).isEmpty();
    }

    @Test
    void openMetricsHasUnitsTypesAndItsEnd() {
        CliRun.Result r = run("leaks", HELD_EVENTS, "-o", "openmetrics");
        assertThat(r.out()).contains("# UNIT uvmctl_unreleased_bytes bytes").contains("# TYPE uvmctl_findings gauge").endsWith("# EOF\n");
        assertThat(run("dmesg", KERNEL_LOG, "-o", "openmetrics").out()).contains("# TYPE uvmctl_xid_events counter")
            .contains("uvmctl_xid_events_total{").endsWith("# EOF\n");
        // No sample is dated: the scraper dates them.
        for (String line : r.out().split("\n")) {
            if (!line.startsWith("#")) {
                assertThat(line.split(" ")).as(line).hasSize(2);
            }
        }
    }

    @Test
    void commandsThatWriteNoMetricsRefuseTheFormats() {
        for (String command : new String[] {"params", "va-spaces", "holders", "events"}) {
            CliRun.Result r = run(command, "--root", "examples/clean", "-o", "prometheus");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("only 'uvmctl leaks' and 'uvmctl dmesg' write metrics");
        }
        assertThat(run("params", "--root", "examples/clean", "--help").out()).contains("table, json, ndjson (default")
            .doesNotContain("prometheus");
    }

    /**
     * A trace and the kernel log of its boot both show every Xid (nvErrorLog, nvErrorLog2 from 570.123.01, prints it, then fires the probe on
     * nv_log_error): each is counted once, in either order of the inputs; the Xid the log lacks (43) still counts.
     */
    @Test
    void anXidInBothATraceAndTheKernelLogOfItsBootIsCountedOnce(@TempDir Path tmp) throws IOException {
        String trace = "src/test/resources/ftrace/xids-beside-journal.trace";
        String journal = "src/test/resources/kernel-logs/xids-beside-trace.json";
        for (String[] inputs : new String[][] {{trace, journal}, {journal, trace}}) {
            Map<String, Double> xids = Samples.family(metrics(run("leaks", inputs[0], inputs[1], "-o", "prometheus")), "uvmctl_xid_events_total");
            assertThat(xids).as(String.join(" ", inputs)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "uvmctl_xid_events_total{code=\"31\",gpu=\"0000:3b:00.0\"}", 2.0,
                "uvmctl_xid_events_total{code=\"43\",gpu=\"0000:3b:00.0\"}", 1.0));
        }
        // Two logs of one boot (the same journal twice, under two names): dmesg lists and counts each Xid once, as leaks does.
        Path copy = tmp.resolve("journal-again.json");
        Files.copy(Path.of(journal), copy);
        for (String command : new String[] {"dmesg", "leaks"}) {
            Map<String, Double> xids = Samples.family(metrics(run(command, journal, copy.toString(), "-o", "prometheus")), "uvmctl_xid_events_total");
            assertThat(xids).as(command).containsExactlyEntriesOf(Map.of("uvmctl_xid_events_total{code=\"31\",gpu=\"0000:3b:00.0\"}", 2.0));
        }
        CliRun.Result listed = run("dmesg", journal, copy.toString(), "-o", "ndjson");
        assertThat(count(listed.out(), "{\"type\":\"xid\"")).isEqualTo(2);
        assertThat(listed.out()).contains("Xid 31 of 0000:3b:00.0 is the one " + journal + " reported 0 µs before in the same boot");
        CliRun.Result events = run("events", trace, journal, "-o", "ndjson");
        assertThat(count(events.out(), "\"type\":\"xid\"")).isEqualTo(3);
        assertThat(count(events.out(), "\"pid\":4242")).as("the kernel log's, which name the process, are kept").isEqualTo(2);
    }

    static double count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
