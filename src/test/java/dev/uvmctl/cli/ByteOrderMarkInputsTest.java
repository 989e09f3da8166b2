package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every reader of a file input opens it in one place (source.InputFile), which drops a UTF-8
 * byte-order mark (Windows editors, PowerShell's Out-File): a kernel log, a va-spaces snapshot,
 * event NDJSON, a trace and a params file saved with one are read as without it; a root's kernel log
 * goes through the same decoding.
 */
class ByteOrderMarkInputsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "dmesg, src/test/resources/corpus/xid/002-xid31-62-45-cascade-chia.txt",
        "leaks, src/test/resources/expected/live/host-580-snapshot.txt",
        "events, src/test/resources/events/overflow.ndjson",
        "events, src/test/resources/ftrace/pid-reuse.trace",
        "params, src/test/resources/corpus/params/006-proc-driver-nvidia-params-384.txt"})
    void aFileWithAByteOrderMarkIsReadAsWithout(String command, String input) throws IOException {
        byte[] text = Files.readAllBytes(Path.of(input));
        Path plain = Files.write(dir.resolve("plain.txt"), text);
        byte[] marked = new byte[text.length + 3];
        marked[0] = (byte) 0xef;
        marked[1] = (byte) 0xbb;
        marked[2] = (byte) 0xbf;
        System.arraycopy(text, 0, marked, 3, text.length);
        Path bom = Files.write(dir.resolve("bomed.txt"), marked);
        CliRun.Result without = new CliRun().run(command, "-o", "json", plain.toString());
        CliRun.Result with = new CliRun().run(command, "-o", "json", bom.toString());
        assertThat(with.exitCode()).as(with.toString()).isEqualTo(without.exitCode()).isIn(ExitCode.OK, ExitCode.FOUND);
        assertThat(with.out().replace(bom.toString(), plain.toString()).replace("bomed.txt", "plain.txt"))
            .isEqualTo(without.out());
        assertThat(new String(marked, StandardCharsets.UTF_8)).startsWith("\uFEFF");
    }

    /**
     * A root's kernel log is opened in RootKernelLogEventSource, through the same text decoding as a
     * file input: a bundle whose dmesg.txt was saved as UTF-16 with its mark (PowerShell 5.1's '>') reads
     * as the one saved as UTF-8, and one compressed with xz says so and what to run (exit 3).
     */
    @Test
    void aRootsKernelLogIsDecodedAsAFileInputIs() throws IOException {
        Path root = dir.resolve("root");
        Trees.copy(Path.of("examples/oom-node"), root);
        Path log = root.resolve("uvmctl/commands/dmesg.txt");
        String text = Files.readString(log);
        CliRun.Result utf8 = new CliRun().run("leaks", "-o", "json", root.toString());
        byte[] wide = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[wide.length + 2];
        marked[0] = (byte) 0xff;
        marked[1] = (byte) 0xfe;
        System.arraycopy(wide, 0, marked, 2, wide.length);
        Files.write(log, marked);
        CliRun.Result utf16 = new CliRun().run("leaks", "-o", "json", root.toString());
        assertThat(utf16.exitCode()).as(utf16.toString()).isEqualTo(utf8.exitCode()).isEqualTo(ExitCode.FOUND);
        assertThat(utf16.out()).isEqualTo(utf8.out()).contains("\"oom_kill\"");

        Files.write(log, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4});
        CliRun.Result xz = new CliRun().run("leaks", root.toString());
        assertThat(xz.exitCode()).as(xz.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(xz.err()).contains("dmesg.txt: is xz-compressed, which uvmctl does not read");
    }
}
