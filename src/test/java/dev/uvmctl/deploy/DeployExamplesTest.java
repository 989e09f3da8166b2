package dev.uvmctl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.ProcessRunner;
import dev.uvmctl.cli.CommandTree;
import dev.uvmctl.testing.Prometheus;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** examples/deploy/: each file checked by the tool that would read it, and its invariants asserted. */
class DeployExamplesTest {
    static final Path DEPLOY = Path.of("examples/deploy");
    static final String INSTALLED = "/opt/uvmctl/bin/uvmctl";

    /** Parses {@code args} with uvmctl's own command model, as the installed uvmctl would. */
    static ParseResult parse(List<String> args) {
        return CommandTree.withoutOutput().parseArgs(args.toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object yaml, String... path) {
        Object o = yaml;
        for (String p : path) {
            o = o instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) o).get(p);
        }
        return (T) o;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDaemonSetReadsTheHostReadOnlyWithNamedCapabilitiesAndNoGpu() throws IOException {
        Map<String, Object> ds;
        try (InputStream in = Files.newInputStream(DEPLOY.resolve("daemonset.yaml"))) {
            ds = new Yaml().load(in);
        }
        assertThat((String) at(ds, "kind")).isEqualTo("DaemonSet");
        Map<String, Object> pod = at(ds, "spec", "template", "spec");
        assertThat(pod.get("hostPID")).isEqualTo(true);
        assertThat(pod.get("runtimeClassName")).isEqualTo("nvidia");
        List<Map<String, Object>> containers = at(pod, "containers");
        assertThat(containers).hasSize(1);
        Map<String, Object> c = containers.get(0);
        // Host paths, each mounted read-only where uvmctl reads it (/proc is the host's through hostPID).
        Map<String, String> hostPaths = new java.util.HashMap<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) pod.get("volumes")) {
            if (v.get("hostPath") != null) {
                hostPaths.put((String) v.get("name"), at(v, "hostPath", "path"));
            }
        }
        Map<String, String> mounted = new java.util.HashMap<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) c.get("volumeMounts")) {
            if (hostPaths.containsKey((String) m.get("name"))) {
                assertThat(m.get("readOnly")).as(m.toString()).isEqualTo(true);
                assertThat(m.get("mountPath")).as("mounted where the host has it").isEqualTo(hostPaths.get((String) m.get("name")));
                mounted.put(hostPaths.get((String) m.get("name")), (String) m.get("mountPath"));
            }
        }
        assertThat(mounted.keySet()).containsExactlyInAnyOrder("/sys", "/dev/kmsg", "/etc/modprobe.d");
        // nvidia-smi through the NVIDIA runtime, without taking a GPU from the scheduler.
        Map<String, Object> env = new java.util.HashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) c.get("env")) {
            env.put((String) e.get("name"), e.get("value"));
        }
        assertThat(env).containsEntry("NVIDIA_VISIBLE_DEVICES", "all");
        assertThat(String.valueOf(c.get("resources"))).doesNotContain("nvidia.com/gpu");
        assertThat((Object) at(c, "resources", "limits", "memory")).isNotNull();
        assertThat((Object) at(c, "resources", "limits", "cpu")).isNotNull();
        // Named capabilities and no more.
        Map<String, Object> security = at(c, "securityContext");
        assertThat(security.get("privileged")).isEqualTo(false);
        assertThat((List<String>) at(security, "capabilities", "drop")).containsExactly("ALL");
        assertThat((List<String>) at(security, "capabilities", "add")).containsExactlyInAnyOrder("SYS_PTRACE", "SYSLOG");
        // The command line is uvmctl's: serve on every interface, and its liveness probe asks /healthz on that port.
        assertThat((List<String>) c.get("command")).containsExactly(INSTALLED);
        ParseResult parsed = parse((List<String>) c.get("args"));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");
        assertThat(parsed.subcommand().<String>matchedOptionValue("--listen", null)).isEqualTo("0.0.0.0:9478");
        assertThat(parsed.subcommand().hasMatchedOption("--expose-report")).isFalse();
        assertThat((String) at(c, "livenessProbe", "httpGet", "path")).isEqualTo("/healthz");
        assertThat((Integer) at(c, "livenessProbe", "httpGet", "port")).isEqualTo(9478);
        assertThat((Integer) at(c, "ports", "0", "containerPort")).isEqualTo(9478);
    }

    @Test
    void theContainerfileInstallsTheDistributionWhereTheDaemonSetRunsIt() throws IOException {
        String file = Files.readString(DEPLOY.resolve("Containerfile"));
        Matcher entry = Pattern.compile("(?m)^ENTRYPOINT \\[\"([^\"]+)\"\\]$").matcher(file);
        assertThat(entry.find()).isTrue();
        assertThat(entry.group(1)).isEqualTo(INSTALLED);
        Matcher cmd = Pattern.compile("(?m)^CMD \\[(.*)\\]$").matcher(file);
        assertThat(cmd.find()).isTrue();
        List<String> args = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"").matcher(cmd.group(1));
        while (word.find()) {
            args.add(word.group(1));
        }
        assertThat(parse(args).subcommand().commandSpec().name()).isEqualTo("serve");
        // The distribution's archive unpacks to uvmctl-VERSION/bin/uvmctl (src/dist/assembly.xml).
        String version = System.getProperty("uvmctl.version", "0.1.0");
        assertThat(file).contains("ADD target/uvmctl-" + version + ".tar.gz /opt/").contains("ln -s /opt/uvmctl-" + version + " /opt/uvmctl");
        assertThat(Files.readString(Path.of("src/dist/assembly.xml"))).contains("<includeBaseDirectory>true</includeBaseDirectory>")
            .contains("<source>src/dist/bin/uvmctl</source>");
    }

    @Test
    void theSystemdUnitsVerifyAndRunTheTextfileRoute(@TempDir Path tmp) throws IOException, InterruptedException {
        String service = Files.readString(DEPLOY.resolve("uvmctl-textfile.service"));
        Matcher exec = Pattern.compile("(?m)^ExecStart=(\\S+) (.*)$").matcher(service);
        assertThat(exec.find()).isTrue();
        assertThat(exec.group(1)).isEqualTo(INSTALLED);
        ParseResult parsed = parse(List.of(exec.group(2).split(" ")));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("leaks");
        String dir = parsed.subcommand().matchedOptionValue("--textfile", null).toString();
        assertThat(service).contains("ReadWritePaths=" + dir);
        if (!ProcessRunner.onPath("systemd-analyze")) {
            return; // verified where systemd is; the rest above holds everywhere
        }
        // systemd-analyze checks that the program exists: a stand-in where the package would be.
        Files.writeString(tmp.resolve("uvmctl-textfile.service"), service.replace(INSTALLED, "/bin/true"));
        Files.copy(DEPLOY.resolve("uvmctl-textfile.timer"), tmp.resolve("uvmctl-textfile.timer"));
        ProcessRunner.Result r = ProcessRunner.withPathAndHome().directory(tmp)
            .run("systemd-analyze", "verify", "uvmctl-textfile.service", "uvmctl-textfile.timer");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).as(r.toString()).doesNotContain("uvmctl-textfile");
    }

    @Test
    void theScrapeConfigAndTheRulesCheck() throws IOException, InterruptedException {
        String promtool = Prometheus.binary("promtool");
        ProcessRunner.Result rules = ProcessRunner.withPathAndHome().run(promtool, "check", "rules", DEPLOY.resolve("alerts.yml").toString());
        assertThat(rules.exitCode()).as(rules.toString()).isZero();
        assertThat(rules.out()).contains("SUCCESS: 8 rules found");
        ProcessRunner.Result config = ProcessRunner.withPathAndHome().run(promtool, "check", "config", DEPLOY.resolve("prometheus.yml").toString());
        assertThat(config.exitCode()).as(config.toString()).isZero();
        // Debian's promtool has no Kubernetes discovery: that job is checked as YAML, and for the annotations the DaemonSet sets.
        String k8s = Files.readString(DEPLOY.resolve("prometheus-kubernetes.yml"));
        Map<String, Object> parsed = new Yaml().load(k8s);
        assertThat((String) at(parsed, "scrape_configs", "0", "job_name")).isEqualTo("uvmctl-pods");
        assertThat(k8s).contains("__meta_kubernetes_pod_label_app_kubernetes_io_name").contains("prometheus_io_port");
    }

    /**
     * Series that uvmctl wrote from fixtures, one node each, fed to {@code promtool test rules}:
     * every alert fires where it should, with the labels it should have, and not before its time.
     */
    @Test
    void theAlertsFireOnSeriesUvmctlWrote(@TempDir Path tmp) throws IOException, InterruptedException {
        String promtool = Prometheus.binary("promtool");
        StringBuilder series = new StringBuilder();
        series(series, "gpu-node-12", Uvmctl.metrics("leaks", "examples/oom-node", "-o", "prometheus"));
        series(series, "gpu-node-07", Uvmctl.metrics("leaks", "examples/leaks-held/events.ndjson", "-o", "prometheus"));
        series(series, "gpu-node-44", Uvmctl.metrics("leaks", tmp.resolve("no-such.log").toString(), "-o", "prometheus"));
        xids(series, "gpu-node-51", tmp);
        String test = String.join("\n",
            "rule_files:",
            "  - " + DEPLOY.resolve("alerts.yml").toAbsolutePath(),
            "evaluation_interval: 1m",
            "tests:",
            "  - interval: 1m",
            "    input_series:",
            series.toString(),
            "    alert_rule_test:",
            alert("5m", "GpuMemoryNotReleased"),
            alert("20m", "GpuMemoryNotReleased",
                "        - exp_labels: {severity: warning, instance: gpu-node-07, class: held}",
                "          exp_annotations:",
                "            summary: \"gpu-node-07: 1 'held' finding(s) of GPU memory that was not released\"",
                "            description: \"Memory that should have been released was not, for 15 minutes. On the node: uvmctl leaks --explain\"",
                "        - exp_labels: {severity: warning, instance: gpu-node-12, class: leaked}",
                "          exp_annotations:",
                "            summary: \"gpu-node-12: 1 'leaked' finding(s) of GPU memory that was not released\"",
                "            description: \"Memory that should have been released was not, for 15 minutes. On the node: uvmctl leaks --explain\""),
            alert("10m", "GpuMemoryIncident"),
            alert("20m", "GpuMemoryIncident",
                "        - exp_labels: {severity: warning, instance: gpu-node-12}",
                "          exp_annotations:",
                "            summary: \"gpu-node-12: 1 ended process(es) each left GPU memory in several findings\"",
                "            description: \"One process's end explains several findings (GpuMemoryNotReleased fires for each class). On the node: uvmctl leaks leads with the incident\""),
            alert("35m", "GpuMemoryUnattributed",
                "        - exp_labels: {severity: warning, instance: gpu-node-12}",
                "          exp_annotations:",
                "            summary: \"gpu-node-12: GPU memory in use that no live process accounts for\"",
                "            description: \"For 30 minutes. On the node: uvmctl leaks --explain; fuser -v /dev/nvidia* as root\""),
            alert("20m", "GpuMemoryNotReleasedLarge",
                "        - exp_labels: {severity: critical, instance: gpu-node-07, gpu: \"0000:3b:00.0\"}",
                "          exp_annotations:",
                "            summary: \"gpu-node-07: 2.25GiB of GPU 0000:3b:00.0 not released\"",
                "            description: \"Only findings whose size is known count here; uvmctl_findings counts all.\"",
                "        - exp_labels: {severity: critical, instance: gpu-node-12, gpu: \"0000:3b:00.0\"}",
                "          exp_annotations:",
                "            summary: \"gpu-node-12: 3.099GiB of GPU 0000:3b:00.0 not released\"",
                "            description: \"Only findings whose size is known count here; uvmctl_findings counts all.\""),
            alert("5m", "GpuFallenOffTheBus"),
            xidAlert("GpuFallenOffTheBus", "critical", "79", "Xid 79 on GPU 0000:01:00.0: the GPU has fallen off the bus",
                "The GPU is lost until the node is reset; drain it."),
            xidAlert("GpuDoubleBitError", "critical", "48", "Xid 48 on GPU 0000:01:00.0: a double-bit ECC error",
                "Uncorrectable memory error; the GPU needs a reset, and a replacement if it recurs."),
            xidAlert("GpuGspTimeout", "warning", "119", "Xid 119 on GPU 0000:01:00.0: GSP RPC timeout",
                "The GPU's firmware stopped answering the driver; memory it held may not be released."),
            alert("20m", "UvmctlCannotSee"),
            alert("35m", "UvmctlCannotSee",
                "        - exp_labels: {severity: warning, instance: gpu-node-44}",
                "          exp_annotations:",
                "            summary: \"gpu-node-44: uvmctl could not read all its inputs\"",
                "            description: \"Its other metrics are incomplete, so a quiet node is not known to be clean (permissions? capabilities?).\""),
            "");
        Path file = tmp.resolve("alerts.test.yml");
        Files.writeString(file, test, StandardCharsets.UTF_8);
        ProcessRunner.Result r = ProcessRunner.withPathAndHome().run(promtool, "test", "rules", file.toString());
        assertThat(r.exitCode()).as(r + "\n--- test file ---\n" + test).isZero();
        assertThat(r.out()).contains("SUCCESS");
    }

    private static String alert(String at, String name, String... expected) {
        List<String> lines = new ArrayList<>(List.of("      - eval_time: " + at, "        alertname: " + name));
        lines.add(expected.length == 0 ? "        exp_alerts: []" : "        exp_alerts:");
        lines.addAll(List.of(expected));
        return String.join("\n", lines);
    }

    private static String xidAlert(String name, String severity, String code, String summary, String description) {
        return alert("12m", name,
            "        - exp_labels: {severity: " + severity + ", instance: gpu-node-51, gpu: \"0000:01:00.0\", code: \"" + code + "\"}",
            "          exp_annotations:",
            "            summary: \"gpu-node-51: " + summary + "\"",
            "            description: \"" + description + "\"");
    }

    /** Each sample of {@code metrics} as a series of {@code node}, constant for 40 minutes. */
    private static void series(StringBuilder out, String node, String metrics) {
        for (Map.Entry<String, String> s : samples(metrics, node).entrySet()) {
            out.append("      - series: '").append(s.getKey()).append("'\n        values: '").append(s.getValue()).append("x40'\n");
        }
    }

    /**
     * The Xid counters of a node through two runs of {@code leaks --textfile} on its kernel log: one
     * Xid each of 79, 48 and 119, then one more of each 10 minutes later.
     */
    private static void xids(StringBuilder out, String node, Path tmp) throws IOException, InterruptedException {
        Path root = tmp.resolve("xid-root");
        Path dir = Files.createDirectories(tmp.resolve("xid-textfile"));
        Files.createDirectories(root.resolve("dev"));
        String banner = "6,1,2329368,-;NVRM: loading NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build  (root@)\n";
        StringBuilder log = new StringBuilder(banner);
        long seq = 2;
        List<Map<String, String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            for (String code : new String[] {"79", "48", "119"}) {
                log.append("4,").append(seq).append(',').append(100_000_000L * seq).append(",-;NVRM: Xid (PCI:0000:01:00): ").append(code)
                    .append(", pid=1234, name=python3, Ch 00000010\n");
                seq++;
            }
            Files.writeString(root.resolve("dev/kmsg"), log.toString());
            Uvmctl.run("leaks", root.toString(), "--textfile", dir.toString());
            Map<String, String> xids = new java.util.LinkedHashMap<>();
            samples(Files.readString(dir.resolve("uvmctl.prom")), node).forEach((k, v) -> {
                if (k.startsWith("uvmctl_xid_events_total")) {
                    xids.put(k, v);
                }
            });
            runs.add(xids);
        }
        assertThat(runs.get(0)).hasSize(3).allSatisfy((k, v) -> assertThat(v).isEqualTo("1"));
        for (String s : runs.get(0).keySet()) {
            out.append("      - series: '").append(s).append("'\n        values: '").append(runs.get(0).get(s)).append("x9 ")
                .append(runs.get(1).get(s)).append("x30'\n");
        }
    }

    /** The samples of an exposition, each series with {@code instance} added, values in plain decimals. */
    static Map<String, String> samples(String metrics, String node) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : metrics.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String name = line.substring(0, space);
            String labelled = name.endsWith("}") ? name.substring(0, name.length() - 1) + ",instance=\"" + node + "\"}"
                : name + "{instance=\"" + node + "\"}";
            out.put(labelled, new BigDecimal(line.substring(space + 1)).stripTrailingZeros().toPlainString());
        }
        return out;
    }
}
