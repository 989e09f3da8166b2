package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A file in a format no reader reads, known by its first bytes (another compressor than gzip, a
 * systemd journal file, trace-cmd's binary trace.dat, a zip archive), is exit 3 with one line
 * saying what it is and what to run, for every command that reads files: before, it was read as
 * text, and said only that no kernel-log line could be read from it.
 */
class UnreadFormatsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "leaks  | fd 37 7a 58 5a 00 00 04 e6 d6 | is xz-compressed, which uvmctl does not read (it reads gzip): give it decompressed, xz -dc",
        "dmesg  | 28 b5 2f fd 24 00 01 00 00 99 | is zstd-compressed",
        "events | 42 5a 68 39 31 41 59 26 53 59 | is bzip2-compressed",
        "leaks  | 04 22 4d 18 64 40 a7 00 00 00 | is lz4-compressed",
        "dmesg  | 4c 50 4b 53 48 48 52 48 02 00 | is a systemd journal file, which uvmctl does not read: give it its kernel messages, "
            + "journalctl --file",
        "leaks  | 17 08 44 74 72 61 63 69 6e 67 | is a trace-cmd data file, which uvmctl does not read: give it as text, trace-cmd report -i",
        "events | 50 4b 03 04 14 00 00 00 08 00 | is a zip archive"})
    void aFormatNoReaderReadsIsSaidWithWhatToRun(String command, String magic, String said) throws IOException {
        String[] hex = magic.strip().split(" ");
        byte[] bytes = new byte[hex.length + 4096];
        for (int i = 0; i < hex.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex[i], 16);
        }
        for (int i = hex.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        Path file = Files.write(dir.resolve("node7.log"), bytes);
        CliRun.Result r = new CliRun().run(command, file.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).as(r.toString()).contains(file + ": " + said.strip());
        // One byte changed, it is no such file any more: read as text, as before.
        bytes[1] ^= 0x40;
        Files.write(file, bytes);
        assertThat(new CliRun().run(command, file.toString()).err()).doesNotContain("which uvmctl does not read");
    }
}
