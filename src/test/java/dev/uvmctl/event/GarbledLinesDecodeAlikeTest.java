package dev.uvmctl.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Real event lines spliced at random places (a span cut out, repeated, or a token of JSON put in)
 * and decoded by one decoder as a stream, through a read buffer small enough that refills cut
 * lines: the byte-level reading and the streaming parser's give the same event or the same
 * refusal, and neither throws anything but {@link BadRecordException}.
 */
class GarbledLinesDecodeAlikeTest {
    private static final List<String> STREAMS = List.of(
        "src/test/resources/dev/uvmctl/leaks/fixtures/deferred.ndjson",
        "src/test/resources/dev/uvmctl/leaks/fixtures/unattributed.ndjson",
        "src/test/resources/expected/events/oom-hung-unload.ndjson",
        "src/test/resources/expected/events/xid-002.ndjson",
        "src/test/resources/expected/events/ftrace-oom-worker-holds.ndjson",
        "examples/leaks-oom/events.ndjson");
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "\u00e9", "\u202e", "\u0000",
        "null", "true", "-", "0", "1e400", "99999999999999999999", "0x", "\"type\"", "\"src\"", "\"time\"", "\"bytes\"", " ", "\t"};

    /** The lines of real event streams (fixtures, expected outputs, an example). */
    static List<String> realLines() throws IOException {
        List<String> real = new ArrayList<>();
        for (String stream : STREAMS) {
            real.addAll(Files.readAllLines(Path.of(stream)));
        }
        return real;
    }

    @Test
    void splicedRealLinesReadAlikeAndOnlyAreRefused() throws IOException {
        List<String> real = realLines();
        Random random = new Random(12);
        for (int round = 0; round < 300; round++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                lines.add(splice(real.get(random.nextInt(real.size())), random));
            }
            int buffer = 64 + random.nextInt(4096);
            assertThat(FastDecodeTest.outcomes(lines, true, buffer)).as("round %d, buffer %d:\n%s", round, buffer, String.join("\n", lines))
                .isEqualTo(FastDecodeTest.outcomes(lines, false, buffer));
        }
    }

    private static String splice(String line, Random random) {
        StringBuilder b = new StringBuilder(line);
        for (int n = 1 + random.nextInt(3); n > 0 && b.length() > 0; n--) {
            int at = random.nextInt(b.length());
            int to = Math.min(b.length(), at + 1 + random.nextInt(12));
            switch (random.nextInt(3)) {
                case 0 -> b.delete(at, to);
                case 1 -> b.insert(at, b.substring(at, to));
                default -> b.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return b.toString();
    }
}
