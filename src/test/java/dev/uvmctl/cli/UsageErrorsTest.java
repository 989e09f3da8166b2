package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a mistyped or impossible command line gets: exit 2 and a message that says what would do. */
class UsageErrorsTest {
    private static final String OOM_NODE = "examples/oom-node";
    private static final String XID_LOG = "src/test/resources/corpus/xid/001-fallen-off-bus-multiline-570.txt";
    private static final String TWO_BOOTS = "src/test/resources/kernel-logs/journal-two-boots.json";

    @ParameterizedTest(name = "{0} --pid {1}")
    @CsvSource({"leaks, -1", "leaks, 0", "dmesg, -1", "dmesg, 0"})
    void aPidBelowOneIsAUsageError(String command, String pid) {
        CliRun.Result r = new CliRun().run(command, "--pid", pid, OOM_NODE);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("uvmctl: Invalid value for option '--pid' (PID): '" + pid + "' is not a process id: pids are 1 or more\n");
    }

    @Test
    void aPidAmongOthersIsCheckedToo() {
        CliRun.Result r = new CliRun().run("leaks", "--pid", "5120,-7", OOM_NODE);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("'-7' is not a process id");
    }

    /**
     * What a user typed comes back in the message: an escape sequence or a bell in it is shown, not
     * sent to the terminal (a name pasted from a log, a path with a control character in it).
     */
    @Test
    void controlCharactersTypedComeBackVisible() {
        CliRun.Result name = new CliRun().run("params", "explain", "uvm_bad\u001b[31mname\u0007");
        assertThat(name.exitCode()).as(name.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(name.err()).startsWith("uvmctl: no nvidia-uvm parameter is named 'uvm_bad\\x1b[31mname\\x07'").doesNotContain("\u001b", "\u0007");
        CliRun.Result option = new CliRun().run("leaks", "--\u001b]0;title\u0007");
        assertThat(option.exitCode()).as(option.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(option.err()).contains("\\x1b]0;title\\x07").doesNotContain("\u001b", "\u0007");
        CliRun.Result command = new CliRun().run("no\u009bsuch");
        assertThat(command.err()).startsWith("uvmctl: 'no\\x9bsuch' is not a command of uvmctl\n");
    }

    @Test
    void aWordFarFromEveryCommandGetsTheListOfCommands() {
        CliRun.Result r = new CliRun().run("nosuchcmd");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("uvmctl: 'nosuchcmd' is not a command of uvmctl\n"
            + "The commands: " + String.join(", ", UvmctlCommand.SUBCOMMANDS.keySet()) + ".\n"
            + "Try 'uvmctl --help' for more information.\n");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"lekas, leaks", "dmseg, dmesg", "vaspaces, va-spaces", "hold, holders", "evnets, events", "wath, watch"})
    void aTypoGetsTheCommandItWasMeantFor(String typed, String meant) {
        CliRun.Result r = new CliRun().run(typed);
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("uvmctl: '" + typed + "' is not a command of uvmctl\nDid you mean: uvmctl " + meant + "?\n");
    }

    @Test
    void aMistypedOptionGetsOnlyTheOptionsATypoAway() {
        CliRun.Result r = new CliRun().run("params", "--chnged");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("uvmctl: Unknown option: '--chnged'\nDid you mean: --changed?\n"
            + "Try 'uvmctl params --help' for more information.\n");
        CliRun.Result far = new CliRun().run("leaks", "--bogus");
        assertThat(far.err()).isEqualTo("uvmctl: Unknown option: '--bogus'\nTry 'uvmctl leaks --help' for more information.\n");
        CliRun.Result swapped = new CliRun().run("leaks", "--explian=x");
        assertThat(swapped.err()).contains("Did you mean: --explain?");
    }

    @Test
    void leaksRefusesAGpuNoInputMentionsAndListsThoseTheyDo() {
        CliRun.Result r = new CliRun().run("leaks", "--gpu", "0000:99:00.0", OOM_NODE);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("uvmctl: --gpu 0000:99:00.0: no input mentions this GPU; the inputs mention 0000:3b:00.0\n");
        CliRun.Result known = new CliRun().run("leaks", "--gpu", "3B:00.0", OOM_NODE);
        assertThat(known.exitCode()).as(known.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(known.out()).contains("unattributed-");
    }

    @ParameterizedTest(name = "-o {0}")
    @CsvSource({"table", "json", "ndjson"})
    void dmesgRefusesAGpuNoInputMentionsBeforeAnyOutput(String format) {
        CliRun.Result r = new CliRun().run("dmesg", "--gpu", "0000:99:00.0,0000:b3:00.0", XID_LOG, "-o", format);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("uvmctl: --gpu 0000:99:00.0: no input mentions this GPU; the inputs mention 0000:b3:00.0\n");
        CliRun.Result known = new CliRun().run("dmesg", "--gpu", "b3:00.0", XID_LOG, "-o", format);
        assertThat(known.exitCode()).as(known.toString()).isEqualTo(ExitCode.FOUND);
    }

    @ParameterizedTest(name = "-o {0}")
    @CsvSource({"table", "json", "ndjson"})
    void dmesgRefusesABootNoLogHasAndNamesTheBootsThereAre(String format) {
        CliRun.Result r = new CliRun().run("dmesg", "--boot", "3", TWO_BOOTS, "-o", format);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("uvmctl: --boot 3: no log has a boot 3; " + TWO_BOOTS + ": 2 boots (1 to 2)\n");
        CliRun.Result second = new CliRun().run("dmesg", "--boot", "2", TWO_BOOTS, "-o", format);
        assertThat(second.exitCode()).as(second.toString()).isIn(ExitCode.OK, ExitCode.FOUND);
        CliRun.Result oneBoot = new CliRun().run("dmesg", "--boot", "2", XID_LOG, TWO_BOOTS, "-o", format);
        assertThat(oneBoot.exitCode()).as("a boot 2 in one of the logs will do").isIn(ExitCode.OK, ExitCode.FOUND);
        CliRun.Result none = new CliRun().run("dmesg", "--boot", "2", XID_LOG);
        assertThat(none.err()).isEqualTo("uvmctl: --boot 2: no log has a boot 2; " + XID_LOG + ": 1 boot\n");
    }
}
