package dev.uvmctl.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A stream of many read buffers, most records read where they lie in the buffer and the rest as
 * lines (near a buffer's end, cut by a refill, damaged, blank): the reader gives, line by line,
 * the events and diagnostics of the streaming parser reading each line alone.
 */
class NdjsonEventReaderTest {
    @Test
    void aLongStreamReadsAsItsLinesOneByOne() throws IOException {
        List<String> real = GarbledLinesDecodeAlikeTest.realLines();
        Random random = new Random(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String line = real.get(random.nextInt(real.size()));
            switch (random.nextInt(12)) {
                case 0 -> line = line.substring(0, random.nextInt(line.length() + 1));
                case 1 -> line = line + "\r";
                case 2 -> line = " " + line + "\t";
                case 3 -> line = "";
                case 4 -> line = line.replaceFirst(",", "\u0000,");
                default -> {
                    // kept as it is
                }
            }
            lines.add(line);
        }
        byte[] stream = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(stream.length).isGreaterThan(4 * 64 * 1024);

        List<String> read = new ArrayList<>();
        try (NdjsonEventReader r = new NdjsonEventReader(new ByteArrayInputStream(stream), "t", d -> read.add(d.toString()))) {
            for (Event e = r.next(); e != null; e = r.next()) {
                read.add(e.toString());
            }
        }

        List<String> alone = new ArrayList<>();
        EventDecoder decoder = new EventDecoder("t", d -> alone.add(d.toString()));
        for (int n = 0; n < lines.size(); n++) {
            String text = lines.get(n).endsWith("\r") ? lines.get(n).substring(0, lines.get(n).length() - 1) : lines.get(n);
            if (text.isBlank()) {
                continue;
            }
            try {
                Event e = decoder.decode(text, n + 1);
                if (e != null) {
                    alone.add(e.toString());
                }
            } catch (BadRecordException ex) {
                alone.add(Diagnostic.at("t", n + 1, ex.getMessage()).toString());
            }
        }
        assertThat(read).isEqualTo(alone);
        assertThat(read).hasSizeGreaterThan(2500);
    }
}
