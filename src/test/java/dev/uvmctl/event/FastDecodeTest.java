package dev.uvmctl.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.LineReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte-level reading of an NDJSON line gives what the streaming JSON parser gives: the same
 * event, or the same refusal (a line it cannot read exactly goes to that parser).
 */
class FastDecodeTest {

    private static String outcome(String line, boolean fast) throws IOException {
        List<Diagnostic> diagnostics = new ArrayList<>();
        EventDecoder d = new EventDecoder("t", diagnostics::add);
        try {
            Event e;
            if (fast) {
                LineReader r = new LineReader(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
                e = d.decode(r.nextRaw());
            } else {
                e = d.decode(line, 1);
            }
            return e + " " + diagnostics;
        } catch (BadRecordException ex) {
            return "refused: " + ex.getMessage();
        }
    }

    private static void same(String line) throws IOException {
        assertThat(outcome(line, true)).as(line).isEqualTo(outcome(line, false));
    }

    @Test
    void validAndInvalidLinesReadAlike() throws IOException {
        String base = "{\"type\":\"migrated\",\"time\":12.5,\"va_space\":\"v\",\"address\":\"0x7f0000001000\",\"bytes\":4096,"
            + "\"from\":\"cpu\",\"to\":\"0000:3b:00.0\"";
        for (String line : List.of(
            base + "}",
            base + ",\"cause\":\"user\",\"mode\":\"copy\",\"src\":{\"input\":\"in\",\"line\":7,\"text\":\"a \\\"quoted\\\" \\\\ \\u00e9\\ud83d\\ude00 line\\n\"}}",
            base + ",\"extra\":[1,2.5,-3e2,true,false,null,{\"a\":[]},\"x\"]}",
            base + ",\"comm\":\"pythön ☃\"}",
            "  { \"type\" : \"xid\" , \"gpu\" : \"0000:3b:00.0\" , \"code\" : 79 , \"pid\" : null }  ",
            "{\"type\":\"driver_leak\",\"bytes\":123456789012345678901234567890}",
            "{\"type\":\"driver_leak\",\"bytes\":-0}",
            "{\"type\":\"driver_leak\",\"bytes\":01}",
            "{\"type\":\"driver_leak\",\"bytes\":1.}",
            "{\"type\":\"driver_leak\",\"bytes\":.5}",
            "{\"type\":\"driver_leak\",\"bytes\":1e}",
            "{\"type\":\"driver_leak\",\"bytes\":12}{\"type\":\"x\"}",
            "{\"type\":\"driver_leak\",\"bytes\":12",
            "{\"type\":\"driver_leak\",\"bytes\":tru}",
            "{\"type\":\"driver_leak\" \"bytes\":1}",
            "{\"type\":\"driver_leak\",\"bytes\":1,}",
            "{\"type\":\"sus\u0001pended\"}",
            "{\"type\":\"suspended\",\"time\":\"\\x\"}",
            "{\"type\":\"suspended\",\"time\":\"\\u12\"}",
            "[1,2]",
            "{}",
            "{\"type\":\"schema\",\"schema\":\"uvmctl-events/1\"}",
            "{\"type\":\"diagnostic\",\"input\":\"k\",\"line\":3,\"message\":\"m\"}")) {
            same(line);
        }
    }

    /** Strings are scanned eight bytes at a time: a quote, backslash, control character or non-ASCII byte at any place in a word is still seen. */
    @Test
    void everySpecialByteIsSeenWhereverItIs() throws IOException {
        for (String special : List.of("\\\"", "\\\\", "\\", "\\u0041", "\u0001", "\u001f", "é", "☃", "\u007f", " ", "~", "\"")) {
            for (int at = 0; at <= 26; at++) {
                String comm = "abcdefghijklmnopqrstuvwxyz".substring(0, at) + special + "0123456789abcdef";
                same("{\"type\":\"xid\",\"gpu\":\"0000:3b:00.0\",\"code\":79,\"comm\":\"" + comm + "\"}");
            }
        }
    }

    /** A stream whose lines lie anywhere in the read buffer, or across its refills, with CRLF line ends: read as line by line. */
    @Test
    void linesAnywhereInTheReadBufferReadAlike() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String special : List.of("\\\"", "\\", "\u0001", "é", "\"")) {
            for (int at = 0; at <= 17; at++) {
                lines.add("{\"type\":\"xid\",\"gpu\":\"0000:3b:00.0\",\"code\":79,\"comm\":\"" + "abcdefghijklmnopq".substring(0, at) + special
                    + "0123456789\"}" + (at % 3 == 0 ? "\r" : ""));
            }
        }
        for (int bufferSize : new int[] {16, 61, 64 * 1024}) {
            assertThat(outcomes(lines, true, bufferSize)).as("buffer %d", bufferSize).isEqualTo(outcomes(lines, false, bufferSize));
        }
    }

    @Test
    void aProcessesUidAndCgroupReadAlikeAndAreKept() throws IOException {
        String killed = "{\"type\":\"process_exited\",\"time\":5000.10148,\"pid\":5120,\"comm\":\"python3\",\"reason\":\"oom_kill\","
            + "\"signal\":9,\"uid\":1000,\"cgroup\":\"/slurm/uid_1000/job_42/step_0/task_0\"}";
        for (String line : List.of(killed,
            "{\"type\":\"process_state\",\"pid\":4301,\"state\":\"alive\",\"uid\":0,\"cgroup\":\"/system.slice/slurmstepd.scope/job_42\"}",
            "{\"type\":\"process_exited\",\"pid\":5120,\"reason\":\"oom_kill\",\"uid\":null,\"cgroup\":\"\"}",
            "{\"type\":\"process_exited\",\"pid\":5120,\"reason\":\"oom_kill\",\"uid\":\"1000\"}",
            "{\"type\":\"process_exited\",\"pid\":5120,\"reason\":\"oom_kill\",\"uid\":99999999999}")) {
            same(line);
        }
        assertThat(outcome(killed, true)).contains("identity=ProcessIdentity[uid=1000, cgroup=/slurm/uid_1000/job_42/step_0/task_0]");
        assertThat(outcome("{\"type\":\"process_exited\",\"pid\":5120,\"reason\":\"oom_kill\",\"uid\":\"1000\"}", true))
            .startsWith("refused: ");
    }

    @Test
    void randomLinesReadAlike() throws IOException {
        Random r = new Random(7);
        String[] pieces = {"{", "}", "[", "]", ",", ":", "\"type\"", "\"xid\"", "\"gpu\"", "\"0000:3b:00.0\"", "\"code\"", "79", "-1",
            "1.5e3", "true", "null", " ", "\"\\u0041\"", "\"\\\"\"", "\"a\\\\b\""};
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder("{\"type\":\"xid\",\"gpu\":\"0000:3b:00.0\",\"code\":79");
            int n = r.nextInt(8);
            for (int k = 0; k < n; k++) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            if (r.nextBoolean()) {
                b.append('}');
            }
            same(b.toString());
        }
    }

    /** Each line's outcome, all lines read by one decoder (as a stream is), the bytes way or the streaming parser's. */
    private static List<String> outcomes(List<String> lines, boolean fast) throws IOException {
        return outcomes(lines, fast, 64 * 1024);
    }

    /** {@link #outcomes(List, boolean)} through a read buffer of {@code bufferSize} bytes: most lines read where they lie in it, those a refill cuts copied. */
    static List<String> outcomes(List<String> lines, boolean fast, int bufferSize) throws IOException {
        List<Diagnostic> diagnostics = new ArrayList<>();
        EventDecoder d = new EventDecoder("t", diagnostics::add);
        LineReader r = new LineReader(new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)), bufferSize);
        List<String> out = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            diagnostics.clear();
            try {
                // The line as the reader gives it: without the CR of a CRLF line end.
                String text = lines.get(n).endsWith("\r") ? lines.get(n).substring(0, lines.get(n).length() - 1) : lines.get(n);
                Event e = fast ? inPlace(d, r) : d.decode(text, n + 1);
                out.add(e + " " + diagnostics);
            } catch (BadRecordException ex) {
                out.add("refused: " + ex.getMessage());
            }
        }
        return out;
    }

    /**
     * The next line's event as {@link NdjsonEventReader} reads it: where it lies in the read buffer,
     * its newline found as the record ends, or else as a line found by its newline.
     */
    private static Event inPlace(EventDecoder d, LineReader r) throws IOException, BadRecordException {
        int from = r.peek();
        byte[] window = r.window();
        int newline = window[from] == '{' ? d.read(window, from, r.windowLimit()) : -1;
        LineReader.RawLine raw = newline >= 0 ? r.take(newline) : null;
        return raw != null ? d.decodeRead(raw) : d.decode(r.nextRaw());
    }

    /**
     * A record read where it lies in the read buffer stops at its line's newline wherever the line
     * ends: in a string, a key, a number, a list, between tokens, after a nested object, in white
     * space after the record; the next line, a record in itself, is not read into it.
     */
    @Test
    void recordsCutAtTheirNewlineReadAsLinesAlike() throws IOException {
        String m = "{\"type\":\"migrated\",\"time\":12.5,\"va_space\":\"v\",\"address\":\"0x7f0000001000\",\"bytes\":4096,"
            + "\"from\":\"cpu\",\"to\":\"0000:3b:00.0\",\"src\":{\"input\":\"in\",\"line\":7,\"text\":\"x y\"}}";
        String t = "{\"type\":\"task_blocked\",\"reason\":\"hung\",\"frames\":[\"a\",\"b\"],\"pid\":3}";
        List<String> lines = new ArrayList<>();
        for (String record : List.of(m, t)) {
            for (int cut = 1; cut < record.length(); cut++) {
                lines.add(record.substring(0, cut));
                lines.add(record.substring(cut));
                lines.add(record);
            }
            lines.add(record + " \t\r");
            lines.add(record + "\r\r");
            lines.add(record + " x");
            lines.add(record + record);
            lines.add(" " + record);
            lines.add("");
        }
        for (int bufferSize : new int[] {61, 1024, 64 * 1024}) {
            assertThat(outcomes(lines, true, bufferSize)).as("buffer %d", bufferSize).isEqualTo(outcomes(lines, false, bufferSize));
        }
        assertThat(outcomes(lines, true).get(2)).startsWith("Migrated[");
    }

    /**
     * Keys are predicted from the last line of the same type and confirmed by their bytes: lines whose
     * keys come in another order, are unknown, repeated, a prefix or an extension of the predicted one,
     * or escaped, between lines of other types, read as the streaming parser reads them.
     */
    @Test
    void keysInAnyOrderFromLineToLineReadAlike() throws IOException {
        String m = "{\"type\":\"migrated\",\"time\":12.5,\"va_space\":\"v\",\"address\":\"0x7f0000001000\",\"bytes\":4096,"
            + "\"from\":\"cpu\",\"to\":\"0000:3b:00.0\",\"src\":{\"input\":\"in\",\"line\":7,\"text\":\"x\"}}";
        List<String> lines = List.of(m, m,
            "{\"type\":\"migrated\",\"va_space\":\"w\",\"time\":13,\"address\":\"0x2000\",\"bytes\":8192,\"to\":\"cpu\",\"from\":\"1\"}",
            m,
            "{\"type\":\"evicted\",\"gpu\":\"0000:3b:00.0\",\"bytes\":2097152,\"status\":\"ok\",\"src\":{\"line\":9,\"input\":\"in2\"}}",
            "{\"type\":\"migrated\",\"time\":12.5,\"va_spac\":\"v\",\"address\":\"0x1000\",\"bytes\":1,\"from\":\"cpu\",\"to\":\"1\"}",
            "{\"type\":\"migrated\",\"time\":12.5,\"va_space2\":\"v\",\"va_space\":\"u\",\"address\":\"0x1000\",\"bytes\":1,\"from\":\"cpu\",\"to\":\"1\"}",
            "{\"type\":\"migrated\",\"time\":12.5,\"va_space\":\"v\",\"va_space\":\"last\",\"address\":\"0x1000\",\"bytes\":1,\"from\":\"cpu\",\"to\":\"1\"}",
            "{\"type\":\"migrated\",\"time\":12.5,\"va\\u005fspace\":\"v\",\"address\":\"0x1000\",\"bytes\":1,\"from\":\"cpu\",\"to\":\"1\"}",
            "{\"time\":1.25,\"type\":\"migrated\",\"va_space\":\"v\",\"address\":\"0x1000\",\"bytes\":1,\"from\":\"cpu\",\"to\":\"1\"}",
            "{\"type\":\"migrated\",\"type\":\"evicted\",\"gpu\":\"1\",\"bytes\":1,\"status\":\"ok\"}",
            "{\"type\":\"migrated\",\"time\":\"12.5\",\"va_space\":\"v\",\"address\":\"0x1000\",\"bytes\":1,\"from\":\"cpu\",\"to\":\"1\"}",
            m);
        assertThat(outcomes(lines, true)).isEqualTo(outcomes(lines, false));
        assertThat(outcomes(lines, true).get(7)).contains("vaSpace=last");
    }

    /** A field's value is compared with its last one before the shared-name cache: values that differ only in their last byte, or in length, stay apart. */
    @Test
    void sharedNamesThatDifferInOneByteStayApart() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String comm : List.of("python", "python3", "pythonpython", "pythonpythoX", "pythonpythonpython", "pythonpythonpythoX", "p", "")) {
            for (String gpu : List.of("0000:3b:00.0", "0000:3b:00.1", "1")) {
                lines.add("{\"type\":\"gpu_process_memory\",\"boot\":\"b-" + comm + "\",\"gpu\":\"" + gpu + "\",\"pid\":7,\"comm\":\""
                    + comm + "\",\"used\":1}");
            }
        }
        List<String> fast = outcomes(lines, true);
        assertThat(fast).isEqualTo(outcomes(lines, false));
        assertThat(fast.get(9)).contains("comm=pythonpythoX", "boot=b-pythonpythoX", "gpu=0000:3b:00.0");
        assertThat(fast.get(10)).contains("gpu=0000:3b:00.1");
    }

    /**
     * Shared names are compared and hashed a word at a time, the last word overlapping the one before: names of every
     * length up to 24 that differ in one byte at any place, interleaved so that the last-value memo misses, stay apart.
     */
    @Test
    void sharedNamesThatDifferInAnyOneByteStayApart() throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int length = 1; length <= 24; length++) {
            String name = "0123456789abcdefghijklmn".substring(0, length);
            for (int at = 0; at < length; at++) {
                names.add(name);
                names.add(name.substring(0, at) + 'X' + name.substring(at + 1));
            }
        }
        for (String name : names) {
            lines.add("{\"type\":\"range_destroyed\",\"va_space\":\"" + name + "\",\"start\":\"0x1000\"}");
        }
        List<String> fast = outcomes(lines, true);
        assertThat(fast).isEqualTo(outcomes(lines, false));
        for (int i = 0; i < names.size(); i++) {
            assertThat(fast.get(i)).contains("vaSpace=" + names.get(i) + ",");
        }
    }

    /** An enum field's last value is kept: the same key ("reason") read as another enum, or with a spelling of no constant, is still read and refused alike. */
    @Test
    void anEnumFieldOfTwoTypesReadsAlike() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String reason : List.of("exit", "exit", "hung_task", "exit", "signal", "uninterruptible", "oom_kill", "Exit")) {
            lines.add("{\"type\":\"process_exited\",\"pid\":5,\"reason\":\"" + reason + "\"}");
            lines.add("{\"type\":\"task_blocked\",\"pid\":5,\"reason\":\"" + reason + "\"}");
        }
        List<String> fast = outcomes(lines, true);
        assertThat(fast).isEqualTo(outcomes(lines, false));
        assertThat(fast.get(0)).contains("reason=exit");
        assertThat(fast.get(3)).startsWith("refused: ");
        assertThat(fast.get(5)).contains("reason=hung_task");
    }

    /** Times, addresses and integers are read from the bytes; at their limits they read (or are refused) as the streaming parser's text is. */
    @Test
    void numbersAndAddressesAtTheirLimitsReadAlike() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String time : List.of("0", "-0.5", "1520.301337", "2.1234567891", "99999999999.999999999", "9223372036.854775807",
            "9223372036.854775808", "9223372037", "-9223372036.854775808", "1e3", "1.5E-3", "123456789012345678.5", "0.000000001",
            "12345678901234567890", "1.0000000000000000001", "1002", "-3", "-0", "9223372036", "922337203685477580",
            "9223372036854775807", "-9223372036854775808")) {
            lines.add("{\"type\":\"suspended\",\"time\":" + time + "}");
        }
        for (String address : List.of("\"0x0\"", "\"0X7fA\"", "\"0x\"", "\"0x+1f\"", "\"0x-1\"", "\"0xfffffffffffffff\"",
            "\"0xffffffffffffffff\"", "\"0x1ffffffffffffffff\"", "\"0xg1\"", "\"1234\"", "4096", "-1", "18446744073709551615",
            "18446744073709551616", "1.5")) {
            lines.add("{\"type\":\"range_destroyed\",\"va_space\":\"v\",\"start\":" + address + "}");
        }
        for (String pid : List.of("0", "-1", "2147483647", "2147483648", "1e2", "\"7\"")) {
            lines.add("{\"type\":\"fd_closed\",\"va_space\":\"v\",\"pid\":" + pid + ",\"fd\":\"va_space\"}");
        }
        // A time's point is taken from the number as it is read: with an exponent, a sign, or past 19 bytes, the general path.
        for (String time : List.of("1.5e3", "-2.5E+1", "-12.25", "1520.30133700000000", "1520.3013370000000", "7.")) {
            lines.add("{\"type\":\"suspended\",\"time\":" + time + "}");
        }
        assertThat(outcomes(lines, true)).isEqualTo(outcomes(lines, false));
        assertThat(outcomes(lines, true).get(1)).contains("monoNanos=-500000000");
        assertThat(outcomes(lines, true).get(22)).contains("start=0");
        assertThat(outcomes(lines, true).get(15)).contains("monoNanos=1002000000000,");
    }
}
