package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<LineReader.Line> read(byte[] bytes) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        try (LineReader r = new LineReader(new ByteArrayInputStream(bytes))) {
            for (LineReader.Line l = r.next(); l != null; l = r.next()) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void splitsNumbersAndDropsCarriageReturns() throws IOException {
        List<LineReader.Line> lines = read("a\r\nb\n\nc".getBytes(StandardCharsets.UTF_8));
        assertThat(lines).extracting(LineReader.Line::text).containsExactly("a", "b", "", "c");
        assertThat(lines).extracting(LineReader.Line::number).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void emptyInputHasNoLines() throws IOException {
        assertThat(read(new byte[0])).isEmpty();
    }

    @Test
    void badBytesAndNulsDoNotThrow() throws IOException {
        List<LineReader.Line> lines = read(new byte[] {'o', 'k', '\n', (byte) 0xff, 0, (byte) 0xc3, '\n'});
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).text()).contains("\uFFFD").contains("\u0000");
        assertThat(lines.get(1).hasNul()).isTrue();
        assertThat(lines.get(0).hasNul()).isFalse();
    }

    @Test
    void hugeLinesAreCutAndMarkedAndTheNextLineSurvives() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("x".repeat(LineReader.MAX_LINE + 5000).getBytes(StandardCharsets.US_ASCII));
        b.write("\nnext\n".getBytes(StandardCharsets.US_ASCII));
        List<LineReader.Line> lines = read(b.toByteArray());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).truncated()).isTrue();
        assertThat(lines.get(0).text()).hasSize(LineReader.MAX_LINE);
        assertThat(lines.get(1).text()).isEqualTo("next");
        assertThat(lines.get(1).number()).isEqualTo(2);
    }

    @Test
    void gzipIsRecognisedByContent() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write("compressed line\n".getBytes(StandardCharsets.UTF_8));
        }
        InputStream in = InputFile.decompressIfGzip(new ByteArrayInputStream(b.toByteArray()));
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("compressed line\n");
        InputStream plain = InputFile.decompressIfGzip(new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(plain.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("x");
    }

    @Test
    void rawLinesAcrossASmallBufferGiveTheSameLinesUndecoded() throws IOException {
        byte[] input = "first line\r\nsecond line that is longer than the buffer\nlast".getBytes(StandardCharsets.UTF_8);
        LineReader reader = new LineReader(new ByteArrayInputStream(input), 8);
        List<String> texts = new java.util.ArrayList<>();
        LineReader.RawLine raw;
        while ((raw = reader.nextRaw()) != null) {
            texts.add(raw.number() + ":" + raw.text() + ":" + raw.length());
        }
        assertThat(texts).containsExactly("1:first line:10", "2:second line that is longer than the buffer:42", "3:last:4");
    }

    /** What the reader must give, worked out byte by byte: number, text bytes, NUL, terminated. */
    private static List<String> model(byte[] input) {
        List<String> out = new ArrayList<>();
        int start = 0;
        long number = 0;
        while (start < input.length) {
            int end = start;
            boolean nul = false;
            while (end < input.length && input[end] != '\n') {
                nul |= input[end] == 0;
                end++;
            }
            boolean terminated = end < input.length;
            int len = end - start;
            boolean truncated = len > LineReader.MAX_LINE;
            len = Math.min(len, LineReader.MAX_LINE);
            if (len > 0 && input[start + len - 1] == '\r') {
                len--;
            }
            out.add(++number + ":" + java.util.HexFormat.of().formatHex(input, start, start + len) + ":" + nul + ":" + terminated + ":" + truncated
                + ":" + start);
            start = end + 1;
        }
        return out;
    }

    private static List<String> readRaw(byte[] input, int bufferSize) throws IOException {
        List<String> out = new ArrayList<>();
        List<LineReader.Line> lines = new ArrayList<>();
        try (LineReader r = new LineReader(new ByteArrayInputStream(input), bufferSize);
             LineReader decoded = new LineReader(new ByteArrayInputStream(input), bufferSize)) {
            LineReader.RawLine raw;
            while ((raw = r.nextRaw()) != null) {
                LineReader.Line line = decoded.next();
                // The view where the line lies, then the copy from 0, then the text: all one line.
                String view = java.util.HexFormat.of().formatHex(raw.array(), raw.start(), raw.start() + raw.length());
                assertThat(raw.text()).isEqualTo(line.text());
                assertThat(java.util.HexFormat.of().formatHex(raw.bytes(), 0, raw.length())).isEqualTo(view);
                assertThat(raw.start()).isZero();
                out.add(raw.number() + ":" + java.util.HexFormat.of().formatHex(raw.bytes(), 0, raw.length()) + ":" + line.hasNul() + ":"
                    + raw.terminated() + ":" + raw.truncated() + ":" + raw.offset());
            }
            assertThat(decoded.next()).isNull();
        }
        return out;
    }

    @Test
    void theWordAtATimeScanFindsEveryNewlineAndNulExactlyAtEveryBufferBoundary() throws IOException {
        java.util.Random random = new java.util.Random(12);
        byte[] alphabet = {'\n', 0, '\r', 'a', ' ', (byte) 0x0a ^ (byte) 0x80, (byte) 0x80, 0x01, (byte) 0xff, 0x0b, 0x09};
        for (int round = 0; round < 400; round++) {
            byte[] input = new byte[random.nextInt(120)];
            for (int i = 0; i < input.length; i++) {
                input[i] = random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
            }
            List<String> expected = model(input);
            for (int bufferSize : new int[] {1, 7, 8, 9, 16, 17, 64 * 1024}) {
                assertThat(readRaw(input, bufferSize)).as("round %d, buffer %d", round, bufferSize).isEqualTo(expected);
            }
        }
    }

    @Test
    void aNulAfterTheNewlineInTheSameWordBelongsToTheNextLine() throws IOException {
        byte[] input = {'a', 'b', '\n', 0, 'c', 'd', 'e', 'f', '\n', 'g', 0, 'h', '\n'};
        assertThat(read(input)).extracting(LineReader.Line::hasNul).containsExactly(false, true, true);
        assertThat(readRaw(input, 8)).isEqualTo(model(input));
    }

    @Test
    void aLineLongerThanTheCapAcrossBufferRefillsWithoutAFinalNewline() throws IOException {
        byte[] input = ("short\r\n" + "y".repeat(LineReader.MAX_LINE + 13) + "\r").getBytes(StandardCharsets.US_ASCII);
        List<String> lines = readRaw(input, 4096);
        assertThat(lines).isEqualTo(model(input));
        assertThat(lines.get(1)).endsWith(":false:false:true:7");
    }

    @Test
    void aLineLongerThanTheCapInsideALargerBufferIsCutAsAcrossRefills() throws IOException {
        byte[] input = ("a\r\n" + "z".repeat(LineReader.MAX_LINE - 1) + "\r\n" + "z".repeat(LineReader.MAX_LINE + 1) + "\nb\r")
            .getBytes(StandardCharsets.US_ASCII);
        List<String> lines = readRaw(input, 2 * LineReader.MAX_LINE + 64);
        assertThat(lines).isEqualTo(model(input));
        assertThat(lines).extracting(l -> l.split(":")[4]).containsExactly("false", "false", "true", "false");
    }

    /**
     * A line taken at a newline its reader found ({@code peek}, {@code take}) is the line
     * {@code nextRaw} gives: its number, offset, bytes (without the CR of a CRLF) and end; taking
     * and reading by newline mix, across refills of a small buffer.
     */
    @Test
    void aLineTakenAtItsNewlineIsTheLineReadByItsNewline() throws IOException {
        byte[] input = "0123456789\nab\r\n\n0123456789abcdef\nxy\r\nlast".getBytes(StandardCharsets.US_ASCII);
        List<String> byNewline = new ArrayList<>();
        try (LineReader r = new LineReader(new ByteArrayInputStream(input), 16)) {
            for (LineReader.RawLine l = r.nextRaw(); l != null; l = r.nextRaw()) {
                byNewline.add(l.number() + " " + l.offset() + " " + l.text() + " " + l.terminated());
            }
        }
        for (int every = 1; every <= 3; every++) {
            List<String> taken = new ArrayList<>();
            try (LineReader r = new LineReader(new ByteArrayInputStream(input), 16)) {
                for (int n = 0, from = r.peek(); from >= 0; n++, from = r.peek()) {
                    int newline = from;
                    while (newline < r.windowLimit() && r.window()[newline] != '\n') {
                        newline++;
                    }
                    LineReader.RawLine l = n % every == 0 && newline < r.windowLimit() ? r.take(newline) : r.nextRaw();
                    taken.add(l.number() + " " + l.offset() + " " + l.text() + " " + l.terminated());
                }
            }
            assertThat(taken).as("every %d", every).isEqualTo(byNewline);
        }
        assertThat(byNewline).containsExactly("1 0 0123456789 true", "2 11 ab true", "3 15  true", "4 16 0123456789abcdef true",
            "5 33 xy true", "6 37 last false");
    }

    @Test
    void takingAtAByteThatIsNotANewlineIsRefusedAndConsumesNothing() throws IOException {
        try (LineReader r = new LineReader(new ByteArrayInputStream("abc\ndef\n".getBytes(StandardCharsets.US_ASCII)))) {
            int from = r.peek();
            assertThatThrownBy(() -> r.take(from + 1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(r.take(from + 3).text()).isEqualTo("abc");
            assertThatThrownBy(() -> r.take(from + 3)).isInstanceOf(IllegalArgumentException.class);
            assertThat(r.nextRaw().text()).isEqualTo("def");
            assertThat(r.peek()).isEqualTo(-1);
            assertThat(r.nextRaw()).isNull();
        }
    }

    @Test
    void aLineLongerThanTheCapIsNotTakenButCutByNextRaw() throws IOException {
        byte[] input = ("z".repeat(LineReader.MAX_LINE + 1) + "\nb\n").getBytes(StandardCharsets.US_ASCII);
        try (LineReader r = new LineReader(new ByteArrayInputStream(input), 2 * LineReader.MAX_LINE)) {
            int from = r.peek();
            assertThat(r.take(from + LineReader.MAX_LINE + 1)).isNull();
            LineReader.RawLine cut = r.nextRaw();
            assertThat(cut.truncated()).isTrue();
            assertThat(cut.length()).isEqualTo(LineReader.MAX_LINE);
            assertThat(r.take(r.peek() + 1).text()).isEqualTo("b");
        }
    }

    @Test
    void aLineInsideTheBufferIsReadWhereItIsAndOneCutByARefillIsCopied() throws IOException {
        byte[] input = "0123456789\n0123456789\r\nabc\nde".getBytes(StandardCharsets.US_ASCII);
        try (LineReader r = new LineReader(new ByteArrayInputStream(input), 16)) {
            LineReader.RawLine first = r.nextRaw();
            byte[] buffer = first.array();
            assertThat(first.start()).isZero();
            assertThat(first.length()).isEqualTo(10);
            LineReader.RawLine second = r.nextRaw();
            assertThat(second.array()).isNotSameAs(buffer);
            assertThat(second.start()).isZero();
            assertThat(second.text()).isEqualTo("0123456789");
            LineReader.RawLine third = r.nextRaw();
            assertThat(third.array()).isSameAs(buffer);
            // The second fill holds bytes 16 .. 28: "\r\n" ends at 22, so "abc" starts at 23 - 16.
            assertThat(third.start()).isEqualTo(7);
            assertThat(third.text()).isEqualTo("abc");
            LineReader.RawLine last = r.nextRaw();
            assertThat(last.text()).isEqualTo("de");
            assertThat(last.terminated()).isFalse();
            assertThat(r.nextRaw()).isNull();
        }
    }
}
