package dev.uvmctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputWriterTest {

    @Test
    void noticesThatTheReaderOfARealPipeHasGone() throws Exception {
        Process head = new ProcessBuilder("head", "-c", "1")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        OutputWriter out = OutputWriter.to(new BufferedWriter(
            new OutputStreamWriter(head.getOutputStream(), StandardCharsets.UTF_8)));
        out.println("first line");
        out.flush();
        head.waitFor();
        int records = 0;
        while (!out.readerGone() && records < 1000) {
            out.println("record " + records++);
            out.flush();
        }
        assertThat(out.readerGone()).as("still writing after %d records", records).isTrue();
        assertThat(records).as("the first write after the reader left already fails").isLessThanOrEqualTo(2);
    }

    @Test
    void passesEverythingThroughWhileTheReaderIsThere() {
        StringWriter text = new StringWriter();
        OutputWriter out = OutputWriter.to(text);
        out.print("a");
        out.println(42);
        out.printf("%s%n", "b");
        out.write("cd", 1, 1);
        out.write('e');
        out.flush();
        assertThat(text.toString()).isEqualTo("a42" + System.lineSeparator() + "b" + System.lineSeparator() + "de");
        assertThat(out.readerGone()).isFalse();
    }

    @Test
    void utf8TextGoesStraightToTheByteStreamAfterWhatWasWrittenBefore() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        OutputWriter out = OutputWriter.to(new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8)), stdout);
        out.print("before é ");
        out.transferUtf8(new ByteArrayInputStream("held ü\n".getBytes(StandardCharsets.UTF_8)));
        out.print("after");
        out.flush();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("before é held ü\nafter");
    }

    @Test
    void utf8TextIsDecodedForAWriterWithoutItsByteStream() throws IOException {
        StringWriter text = new StringWriter();
        OutputWriter out = OutputWriter.to(text);
        out.print("a ");
        // A two-byte character split across the stream's reads must come out whole.
        byte[] bytes = "x".repeat(65_535).concat("é end").getBytes(StandardCharsets.UTF_8);
        out.transferUtf8(new ByteArrayInputStream(bytes));
        out.flush();
        assertThat(text.toString()).isEqualTo("a " + "x".repeat(65_535) + "é end");
    }

    @Test
    void aFailedByteWriteMeansTheReaderIsGone() throws IOException {
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        OutputWriter out = OutputWriter.to(new StringWriter(), closed);
        out.transferUtf8(new ByteArrayInputStream(new byte[] {'a'}));
        assertThat(out.readerGone()).isTrue();
    }

    @Test
    void aDiscardingWriterNeverStopsItsProducer() {
        OutputWriter out = OutputWriter.discarding();
        out.println("nobody reads this");
        out.flush();
        assertThat(out.readerGone()).isFalse();
        assertThat(out.checkError()).isFalse();
    }

    @Test
    void wrapsAPlainWriterOnceOnly() {
        OutputWriter out = OutputWriter.to(new StringWriter());
        assertThat(OutputWriter.of(out)).isSameAs(out);
        StringWriter text = new StringWriter();
        PrintWriter plain = new PrintWriter(text);
        OutputWriter.of(plain).print("through");
        plain.flush();
        assertThat(text.toString()).isEqualTo("through");
    }
}
