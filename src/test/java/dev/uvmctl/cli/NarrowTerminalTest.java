package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** On a terminal, what the table commands print fits its width: rows shrink, prose wraps, nothing runs over. */
class NarrowTerminalTest {
    private static final String HOST = "src/test/resources/roots/live-host-580";

    @ParameterizedTest(name = "{0} at {1} columns")
    @CsvSource(delimiter = '|', value = {
        "leaks --root " + HOST + " --explain --all                    | 80",
        "leaks --root " + HOST + " --explain --all                    | 50",
        "events examples/leaks-held/events.ndjson                     | 80",
        "events examples/leaks-held/events.ndjson                     | 40",
        "va-spaces --root " + HOST + " --ranges                       | 80",
        "holders --root " + HOST + "                                  | 80",
        "holders --root src/test/resources/roots/live-retained-535    | 60",
        "params --root src/test/resources/roots/params-changed-535    | 80",
        "params --root examples/clean                                 | 60",
    })
    void noLineIsWiderThanTheTerminal(String args, int width) {
        CliRun.Result r = new CliRun().terminal(new TerminalInfo(true, true, () -> width)).run(args.trim().split(" +"));
        assertThat(r.out()).as(r.toString()).isNotEmpty();
        assertThat(r.out().lines()).as(r.toString()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(width));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "leaks --root " + HOST + " --explain --all",
        "events examples/leaks-held/events.ndjson",
        "holders --root " + HOST,
    })
    void withoutATerminalNothingIsWrappedOrCut(String args) {
        CliRun.Result piped = new CliRun().run(args.trim().split(" +"));
        assertThat(piped.out()).doesNotContain("…").containsPattern("(?m)^.{100,}$");
    }
}
