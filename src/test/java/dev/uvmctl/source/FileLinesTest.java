package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLinesTest {
    @TempDir
    Path dir;

    /** Every line read again by its offset is the text {@link LineReader} gave, in any order, across windows. */
    @Test
    void aLineReadAgainIsTheLineReadFirst() throws IOException {
        Random r = new Random(12);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            int n = r.nextInt(i % 97 == 0 ? 200_000 : 300);
            for (int k = 0; k < n; k++) {
                b.append(k % 50 == 7 ? 'é' : k % 61 == 3 ? '\r' : (char) ('a' + r.nextInt(26)));
            }
            b.append(i % 5 == 0 ? "\r\n" : "\n");
        }
        b.append("last line without a newline\r");
        Path file = dir.resolve("t.trace");
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        bytes[1234] = (byte) 0xff;
        Files.write(file, bytes);

        List<String> texts = new ArrayList<>();
        List<Long> wheres = new ArrayList<>();
        readLines(InputFile.of("t.trace", dir, null), texts, wheres);
        FileLines again = FileLines.of(InputFile.of("t.trace", dir, null));
        assertThat(again).isNotNull();
        assertThat(wheres).doesNotContain(-1L);
        for (int i = texts.size() - 1; i >= 0; i -= 3) {
            assertThat(again.text(wheres.get(i))).as("line %d", i + 1).isEqualTo(texts.get(i));
        }
        for (int i = 0; i < texts.size(); i++) {
            assertThat(again.text(wheres.get(i))).as("line %d", i + 1).isEqualTo(texts.get(i));
        }
        Provenance p = Provenance.at("t.trace", 2, again, wheres.get(1));
        assertThat(p).isEqualTo(new Provenance("t.trace", 2, texts.get(1)));
        assertThat(p.location()).isEqualTo("t.trace:2");
    }

    @Test
    void aFileRewrittenSinceSaysSoRatherThanShowingAnotherLine() throws IOException {
        Path file = dir.resolve("t.trace");
        Files.writeString(file, "first line\nsecond line\n");
        FileLines again = FileLines.of(InputFile.of("t.trace", dir, null));
        long second = FileLines.where(11, 11);
        assertThat(again.text(second)).isEqualTo("second line");
        Files.writeString(file, "first line\nother\n");
        assertThat(FileLines.of(InputFile.of("t.trace", dir, null)).text(second))
            .isEqualTo("(line no longer in t.trace as it was read: the file changed since)");
        Files.delete(file);
        assertThat(FileLines.of(InputFile.of("t.trace", dir, null))).isNull();
        assertThat(again.text(FileLines.where(0, 10))).startsWith("(line of t.trace not read again: ");
    }

    @Test
    void standardInputAndCompressedFilesAreNotReadAgain() throws IOException {
        assertThat(FileLines.of(InputFile.of("-", dir, InputStream.nullInputStream()))).isNull();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("a line\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve("t.trace.gz"), gz.toByteArray());
        assertThat(FileLines.of(InputFile.of("t.trace.gz", dir, null))).isNull();
        assertThat(FileLines.of(InputFile.of(".", dir, null))).as("a directory").isNull();
        assertThat(FileLines.where(1L << 43, 1)).isEqualTo(-1);
        assertThat(FileLines.where(0, LineReader.MAX_LINE + 1)).isEqualTo(-1);
    }

    /**
     * A UTF-8 byte-order mark (Windows editors, PowerShell's Out-File) is no part of the first
     * line, plain, compressed or on standard input, and a line read again by its offset is still
     * the line read first.
     */
    @Test
    void aByteOrderMarkIsNoPartOfTheFirstLineAndLinesAreReadAgainAfterIt() throws IOException {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] text = "first line\r\nsecond line\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(bom);
        file.write(text);
        Files.write(dir.resolve("w.log"), file.toByteArray());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(file.toByteArray());
        }
        Files.write(dir.resolve("w.log.gz"), gz.toByteArray());
        for (InputFile f : List.of(InputFile.of("w.log", dir, null), InputFile.of("w.log.gz", dir, null),
            InputFile.of("-", dir, new java.io.ByteArrayInputStream(file.toByteArray())))) {
            try (InputStream in = f.open()) {
                assertThat(in.readAllBytes()).as(f.name()).isEqualTo(text);
            }
        }
        List<Long> wheres = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        readLines(InputFile.of("w.log", dir, null), texts, wheres);
        assertThat(texts).containsExactly("first line", "second line");
        FileLines again = FileLines.of(InputFile.of("w.log", dir, null));
        assertThat(again.text(wheres.get(1))).isEqualTo("second line");
        assertThat(again.text(wheres.get(0))).isEqualTo("first line");
        // Two of its three bytes are no mark: the text is read whole.
        Files.write(dir.resolve("x.log"), new byte[] {(byte) 0xef, (byte) 0xbb, 'a', '\n'});
        try (InputStream in = InputFile.of("x.log", dir, null).open()) {
            assertThat(in.readAllBytes()).hasSize(4);
        }
    }

    /** The lines of {@code file} as {@link LineReader} reads them, and where each is ({@link FileLines#where}). */
    private static void readLines(InputFile file, List<String> texts, List<Long> wheres) throws IOException {
        try (InputStream in = file.open(); LineReader lines = new LineReader(in)) {
            for (LineReader.RawLine l = lines.nextRaw(); l != null; l = lines.nextRaw()) {
                texts.add(l.text());
                wheres.add(FileLines.where(l.offset(), l.length()));
            }
        }
    }

    /**
     * A UTF-16 text with its byte-order mark (Windows PowerShell 5.1's {@code >} and
     * {@code Out-File}), little- or big-endian, is read as UTF-8, a character outside the BMP
     * across the decoder's buffer too; its lines are not read again by offset.
     */
    @Test
    void aUtf16TextIsReadAsUtf8() throws IOException {
        StringBuilder b = new StringBuilder();
        while (b.length() < 8191) {
            b.append("NVRM: é ");
        }
        b.setLength(8191);
        String text = b + "\uD83D\uDE00 end\r\nsecond\r\n";
        for (java.nio.charset.Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Files.write(dir.resolve("p.log"), ("\uFEFF" + text).getBytes(cs));
            try (InputStream in = InputFile.of("p.log", dir, null).open()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(cs.name()).isEqualTo(text);
            }
            assertThat(FileLines.of(InputFile.of("p.log", dir, null))).isNull();
        }
    }
}
