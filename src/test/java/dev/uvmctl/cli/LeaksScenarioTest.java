package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One scenario per finding class (and a clean run), as event NDJSON: the examples/ shipped to
 * users and fixtures for the classes no example shows. The whole JSON document and the table
 * are compared exactly with the expected files.
 */
class LeaksScenarioTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "leaks-held,   examples/leaks-held/events.ndjson,   1",
        "leaks-oom,    examples/leaks-oom/events.ndjson,    1",
        "leaks-pinned, examples/leaks-pinned/events.ndjson, 1",
        "leaks-clean,  examples/leaks-clean/events.ndjson,  0",
        "stuck,        src/test/resources/dev/uvmctl/leaks/fixtures/stuck.ndjson,        1",
        "deferred,     src/test/resources/dev/uvmctl/leaks/fixtures/deferred.ndjson,     1",
        "unattributed, src/test/resources/dev/uvmctl/leaks/fixtures/unattributed.ndjson, 1",
        "driver,       src/test/resources/dev/uvmctl/leaks/fixtures/driver.ndjson,       1",
    })
    void theJsonReportIsExactlyTheExpectedOne(String name, String input, int exit) throws IOException {
        CliRun.Result r = new CliRun().run("leaks", input, "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err()).isEmpty();
        LeaksGoldens.check(name + ".json", r.out());
    }

    /**
     * A broken history is judged as far as it goes: its leak is found, and the eviction of a va_space no input showed made or
     * held makes the answer incomplete (exit 3 before 1), listed in {@code unreadable} and said on standard error.
     */
    @Test
    void aBrokenHistoryIsJudgedAndWhatItCannotJudgeMakesItIncomplete() throws IOException {
        String input = "src/test/resources/dev/uvmctl/leaks/fixtures/broken.ndjson";
        CliRun.Result r = new CliRun().run("leaks", input, "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).isEqualTo("uvmctl: " + input + ": 1 va_space in use (0xffff9c0060000000) that no input showed made (they "
            + "began after it) or held: whether that memory should have been released is not judged; a snapshot of every holder taken after "
            + "this input began (a system root, 'uvmctl capture') names the holders\n");
        LeaksGoldens.check("broken.json", r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "leaks-held,   examples/leaks-held/events.ndjson",
        "leaks-oom,    examples/leaks-oom/events.ndjson",
        "leaks-pinned, examples/leaks-pinned/events.ndjson",
        "leaks-clean,  examples/leaks-clean/events.ndjson",
        "stuck,        src/test/resources/dev/uvmctl/leaks/fixtures/stuck.ndjson",
        "deferred,     src/test/resources/dev/uvmctl/leaks/fixtures/deferred.ndjson",
        "unattributed, src/test/resources/dev/uvmctl/leaks/fixtures/unattributed.ndjson",
        "driver,       src/test/resources/dev/uvmctl/leaks/fixtures/driver.ndjson",
    })
    void theTableIsExactlyTheExpectedOne(String name, String input) throws IOException {
        CliRun.Result r = new CliRun().run("leaks", input);
        assertThat(r.err()).as(r.toString()).isEmpty();
        LeaksGoldens.check(name + ".txt", r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "leaks-held, examples/leaks-held/events.ndjson",
        "stuck,      src/test/resources/dev/uvmctl/leaks/fixtures/stuck.ndjson",
    })
    void explainPrintsTheEvidenceUnderEachFinding(String name, String input) throws IOException {
        CliRun.Result r = new CliRun().run("leaks", "--explain", input);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        LeaksGoldens.check(name + "-explain.txt", r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "leaks-held, examples/leaks-held/events.ndjson",
        "deferred,   src/test/resources/dev/uvmctl/leaks/fixtures/deferred.ndjson",
    })
    void ndjsonIsASummaryThenOneRecordPerFinding(String name, String input) throws IOException {
        CliRun.Result r = new CliRun().run("leaks", input, "-o", "ndjson", "--all");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        LeaksGoldens.check(name + ".ndjson", r.out());
    }
}
