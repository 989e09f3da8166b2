package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCommandTest {
    private static final String HELD = "examples/leaks-held/events.ndjson";
    private static final String BROKEN = "src/test/resources/dev/uvmctl/leaks/fixtures/broken.ndjson";

    @Test
    void theNormalizedStreamReadsBackToTheSameReport() {
        CliRun.Result events = new CliRun().run("events", "-o", "ndjson", HELD);
        assertThat(events.exitCode()).as(events.toString()).isZero();
        assertThat(events.out()).startsWith("{\"type\":\"schema\",\"schema\":\"uvmctl.events/v2\"}\n");
        CliRun.Result replayed = new CliRun().stdin(events.out()).run("leaks", "--events", "-", "-o", "json");
        CliRun.Result direct = new CliRun().run("leaks", HELD, "-o", "json");
        // Provenance travels in "src": the evidence names the original lines; only the input list differs.
        assertThat(findings(replayed.out())).isEqualTo(findings(direct.out()));
        assertThat(replayed.out()).contains("\"name\" : \"<stdin>\"");
    }

    /** An input that holds no event (a schema line alone, a trace's header alone) is empty evidence: exit 3, as leaks exits, in every output form. */
    @Test
    void inputsThatHoldNoEventsExit3(@TempDir Path tmp) throws IOException {
        Path schema = tmp.resolve("schema.ndjson");
        Files.writeString(schema, "{\"type\":\"schema\",\"schema\":\"uvmctl.events/v2\"}\n");
        Path header = tmp.resolve("header.trace");
        Files.writeString(header, "# tracer: nop\n#\n# entries-in-buffer/entries-written: 0/300   #P:16\n#\n");
        for (Path input : new Path[] {schema, header}) {
            for (String form : new String[] {"table", "json", "ndjson"}) {
                CliRun.Result r = new CliRun().run("events", input.toString(), "-o", form);
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
                assertThat(r.err()).as(r.toString()).contains("uvmctl: the inputs hold no events (is this the right file?)");
                assertThat(new CliRun().run("leaks", input.toString()).exitCode()).isEqualTo(3);
            }
        }
        assertThat(new CliRun().run("events", HELD).exitCode()).isZero();
    }

    /**
     * A record that told no time shows none in the table, as JSON gives none, not its neighbour's: the
     * jumps of a grep-filtered /dev/kmsg copy past the first 1024 are summed into one loss of no
     * place in time (KernelLogParser.JUMPS_PLACED).
     */
    @Test
    void aRecordWithoutATimeShowsNoneInTheTable(@TempDir Path tmp) throws IOException {
        StringBuilder kmsg = new StringBuilder();
        for (int i = 0; i < 1030; i++) {
            kmsg.append("4,").append(2 * i).append(',').append(2_000_000 + i).append(",-;usb 1-1: reset ").append(i).append('\n');
        }
        Path log = Files.writeString(tmp.resolve("grep.kmsg"), kmsg);
        CliRun.Result ndjson = new CliRun().run("events", log.toString(), "-o", "ndjson");
        assertThat(ndjson.out()).containsPattern("\\{\"type\":\"events_lost\",\"boot\":\"[^\"]*\",\"time\":null,[^\\n]*\"count\":5,");
        CliRun.Result table = new CliRun().run("events", log.toString());
        assertThat(table.out()).containsPattern("\\n +- +events_lost +" + java.util.regex.Pattern.quote(log + ":1030") + " +5 events\\n")
            .containsPattern("\\n +2\\.001024 +events_lost +" + java.util.regex.Pattern.quote(log + ":1025") + " +1 event\\n");
    }

    @Test
    void theStreamIsAFixedPointOfItself() {
        String once = new CliRun().run("events", "-o", "ndjson", BROKEN).out();
        String twice = new CliRun().stdin(once).run("events", "-o", "ndjson", "-").out();
        assertThat(twice).isEqualTo(once);
        assertThat(once).contains("{\"type\":\"diagnostic\",\"input\":\"" + BROKEN + "\",\"line\":3,"
            + "\"message\":\"time goes backwards (9 s after 11 s): kept in input order\"}");
    }

    @Test
    void inputsAreMergedInReplayOrderWithGpuNamesNormalized(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a.ndjson");
        Path b = tmp.resolve("b.ndjson");
        Files.writeString(a, "{\"type\":\"gpu_lost\",\"time\":5,\"gpu\":\"PCI:0000:3B:00\"}\n{\"type\":\"suspended\",\"time\":20}\n");
        Files.writeString(b, "{\"type\":\"xid\",\"time\":10,\"gpu\":\"00000000:3B:00.0\",\"code\":79}\n");
        CliRun.Result r = new CliRun().run("events", "-o", "ndjson", a.toString(), b.toString());
        assertThat(r.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(",\"src\"")))).containsExactly(
            "{\"type\":\"gpu_lost\",\"boot\":null,\"time\":5,\"wall\":null,\"gpu\":\"0000:3b:00.0\"",
            "{\"type\":\"xid\",\"boot\":null,\"time\":10,\"wall\":null,\"gpu\":\"0000:3b:00.0\",\"code\":79,\"pid\":null,\"comm\":null,\"message\":null",
            "{\"type\":\"suspended\",\"boot\":null,\"time\":20,\"wall\":null");
    }

    @Test
    void theTableShowsTimeKindDetailsAndSource() throws IOException {
        CliRun.Result r = new CliRun().run("events", "examples/leaks-pinned/events.ndjson");
        assertThat(r.exitCode()).isZero();
        LeaksGoldens.check("events-pinned.txt", r.out());
    }

    @Test
    void jsonIsOneDocumentWithTheEventsAndDiagnostics() {
        CliRun.Result r = new CliRun().run("events", "-o", "json", BROKEN);
        assertThat(r.out()).startsWith("{\n  \"schema\" : \"uvmctl.events/v2\",\n  \"events\" : [")
            .contains("\"diagnostics_omitted\" : 0").endsWith("}\n");
        assertThat(r.out().split("\"type\" : \"diagnostic\"", -1)).hasSize(3);
    }

    @Test
    void unreadableInputsExit3() {
        CliRun.Result r = new CliRun().run("events", "no/such/file.ndjson");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).isEqualTo("uvmctl: no/such/file.ndjson: no such file\n");
        assertThat(r.out()).isEqualTo("No events.\n");
    }

    @Test
    void aStreamMostlyOfOtherRecordsExits3WithTheCount() {
        String file = "src/test/resources/events/mostly-not-events.ndjson";
        CliRun.Result r = new CliRun().run("events", "-o", "ndjson", file);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).isEqualTo("uvmctl: " + file + ": 3 of its 4 lines are not event records (more than half): "
            + "not event NDJSON, or damaged (the diagnostics say why, line by line)\n");
        assertThat(r.out()).contains("{\"type\":\"gpu_lost\"").contains("\"line\":5,\"message\":\"\\\"type\\\" is missing\"");
        CliRun.Result leaks = new CliRun().run("leaks", file);
        assertThat(leaks.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        CliRun.Result half = new CliRun().run("events", "src/test/resources/events/half-not-events.ndjson");
        assertThat(half.exitCode()).as("half is not more than half").isEqualTo(ExitCode.OK);
    }

    @Test
    void aNumberOutOfRangeIsADiagnosticAndItsEventIsNotReadAsZero() {
        String file = "src/test/resources/events/overflow.ndjson";
        CliRun.Result r = new CliRun().run("events", "-o", "ndjson", file);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out().lines().filter(l -> l.startsWith("{\"type\":\"diagnostic\"")).map(l -> l.substring(l.indexOf("\"line\""))))
            .containsExactly("\"line\":2,\"message\":\"\\\"time\\\" is out of range: 1e400\"}",
                "\"line\":3,\"message\":\"\\\"code\\\" is out of range: 4294967296\"}",
                "\"line\":4,\"message\":\"\\\"bytes\\\" is out of range: 99999999999999999999\"}");
        assertThat(r.out()).doesNotContain("\"time\":0,").contains("{\"type\":\"gpu_lost\",\"boot\":null,\"time\":14,");
    }

    private static String findings(String json) {
        return json.substring(json.indexOf("\"findings\" : ["));
    }

    /**
     * From 550.40.07 each MIG instance of a GPU has a UVM processor id of its own (uvm_gpu.c: find_unused_gpu_id
     * takes the first free sub-processor index under its parent's), so no one id is the GPU's: the count record
     * carries none, and each instance's id is a record that only names the GPU, so that a trace's uvm-gpuN of any
     * instance is bytes on that GPU. On 535 and 545 the instances share their parent's id: one record says it.
     */
    @Test
    void eachMigInstancesUvmIdNamesItsGpu(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("root");
        dev.uvmctl.testing.Trees.copy(Path.of("src/test/resources/roots/live-host-580"), root);
        Path gpus = root.resolve("proc/driver/nvidia-uvm/gpus");
        String parent = "GPU-6a2b3c4d-1111-2222-3333-444455556666";
        Files.delete(gpus.resolve("1"));
        String info = Files.readString(gpus.resolve(parent + "/0/info"));
        for (String[] gi : new String[][] {{"1", "1", "GI-0a1b2c3d-0000-4000-8000-000000000001"}, {"2", "3", "GI-0a1b2c3d-0000-4000-8000-000000000002"}}) {
            Files.createDirectories(gpus.resolve(parent + "/" + gi[0]));
            Files.writeString(gpus.resolve(parent + "/" + gi[0] + "/info"), info.replaceFirst("GPU ID 1: (\\S+) \\S+", "GPU ID " + gi[1] + ": $1 " + gi[2]));
            Files.createSymbolicLink(gpus.resolve(gi[1]), Path.of(parent + "/" + gi[0]));
        }
        Files.delete(gpus.resolve(parent + "/0/info"));
        Files.delete(gpus.resolve(parent + "/0"));
        CliRun.Result r = new CliRun().run("events", root.toString(), "-o", "ndjson");
        java.util.List<String> retained = r.out().lines().filter(l -> l.contains("\"type\":\"gpu_retained\"")).toList();
        assertThat(retained).filteredOn(l -> l.contains("\"gpu\":\"0000:3b:00.0\"")).satisfiesExactly(
            l -> assertThat(l).contains("\"uvm_id\":null,\"count\":8"),
            l -> assertThat(l).contains("\"uvm_id\":1,\"count\":null").contains("GPU ID 1"),
            l -> assertThat(l).contains("\"uvm_id\":3,\"count\":null").contains("GPU ID 3"));
        assertThat(retained).filteredOn(l -> l.contains("\"gpu\":\"0000:86:00.0\"")).singleElement().asString()
            .contains("\"uvm_id\":2,\"count\":3");
    }

    /**
     * A node with one GPU and no UVM info for it (UVM retained none when the snapshot was taken): it has UVM's
     * processor ids 1 to 8, the first parent slot's (find_unused_gpu_id, uvm_gpu.c, gives the first free parent
     * slot, and a MIG instance a sub-processor of it), so a trace's uvm-gpu1 to uvm-gpu8 are bytes on it. Not with two GPUs, nor in a container, whose lists show its GPUs alone.
     */
    @Test
    void theOnlyGpuOfANodeHasUvmsFirstEightProcessorIds(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("root");
        dev.uvmctl.testing.Trees.copy(Path.of("examples/clean"), root);
        String only = "{\"type\":\"gpu_retained\",";
        CliRun.Result one = new CliRun().run("events", root.toString(), "-o", "ndjson");
        java.util.List<String> named = one.out().lines().filter(l -> l.startsWith(only)).toList();
        assertThat(named).hasSize(8).allSatisfy(l -> assertThat(l).contains("\"gpu\":\"0000:3b:00.0\"", "\"count\":null",
            "\"input\":\"/proc/driver/nvidia/gpus/0000:3b:00.0/information\"", "the only GPU of /proc/driver/nvidia/gpus"));
        assertThat(named).extracting(l -> l.replaceAll(".*\"uvm_id\":(\\d+),.*", "$1"))
            .as("the GPU and its MIG instances: ids 1 to 8 from 550.40.07").containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        Files.createFile(root.resolve(".dockerenv"));
        CliRun.Result container = new CliRun().run("events", root.toString(), "-o", "ndjson");
        assertThat(container.out().lines().filter(l -> l.startsWith(only))).isEmpty();
        Files.delete(root.resolve(".dockerenv"));
        Path gpus = root.resolve("proc/driver/nvidia/gpus");
        Files.createDirectories(gpus.resolve("0000:86:00.0"));
        Files.writeString(gpus.resolve("0000:86:00.0/information"), Files.readString(gpus.resolve("0000:3b:00.0/information"))
            .replace("0000:3b:00.0", "0000:86:00.0").replace("GPU-5a1b2c3d", "GPU-6b2c3d4e"));
        CliRun.Result two = new CliRun().run("events", root.toString(), "-o", "ndjson");
        assertThat(two.out().lines().filter(l -> l.startsWith(only))).isEmpty();
    }
}
