package dev.uvmctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpoolTest {
    /** About 1.5 × what stays in memory, so that the rest goes to the temporary file. */
    private static String large() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < Spool.IN_MEMORY * 3 / 2; i++) {
            b.append("{\"record\":").append(i).append(",\"text\":\"ünïcödé\"}\n");
        }
        return b.toString();
    }

    @Test
    void drainsWhatSpilledToItsFileAfterWhatStayedInMemoryAsBytes() {
        String text = large();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        OutputWriter out = OutputWriter.to(new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8)), stdout);
        try (Spool spool = new Spool()) {
            for (String line : text.split("(?<=\n)")) {
                spool.write(line);
            }
            spool.drainTo(out);
            out.flush();
            assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(text);
            spool.write("next");
            spool.drainTo(out);
            out.flush();
            assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(text + "next");
        }
    }

    @Test
    void drainsAsTextToAWriterWithoutByteStream() {
        String text = large();
        StringWriter sink = new StringWriter();
        try (Spool spool = new Spool()) {
            spool.write(text);
            spool.drainTo(OutputWriter.to(sink));
        }
        assertThat(sink.toString()).isEqualTo(text);
    }

    @Test
    void splitsRecordsAcrossMemoryAndFileAndForgetsDiscardedOnes() {
        String text = large();
        List<String> records = new ArrayList<>();
        try (Spool spool = new Spool()) {
            spool.write("dropped");
            spool.write(Spool.END_OF_RECORD);
            spool.clear();
            for (String line : text.split("\n")) {
                spool.write(line);
                spool.write(Spool.END_OF_RECORD);
            }
            spool.drainRecords(records::add);
        }
        assertThat(records).containsExactly(text.split("\n"));
    }
}
