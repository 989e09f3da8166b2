package dev.uvmctl.kernellog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one line of {@code journalctl -o json}: {@code MESSAGE} (a string, or an array of bytes
 * when the message is not valid UTF-8 or holds control characters), {@code PRIORITY},
 * {@code _SOURCE_MONOTONIC_TIMESTAMP} (the kernel's own time, preferred) or
 * {@code __MONOTONIC_TIMESTAMP}, {@code __REALTIME_TIMESTAMP} and {@code _BOOT_ID}
 * (systemd.journal-fields(7)). Values are strings, as journalctl writes them. The same objects
 * each after an RS are {@code journalctl -o json-seq}, after {@code data: } {@code -o json-sse}.
 */
final class JournalJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final String RS = "\u001e";
    private static final String SSE = "data: ";
    private static final JsonStringEncoder QUOTES = JsonStringEncoder.getInstance();

    LogLine parse(long number, String text) {
        // journalctl -o json-seq (RFC 7464) puts an RS before each object, -o json-sse "data: ".
        String line = text.startsWith(RS) ? text.substring(1) : text.startsWith(SSE) ? text.substring(SSE.length()) : text;
        if (line.isBlank()) {
            // journalctl writes none; a copy joined or edited by hand may have one: nothing, as in every other form.
            return new LogLine(number, line, "", LineFormat.BARE, null, null, null, true, false, null);
        }
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return LogLine.problem(number, line, "journal JSON line is not an object");
            }
            return entry(p, number, line);
        } catch (JacksonException e) {
            String why = e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input")
                ? "journal JSON line is cut off (truncated export?)"
                : "journal JSON line cannot be read: " + TextCut.cut(String.valueOf(e.getOriginalMessage()), 80);
            return LogLine.problem(number, line, why);
        }
    }

    /**
     * The journal entry whose opening brace is {@code p}'s current token, read up to its closing
     * one: a line {@code number} whose raw text is {@code raw}, or {@code raw} itself ({@code
     * null}) as the {@code MESSAGE} line of a pretty-printed entry, at that line.
     */
    LogLine entry(JsonParser p, long number, String raw) {
        String message = null;
        long messageLine = number;
        String priority = null;
        String source = null;
        String monotonic = null;
        String realtime = null;
        String bootId = null;
        String transport = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "MESSAGE" -> {
                    message = value(p, v);
                    messageLine = p.currentTokenLocation().getLineNr();
                }
                case "PRIORITY" -> priority = value(p, v);
                case "_SOURCE_MONOTONIC_TIMESTAMP" -> source = value(p, v);
                case "__MONOTONIC_TIMESTAMP" -> monotonic = value(p, v);
                case "__REALTIME_TIMESTAMP" -> realtime = value(p, v);
                case "_BOOT_ID" -> bootId = value(p, v);
                case "_TRANSPORT" -> transport = value(p, v);
                default -> p.skipChildren();
            }
        }
        long at = raw != null ? number : messageLine;
        String text = raw != null ? raw : "\"MESSAGE\" : \"" + new String(QUOTES.quoteAsCharArray(message == null ? "" : message)) + "\"";
        if (p.currentToken() != JsonToken.END_OBJECT) {
            return LogLine.problem(at, text, "journal JSON line is not a flat object");
        }
        if (message == null && realtime == null) {
            // journalctl -o json writes both in every entry: an object with neither is some other JSON (event NDJSON).
            return LogLine.problem(at, text, "a JSON object that is not a journal entry (no MESSAGE, no __REALTIME_TIMESTAMP)");
        }
        Long micros = LineParser.digits(source != null ? source : monotonic == null ? "" : monotonic);
        Long level = priority == null ? null : LineParser.digits(priority);
        boolean kernel = transport == null || transport.equals("kernel");
        return new LogLine(at, text, message == null ? "" : message, LineFormat.JOURNAL_JSON, micros, wall(realtime),
            level == null || level > 7 ? null : level.intValue(), kernel, false, null, bootId);
    }

    /** A field's value: a string, the first of several strings, or an array of bytes as UTF-8. */
    private static String value(JsonParser p, JsonToken v) {
        if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) {
            return p.getString();
        }
        if (v != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String first = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                bytes.write(p.getIntValue());
            } else if (t == JsonToken.VALUE_STRING && first == null) {
                first = p.getString();
            } else {
                p.skipChildren();
            }
        }
        return first != null ? first : new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    private static WallTime wall(String realtime) {
        Long micros = realtime == null ? null : LineParser.digits(realtime);
        if (micros == null) {
            return null;
        }
        Instant instant = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return new WallTime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
            t.getNano(), 0);
    }
}
