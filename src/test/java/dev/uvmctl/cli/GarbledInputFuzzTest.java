package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of real inputs (event NDJSON streams, kernel logs in the dmesg and journal
 * forms) run through {@code uvmctl leaks -o json} and {@code uvmctl events -o ndjson} in-process:
 * no run may end in a bug (exit 70, a stack trace), and every line a mutation made unreadable as
 * an event record gets a diagnostic naming the input and that line. A failure names the seed,
 * the input and the mutations, and leaves the mutated file under target/fuzz-failures.
 */
class GarbledInputFuzzTest {
    private static final long SEEDS = Long.getLong("uvmctl.fuzz.seeds", 45);
    private static final List<String> EVENT_STREAMS = List.of(
        "src/test/resources/dev/uvmctl/leaks/fixtures/broken.ndjson",
        "src/test/resources/dev/uvmctl/leaks/fixtures/charged-to-ended.ndjson",
        "src/test/resources/dev/uvmctl/leaks/fixtures/deferred.ndjson",
        "src/test/resources/dev/uvmctl/leaks/fixtures/driver.ndjson",
        "src/test/resources/dev/uvmctl/leaks/fixtures/killed-still-exiting.ndjson",
        "src/test/resources/dev/uvmctl/leaks/fixtures/stuck.ndjson",
        "src/test/resources/dev/uvmctl/leaks/fixtures/unattributed.ndjson",
        "src/test/resources/expected/events/bug-report-003.ndjson",
        "src/test/resources/expected/events/ftrace-oom-worker-holds.ndjson",
        "src/test/resources/expected/events/journal-two-boots.ndjson",
        "src/test/resources/expected/events/oom-hung-unload.ndjson",
        "src/test/resources/expected/events/xid-002.ndjson",
        "src/test/resources/expected/events/uvm-log-004.ndjson",
        "src/test/resources/expected/events/ftrace-saved-by-hand.ndjson",
        "src/test/resources/expected/dmesg/uvm-log-010.ndjson",
        "src/test/resources/events/half-not-events.ndjson",
        "examples/leaks-held/events.ndjson",
        "examples/leaks-oom/events.ndjson",
        "examples/leaks-pinned/events.ndjson");
    private static final String KERNEL_LOGS = "src/test/resources/kernel-logs";

    /** Values of another JSON type, out of range, huge, negative, nested, escaped, or bytes JSON does not allow there. */
    private static final List<String> ODD_VALUES = List.of(
        "true", "null", "[]", "[1,2]", "{\"a\":1}", "{\"type\":\"populated\"}", "\"x\"", "\"\"", "1e400", "-1", "-0", "0",
        "1.5", "-2097152", "99999999999999999999999", "-9223372036854775809", "9223372036854775807", "1e-400",
        "\"\\u0000\"", "\"\\ud800\"", "\"\\uZZZZ\"", "\"\\\"\"", "\"\u00c3\u00a9\u00e2\u0080\u00ae\"", "\"\u00ff\u00fe\"",
        "\"0xZZ\"", "\"0x\"", "\"0xffffffffffffffffffffffff\"", "\"-0x10\"", "\"gpu99\"", "\"0000:zz:00.0\"",
        "\"NaN\"", "NaN", "Infinity", "01", "1.", ".5", "+1", "\"1\"", "\"9:99:99\"", "\"tab\there\"");
    private static final List<String> ODD_LINES = List.of(
        "", "   ", "\t", "{}", "[]", "null", "\"\"", "{", "}", "{\"type\":\"no_such_event\",\"time\":1}", "{\"type\":null}",
        "{\"type\":\"populated\"}", "{\"type\":\"schema\",\"schema\":\"uvmctl.events/v99\"}", "\u0000\u0000", "\r",
        "{\"type\":\"range_destroyed\",\"time\":1,\"va_space\":\"0xdead0000\",\"start\":\"0x1000\"}",
        "{\"type\":\"fd_closed\",\"time\":2,\"va_space\":\"0xdead0000\",\"pid\":1}",
        "{\"type\":\"diagnostic\"}", "{\"type\":\"diagnostic\",\"input\":\"x\",\"line\":-5,\"message\":\"m\"}",
        "{\"type\":\"task_blocked\",\"time\":4,\"reason\":\"hung_task\",\"frames\":\"uvm_va_space_destroy\"}",
        "{\"type\":\"resumed\",\"time\":5,\"src\":\"kern.log\"}", "{\"type\":\"resumed\",\"time\":5,\"src\":{}}",
        "{\"type\":\"resumed\",\"time\":5,\"src\":{\"input\":\"k\",\"line\":\"x\",\"text\":7}}",
        "{\"type\":\"populated\",\"time\":3,\"va_space\":\"0xbeef0000\",\"address\":\"0x2000\",\"bytes\":4096,\"processor\":\"gpu0\"}");
    private static final Pattern KEY = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*");

    @Test
    void garbledEventStreamsAndKernelLogsNeverEndInABug(@TempDir Path tmp) throws IOException {
        List<Path> logs;
        try (Stream<Path> s = Files.list(Path.of(KERNEL_LOGS))) {
            logs = s.filter(Files::isRegularFile).sorted().toList();
        }
        int runs = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (String stream : EVENT_STREAMS) {
                check(tmp, Path.of(stream), seed, true);
                runs++;
            }
            Path log = logs.get((int) (seed % logs.size()));
            check(tmp, log, seed, log.toString().endsWith(".json"));
            runs++;
        }
        assertThat(runs).isGreaterThan(100);
    }

    /** A stream of which one line is made unreadable gets a diagnostic for that line: the check itself can fail. */
    @Test
    void aTruncatedRecordIsNamedByItsInputAndLine(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("cut.ndjson");
        Files.writeString(file, "{\"type\":\"suspended\",\"time\":6}\n{\"type\":\"resumed\",\"ti\n{\"type\":\"resumed\",\"time\":8}\n");
        CliRun.Result r = new CliRun().run("events", "-o", "ndjson", file.toString());
        assertThat(r.exitCode()).isNotEqualTo(70);
        assertThat(diagnosedLines(r.out(), file.toString())).containsExactly(2L);
    }

    private static void check(Path tmp, Path original, long seed, boolean json) throws IOException {
        Random random = new Random(seed * 1_000_003L + original.toString().hashCode());
        // Latin-1 keeps every byte as one char, so mutations may add bytes that are not UTF-8.
        String text = new String(Files.readAllBytes(original), StandardCharsets.ISO_8859_1);
        Doc doc = new Doc(text);
        List<String> applied = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            applied.add(mutate(doc, random, json));
        }
        String name = original.getFileName().toString();
        Path file = tmp.resolve("s" + seed + "-" + name);
        Files.write(file, doc.render().getBytes(StandardCharsets.ISO_8859_1));
        String what = "seed " + seed + ", " + original + ", mutations " + applied;
        CliRun.Result leaks = new CliRun().run("leaks", "-o", "json", file.toString());
        CliRun.Result events = new CliRun().run("events", "-o", "ndjson", file.toString());
        // Standard input is read once, so events keep their text rather than where it is (source.FileLines).
        CliRun.Result piped = new CliRun().stdin(new java.io.ByteArrayInputStream(Files.readAllBytes(file))).run("leaks", "-o", "json", "-");
        for (CliRun.Result r : List.of(leaks, events, piped)) {
            if (r.exitCode() == 70 || r.err().contains("Exception") || r.err().contains("\tat ")) {
                keep(file, seed, name);
                fail(what + "\n" + r);
            }
        }
        // An input is read as event NDJSON when its first line looks like a record, or the complete lines after
        // it in its first 8 KiB mostly do (ingest.NdjsonEventSource); one a mutation made neither is read as a
        // kernel log, where unrelated lines are no error.
        byte[] bytes = Files.readAllBytes(file);
        String head = new String(bytes, 0, Math.min(bytes.length, 8192), StandardCharsets.UTF_8);
        boolean eventStream = json && !name.startsWith("journal") && EventSources.NDJSON.recognizes(head);
        if (eventStream && events.exitCode() != 3) {
            List<Long> diagnosed = diagnosedLines(events.out(), file.toString());
            for (int line : doc.unreadable()) {
                if (!diagnosed.contains((long) line)) {
                    keep(file, seed, name);
                    fail(what + "\nline " + line + " is not an event record, yet no diagnostic names it\n" + events);
                }
            }
        }
    }

    private static void keep(Path file, long seed, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
        Files.copy(file, dir.resolve("s" + seed + "-" + name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<Long> diagnosedLines(String ndjson, String input) {
        Pattern p = Pattern.compile("^\\{\"type\":\"diagnostic\",\"input\":\"" + Pattern.quote(input) + "\",\"line\":(\\d+),");
        List<Long> lines = new ArrayList<>();
        for (String l : ndjson.lines().toList()) {
            Matcher m = p.matcher(l);
            if (m.find()) {
                lines.add(Long.parseLong(m.group(1)));
            }
        }
        return lines;
    }

    private static String mutate(Doc doc, Random random, boolean json) {
        if (doc.lines.isEmpty()) {
            doc.add(0, "{}", json);
            return "empty: {}";
        }
        int at = random.nextInt(doc.lines.size());
        String line = doc.lines.get(at);
        int kind = random.nextInt(json ? 16 : 10);
        switch (kind) {
            case 0 -> {
                if (line.length() < 2) {
                    return "none";
                }
                int cut = 1 + random.nextInt(line.length() - 1);
                doc.set(at, line.substring(0, cut), json && line.trim().startsWith("{") && line.trim().endsWith("}"));
                return "truncate line " + (at + 1) + " at " + cut;
            }
            case 1 -> {
                doc.finalNewline = false;
                return "no final newline";
            }
            case 2 -> {
                String odd = ODD_LINES.get(random.nextInt(ODD_LINES.size()));
                doc.add(at, odd, json && !odd.isBlank() && !odd.startsWith("{\"type\":\"") && !odd.equals("\r") && !odd.startsWith("\u0000"));
                return "insert line " + (at + 1) + ": " + printable(odd);
            }
            case 3 -> {
                String[] bytes = {"\u0000", "\r", "\u00c3\u00a9", "\u00ff", "\u00e2\u0080\u00ae", "\u001b[2J", "\\", "\"", "\\u0000"};
                String b = bytes[random.nextInt(bytes.length)];
                int pos = random.nextInt(line.length() + 1);
                doc.set(at, line.substring(0, pos) + b + line.substring(pos), false);
                return "insert " + printable(b) + " in line " + (at + 1) + " at " + pos;
            }
            case 4 -> {
                int other = random.nextInt(doc.lines.size());
                doc.swap(at, other);
                return "swap lines " + (at + 1) + " and " + (other + 1);
            }
            case 5 -> {
                doc.add(at, line, false);
                return "duplicate line " + (at + 1);
            }
            case 6 -> {
                StringBuilder b = new StringBuilder(line);
                int size = 70_000 + random.nextInt(2) * 1_000_000;
                b.insert(Math.max(0, line.length() - 2), "x".repeat(size));
                doc.set(at, b.toString(), false);
                return "line " + (at + 1) + " made " + size + " bytes longer";
            }
            case 7 -> {
                doc.remove(at);
                return "remove line " + (at + 1);
            }
            case 8 -> {
                doc.set(at, line + "\r", false);
                return "CR at the end of line " + (at + 1);
            }
            case 9 -> {
                doc.set(at, line.replaceAll("[0-9]", String.valueOf(random.nextInt(10))), false);
                return "digits of line " + (at + 1) + " changed";
            }
            default -> {
                return mutateField(doc, at, random, kind);
            }
        }
    }

    /** Mutations of one {@code "key":value} pair of a JSON line. */
    private static String mutateField(Doc doc, int at, Random random, int kind) {
        String line = doc.lines.get(at);
        List<int[]> pairs = new ArrayList<>();
        Matcher m = KEY.matcher(line);
        while (m.find()) {
            int end = valueEnd(line, m.end());
            if (end > m.end()) {
                pairs.add(new int[] {m.start(), m.end(), end});
            }
        }
        if (pairs.isEmpty()) {
            return "none";
        }
        int[] p = pairs.get(random.nextInt(pairs.size()));
        String key = line.substring(p[0], p[1]);
        String value = line.substring(p[1], p[2]);
        switch (kind) {
            case 10, 11, 12 -> {
                String odd = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
                doc.set(at, line.substring(0, p[1]) + odd + line.substring(p[2]), false);
                return "line " + (at + 1) + ": " + key + printable(odd);
            }
            case 13 -> {
                int from = p[0];
                int to = p[2];
                if (to < line.length() && line.charAt(to) == ',') {
                    to++;
                } else if (from > 0 && line.charAt(from - 1) == ',') {
                    from--;
                }
                doc.set(at, line.substring(0, from) + line.substring(to), false);
                return "line " + (at + 1) + ": without " + key;
            }
            case 14 -> {
                String odd = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
                doc.set(at, line.substring(0, p[2]) + "," + key + odd + line.substring(p[2]), false);
                return "line " + (at + 1) + ": " + key + " twice, then " + printable(odd);
            }
            default -> {
                String[] values = {"\"0xffff9c00dead0000\"", "\"no_such_event\"", "\"" + value.replace("\"", "") + "x\"",
                    "\"other-boot#9\"", "-1e9", "1e18"};
                String v = values[random.nextInt(values.length)];
                doc.set(at, line.substring(0, p[1]) + v + line.substring(p[2]), false);
                return "line " + (at + 1) + ": " + key + v;
            }
        }
    }

    /** Where the JSON value that starts at {@code from} ends (strings, nested objects and arrays followed; otherwise up to , or }). */
    private static int valueEnd(String line, int from) {
        if (from >= line.length()) {
            return from;
        }
        char c = line.charAt(from);
        if (c == '"') {
            for (int i = from + 1; i < line.length(); i++) {
                if (line.charAt(i) == '\\') {
                    i++;
                } else if (line.charAt(i) == '"') {
                    return i + 1;
                }
            }
            return from;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            boolean string = false;
            for (int i = from; i < line.length(); i++) {
                char d = line.charAt(i);
                if (string) {
                    if (d == '\\') {
                        i++;
                    } else if (d == '"') {
                        string = false;
                    }
                } else if (d == '"') {
                    string = true;
                } else if (d == '{' || d == '[') {
                    depth++;
                } else if ((d == '}' || d == ']') && --depth == 0) {
                    return i + 1;
                }
            }
            return from;
        }
        int i = from;
        while (i < line.length() && line.charAt(i) != ',' && line.charAt(i) != '}') {
            i++;
        }
        return i;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    /** The input's lines, whether its last ends in a newline, and which lines a mutation made unreadable as records. */
    private static final class Doc {
        final List<String> lines = new ArrayList<>();
        final List<Boolean> unreadable = new ArrayList<>();
        boolean finalNewline;

        Doc(String text) {
            finalNewline = text.endsWith("\n");
            String body = finalNewline ? text.substring(0, text.length() - 1) : text;
            if (!text.isEmpty()) {
                for (String l : body.split("\n", -1)) {
                    lines.add(l);
                    unreadable.add(false);
                }
            }
        }

        void set(int at, String line, boolean bad) {
            lines.set(at, line);
            unreadable.set(at, bad);
        }

        void add(int at, String line, boolean bad) {
            lines.add(at, line);
            unreadable.add(at, bad);
        }

        void remove(int at) {
            lines.remove(at);
            unreadable.remove(at);
        }

        void swap(int a, int b) {
            java.util.Collections.swap(lines, a, b);
            java.util.Collections.swap(unreadable, a, b);
        }

        List<Integer> unreadable() {
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (unreadable.get(i)) {
                    numbers.add(i + 1);
                }
            }
            return numbers;
        }

        String render() {
            return String.join("\n", lines) + (finalNewline && !lines.isEmpty() ? "\n" : "");
        }
    }
}
