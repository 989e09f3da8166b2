package dev.uvmctl.kernellog;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the kernel logs that are JSON documents over many lines, token by token, never held as a
 * tree: a 100 MB document costs what one entry costs. Each entry is a line of the log at the line
 * of its message, so that records and diagnostics name that line. A document that ends early
 * (cut off) or breaks is said at the line where the reading stopped, after the records of the
 * entries read before it.
 *
 * <p>{@code dmesg --json} ({@code -J}, util-linux 2.38 and later): one document,
 * {@code {"dmesg": [{...}, ...]}}, pretty-printed (lib/jsonwrt.c). Each entry is written by
 * sys-utils/dmesg.c {@code print_record}, in every release from 2.38 to 2.42: {@code "pri"}, the
 * facility and level as one number, from 2.40 {@code LOG_RAW_FAC_PRI} (facility &lt;&lt; 3 | level);
 * 2.38 and 2.39 wrote glibc's {@code LOG_MAKEPRI}, facility | level unshifted (util-linux issue
 * #2325), so there a kernel record (facility 0) is its level as in 2.40, and a program's record
 * of a facility under 8 cannot be told from the kernel's and is read as one, as in dmesg's text
 * forms; or with {@code -x} {@code "fac"} and {@code "pri"} as names ({@code "kern"},
 * {@code "warn"}), both left out when the record has no valid ones;
 * {@code "time"}, always the kernel seconds as a raw number ({@code "%5ld.%06ld"}, so padded:
 * {@code "time":     0.000000}), since {@code -J} resets every other time format; {@code "caller"}
 * (2.40+, {@code "T123"} on kernels with CONFIG_PRINTK_CALLER), and {@code "msg"}, the whole
 * message, whose lines are joined by {@code \n}: its further lines are given as continuation
 * lines, so that the records are those of the text form. Other keys are skipped.
 *
 * <p>{@code journalctl -o json-pretty}: the entries of {@code -o json}, one after another, each
 * an object over many lines (systemd's JSON_FORMAT_PRETTY), read by {@link JournalJson#entry}.
 */
final class JsonDocumentReader {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** The documents read here. */
    enum Kind {
        DMESG("dmesg --json"),
        JOURNAL("journalctl -o json-pretty");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private JsonDocumentReader() {
    }

    /**
     * Which document a text starts as, or null: an opening brace, then the key {@code "dmesg"}
     * ({@code dmesg --json}), or alone on its line before a journal field ({@code json-pretty}:
     * {@code -o json} has the whole object on its first line).
     */
    static Kind detect(String head) {
        int i = skipSpace(head, 0);
        if (i >= head.length() || head.charAt(i) != '{') {
            return null;
        }
        int key = skipSpace(head, i + 1);
        if (head.startsWith("\"dmesg\"", key)) {
            return Kind.DMESG;
        }
        int newline = head.indexOf('\n', i);
        boolean alone = newline > 0 && head.substring(i + 1, newline).isBlank();
        return alone && (head.startsWith("\"__CURSOR\"", key) || head.startsWith("\"__REALTIME_TIMESTAMP\"", key)
            || head.startsWith("\"MESSAGE\"", key)) ? Kind.JOURNAL : null;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Reads the document in {@code in} into {@code parser} and ends it; returns the lines read.
     * {@code stopped}: the input was ended by its reader (nobody reads the output any more), so
     * an end inside the document is where the reading stopped, not a cut-off document.
     */
    static long read(InputStream in, Kind kind, KernelLogParser parser, JournalJson journal, BooleanSupplier stopped) throws IOException {
        long lines = 0;
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), in)) {
            try {
                Runnable entries = switch (kind) {
                    case DMESG -> () -> dmesg(p, parser);
                    case JOURNAL -> () -> journal(p, parser, journal);
                };
                entries.run();
                lines = line(p);
            } catch (JacksonException e) {
                // Where the reading stopped: the end of a cut-off document, the character that broke it.
                lines = Math.max(1, p.currentLocation().getLineNr());
                if (!stopped.getAsBoolean()) {
                    String what = String.valueOf(e.getOriginalMessage());
                    parser.problem(lines, what.contains("end-of-input")
                        ? "the " + kind.label + " document is cut off here: the entries before it are read"
                        : "the " + kind.label + " document cannot be read on from here (" + TextCut.cut(what, 80)
                            + "): the entries before it are read");
                }
            }
            lines = Math.max(lines, p.currentLocation().getLineNr());
        }
        parser.end();
        return lines;
    }

    private static long line(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getLineNr());
    }

    /** The entries of journalctl -o json-pretty: objects one after another. */
    private static void journal(JsonParser p, KernelLogParser parser, JournalJson journal) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            if (t == JsonToken.START_OBJECT) {
                parser.entry(journal.entry(p, line(p), null));
            } else {
                parser.problem(line(p), "a journalctl -o json-pretty entry that is not an object");
                p.skipChildren();
            }
        }
    }

    /** The document of dmesg --json: its {@code "dmesg"} array of entries; other keys skipped. */
    private static void dmesg(JsonParser p, KernelLogParser parser) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            parser.problem(line(p), "a dmesg --json document that is not an object");
            return;
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (!name.equals("dmesg") || v != JsonToken.START_ARRAY) {
                if (name.equals("dmesg")) {
                    parser.problem(line(p), "the \"dmesg\" of a dmesg --json document is not an array");
                }
                p.skipChildren();
                continue;
            }
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                if (e == JsonToken.START_OBJECT) {
                    entry(p, parser);
                } else {
                    parser.problem(line(p), "a dmesg --json entry that is not an object");
                    p.skipChildren();
                }
            }
        }
        // What follows the document (one of several joined, text after it) is not read: say so.
        if (p.nextToken() != null) {
            parser.problem(line(p), "text after the end of the dmesg --json document: not read");
        }
    }

    /** One entry, from its opening brace (the current token) to its closing one. */
    private static void entry(JsonParser p, KernelLogParser parser) {
        long start = line(p);
        String msg = null;
        long msgLine = start;
        Integer level = null;
        boolean kernel = true;
        String time = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "msg" -> {
                    msg = v == JsonToken.VALUE_STRING ? p.getString() : null;
                    msgLine = line(p);
                }
                case "time" -> time = v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_STRING
                    ? p.getString() : null;
                case "pri" -> {
                    if (v == JsonToken.VALUE_NUMBER_INT) {
                        int pri = p.getIntValue();
                        level = pri & 7;
                        kernel = pri >> 3 == 0;
                    } else if (v == JsonToken.VALUE_STRING) {
                        int l = LineParser.levelIndex(p.getString());
                        level = l < 0 ? null : l;
                    }
                }
                // The kernel logs with facility kern only (kernel/printk/printk.c); the others are programs writing to /dev/kmsg.
                case "fac" -> kernel = v != JsonToken.VALUE_STRING || p.getString().equals("kern");
                default -> p.skipChildren();
            }
        }
        if (msg == null) {
            parser.problem(start, "a dmesg --json entry without its \"msg\"");
            return;
        }
        Long micros = time == null ? null : micros(time);
        if (time != null && micros == null) {
            parser.problem(start, "unreadable dmesg --json time '" + TextCut.cut(time, 40) + "': the entry is read without it");
        }
        // The line of the message as the document has it (without its indentation): the record's raw text.
        String raw = "\"msg\": \"" + new String(JsonStringEncoder.getInstance().quoteAsCharArray(msg)) + "\"";
        int newline = msg.indexOf('\n');
        String first = newline < 0 ? msg : msg.substring(0, newline);
        parser.entry(new LogLine(msgLine, raw, first, LineFormat.DMESG_JSON, micros, null, level, kernel, false, null));
        // The message's further lines, as the text form writes them: continuation lines.
        while (newline >= 0) {
            int next = msg.indexOf('\n', newline + 1);
            String part = next < 0 ? msg.substring(newline + 1) : msg.substring(newline + 1, next);
            parser.entry(new LogLine(msgLine, part, part, LineFormat.BARE, null, null, null, true, true, null));
            newline = next;
        }
    }

    /** {@code 1843.308145}, or a whole number of seconds (a document a tool such as jq wrote again). */
    private static Long micros(String time) {
        Long micros = LineParser.seconds(time);
        if (micros == null) {
            Long whole = LineParser.digits(time);
            micros = whole == null || whole > Long.MAX_VALUE / 1_000_000 ? null : whole * 1_000_000;
        }
        return micros;
    }
}
