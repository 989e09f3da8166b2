package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Every JSON document uvmctl writes names its schema {@code uvmctl.<command>/v<N>} (nested
 * commands joined by '-'), and every key in it is snake_case, so a reader learns one style.
 */
class JsonConventionsTest {
    private static final String HOST = "src/test/resources/roots/live-host-580";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "leaks          | leaks --root " + HOST + " -o json",
        "events         | events --root " + HOST + " -o json",
        "dmesg          | dmesg src/test/resources/kernel-logs/oom-hung-unload.log -o json",
        "params         | params --root examples/clean -o json",
        "params-explain | params explain uvm_disable_hmm --root examples/clean -o json",
        "va-spaces      | va-spaces --root " + HOST + " -o json",
        "holders        | holders --root " + HOST + " -o json",
    })
    void theSchemaIsNamedAfterTheCommandAndEveryKeyIsSnakeCase(String command, String args) {
        CliRun.Result r = new CliRun().run(args.trim().split(" +"));
        assertThat(r.out()).as(r.toString()).startsWith("{");
        Document d = Document.of(r.out());
        assertThat(d.schema()).as(r.toString()).matches("uvmctl\\." + command + "/v[0-9]+");
        assertThat(d.keys()).as("keys of %s", args).allMatch(k -> k.matches("[a-z][a-z0-9_]*"), "snake_case");
    }

    /**
     * No object in any output holds a key twice, in NDJSON least of all: a record's {@code type}
     * says what record it is, and a field of its own named {@code type} (a parameter's kernel
     * type, an NVML process's C/G) would overwrite it for jq and every other reader that keeps the
     * last value, so that {@code select(.type=="parameter")} found nothing.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "leaks ndjson     | leaks --root " + HOST + " -o ndjson",
        "events ndjson    | events --root " + HOST + " -o ndjson",
        "dmesg ndjson     | dmesg src/test/resources/kernel-logs/oom-hung-unload.log -o ndjson",
        "params ndjson    | params --root examples/clean -o ndjson",
        "explain ndjson   | params explain uvm_disable_hmm --root examples/clean -o ndjson",
        "va-spaces ndjson | va-spaces --root " + HOST + " -o ndjson",
        "holders ndjson   | holders --root " + HOST + " -o ndjson",
        "va-spaces bundle | va-spaces examples/held-node/capture.tar.gz -o ndjson",
        "leaks json       | leaks --root " + HOST + " -o json",
        "params json      | params --root examples/clean -o json",
        "va-spaces json   | va-spaces examples/held-node/capture.tar.gz -o json",
    })
    void noObjectHoldsAKeyTwiceAndEveryRecordSaysItsType(String name, String args) {
        CliRun.Result r = new CliRun().run(args.trim().split(" +"));
        assertThat(r.out()).as(r.toString()).startsWith("{");
        JsonFactory strict = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        boolean ndjson = args.endsWith("ndjson");
        for (String line : ndjson ? r.out().split("\n") : new String[] {r.out()}) {
            try (JsonParser p = strict.createParser(ObjectReadContext.empty(), line)) {
                String type = null;
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.PROPERTY_NAME && p.streamReadContext().getParent().inRoot() && p.currentName().equals("type")) {
                        p.nextToken();
                        type = p.getString();
                    }
                }
                if (ndjson) {
                    assertThat(type).as("the record type of %s", line).isNotNull().matches("[a-z][a-z_-]*");
                }
            }
        }
    }

    @Test
    void theDmesgSummaryListsOomKillsUnderASnakeCaseKeyInVersionTwo() {
        CliRun.Result r = new CliRun().run("dmesg", "src/test/resources/kernel-logs/oom-hung-unload.log", "-o", "json");
        assertThat(r.out()).contains("\"schema\" : \"uvmctl.dmesg/v2\"").contains("\"oom_kills\" : [").doesNotContain("oomKills");
    }

    @Test
    void theCaptureManifestFollowsTheSameStyle(@TempDir Path tmp) {
        Path bundle = tmp.resolve("b");
        CliRun.Result r = new CliRun().run("--root", HOST, "capture", "--to", bundle.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Document d = Document.of(ioRead(bundle.resolve("uvmctl/manifest.json")));
        assertThat(d.schema()).isEqualTo("uvmctl.capture/v1");
        assertThat(d.keys()).allMatch(k -> k.matches("[a-z][a-z0-9_]*"), "snake_case");
    }

    private static String ioRead(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The top-level "schema" and every field name at any depth. Keys that are data, not names (a
     * map by GPU or by record kind: {@code "bytes": {"0000:3b:00.0": ...}}), are values elsewhere
     * in the document ({@code "gpus": ["0000:3b:00.0"]}), and are left out.
     */
    private record Document(String schema, Set<String> keys) {
        static Document of(String json) {
            String schema = null;
            Set<String> keys = new LinkedHashSet<>();
            Set<String> values = new LinkedHashSet<>();
            try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), json)) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.PROPERTY_NAME) {
                        keys.add(p.currentName());
                        if (p.streamReadContext().getParent().inRoot() && p.currentName().equals("schema")) {
                            p.nextToken();
                            schema = p.getString();
                        }
                    } else if (t == JsonToken.VALUE_STRING) {
                        values.add(p.getString());
                    }
                }
            }
            keys.removeAll(values);
            return new Document(schema, keys);
        }
    }
}
