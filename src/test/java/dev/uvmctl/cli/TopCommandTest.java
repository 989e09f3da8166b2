package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

class TopCommandTest {

    @Test
    void versionNamesUvmctlAndTheJavaRuntime() {
        CliRun.Result r = new CliRun().run("--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("uvmctl " + VersionProvider.version() + "\n")
            .contains("Java " + System.getProperty("java.runtime.version"));
        assertThat(VersionProvider.version()).isNotEqualTo("unknown").doesNotContain("${");
    }

    @Test
    void helpListsEveryExitCodeAndTheEnvironment() {
        CliRun.Result r = new CliRun().run("--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains(" 0   ran and found nothing to report")
            .contains(" 1   ran and found something")
            .contains(" 2   usage error")
            .contains(" 3   could not read what it needed")
            .contains("70   internal error")
            .contains("NO_COLOR")
            .contains("--root=DIR")
            .contains("--color=WHEN");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void subcommandHelpInheritsTheExitCodes() {
        CliRun.Result r = new CliRun().run("completion", "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("70   internal error").contains("--root=DIR");
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun.Result r = new CliRun().run();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Usage: uvmctl").contains("uvmctl: a command is needed");
    }

    @Test
    void unknownOptionIsAUsageErrorWithOneLineAndAHint() {
        CliRun.Result r = new CliRun().run("completion", "--bogus", "bash");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("uvmctl: Unknown option: '--bogus'")
            .contains("Try 'uvmctl completion --help' for more information.");
    }

    @Test
    void badEnumValueNamesTheChoices() {
        CliRun.Result r = new CliRun().run("--color=sometimes", "completion", "bash");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("auto, always, never");
    }

    @Test
    void rootThatIsNotADirectoryIsAUsageError(@TempDir Path tmp) {
        CliContext context = CliContext.builder(new java.io.PrintWriter(java.io.Writer.nullWriter()),
            new java.io.PrintWriter(java.io.Writer.nullWriter()), java.io.InputStream.nullInputStream())
            .workingDirectory(tmp).build();
        context.root(Path.of("missing"));
        org.assertj.core.api.Assertions.assertThatThrownBy(context::sysRoot)
            .isInstanceOf(UvmctlException.class)
            .hasMessageContaining("--root missing: not a directory");
    }

    @Test
    void completionScriptsCoverTheCommands() {
        CliRun.Result bash = new CliRun().run("completion", "bash");
        assertThat(bash.exitCode()).as(bash.toString()).isZero();
        assertThat(bash.out()).contains("complete -F _complete_uvmctl").contains("function _picocli_uvmctl_params_explain()");
        CliRun.Result fish = new CliRun().run("completion", "fish");
        assertThat(fish.out()).contains("complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'completion'")
            .contains("-l 'color' -x -a 'auto always never'")
            .doesNotContain("\r");
        CliRun.Result zsh = new CliRun().run("completion", "zsh");
        assertThat(zsh.out()).startsWith("#compdef uvmctl\n").contains("(va-spaces) __uvmctl_va_spaces && ret=0")
            .contains("__uvmctl_params_explain() {").doesNotContain("bashcompinit");
    }

    @Test
    void globalOptionsWorkAfterTheSubcommandToo() {
        CliRun.Result quiet = new CliRun().run("completion", "-q", "bash");
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.out()).isEmpty();
    }
}
