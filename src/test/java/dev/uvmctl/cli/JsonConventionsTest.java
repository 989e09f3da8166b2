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
