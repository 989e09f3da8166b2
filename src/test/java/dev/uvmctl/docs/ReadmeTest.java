package dev.uvmctl.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the README shows and tells of the examples is what they hold and what uvmctl prints for them. */
class ReadmeTest {
    private static final Path README = Path.of("README.md");
    private static final Path OOM_NODE = Path.of("examples/oom-node");

    /** The console session at the top of the README, command by command. */
    @Test
    void theLeaksSessionIsWhatUvmctlPrints() throws IOException {
        String readme = Files.readString(README);
        Matcher session = Pattern.compile("```console\n\\$ \\./uvmctl leaks examples/oom-node\n(.*?)\\$ echo \\$\\?\n(\\d+)\n```",
            Pattern.DOTALL).matcher(readme);
        assertThat(session.find()).as("the README's console session of 'uvmctl leaks examples/oom-node'").isTrue();
        CliRun.Result r = new CliRun().run("leaks", OOM_NODE.toString());
        assertThat(session.group(1)).as("README.md against 'uvmctl leaks examples/oom-node'").isEqualTo(r.out());
        assertThat(Integer.parseInt(session.group(2))).isEqualTo(r.exitCode());
    }

    /** How long after the OOM kill the node was captured: its uptime less the kill's kernel time. */
    @Test
    void theOomNodeStoryTellsTheTimeItsDataShows() throws IOException {
        double uptime = Double.parseDouble(Files.readString(OOM_NODE.resolve("proc/uptime")).split("\\s+")[0]);
        Matcher kill = Pattern.compile("\\[ *([0-9.]+)\\] Out of memory: Killed process")
            .matcher(Files.readString(OOM_NODE.resolve("uvmctl/commands/dmesg.txt")));
        assertThat(kill.find()).isTrue();
        long minutes = Math.round((uptime - Double.parseDouble(kill.group(1))) / 60);
        for (Path story : new Path[] {README, OOM_NODE.resolve("README.md")}) {
            assertThat(Files.readString(story)).as(story.toString()).contains("; " + minutes + " minutes later UVM still retains the GPU");
        }
    }
}
