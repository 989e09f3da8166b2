package dev.uvmctl.event;

import dev.uvmctl.shared.GpuKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of one NDJSON object, read with the streaming parser and then asked for by name
 * with the type each field must have. Integers are kept as longs and other numbers as their
 * text, so that times and sizes read back exactly; unknown fields are kept and ignored, so that
 * newer writers can add fields. A decoder reuses one instance for every line.
 */
final class RecordFields {
    /** A JSON number, as written. */
    private record Number(String text) {
        /** Written as an integer ({@code 99999999999999999999}): one a long does not hold. */
        boolean integral() {
            return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        }
    }

    private static final Object NULL = new Object();
    /**
     * A string value read from bytes and not decoded yet: its bytes are {@code bytes[start .. end)}
     * of the line being read, with no escapes; decoded (and kept) the first time it is asked for, so
     * that the fields an event does not use, and the long {@code src.text}, cost only their scan.
     */
    private static final Object ASCII_SPAN = new Object();
    private static final Object UTF8_SPAN = new Object();

    /**
     * The fields, in a flat table: a line has a dozen, looked up by name a dozen times. Names read
     * from bytes are interned once per spelling ({@link #key}), so a lookup by a literal name
     * finds its field by identity.
     */
    private final Values values = new Values();

    private static final class Values {
        private String[] keys = new String[16];
        private Object[] vals = new Object[16];
        /** For a value {@link #ASCII_SPAN} or {@link #UTF8_SPAN}: where its bytes are. */
        private int[] starts = new int[16];
        private int[] ends = new int[16];
        private int size;

        void clear() {
            java.util.Arrays.fill(vals, 0, size, null);
            size = 0;
        }

        /** The last value of a name wins, as a map would keep it; the index it is at. */
        int put(String key, Object value) {
            for (int i = 0; i < size; i++) {
                if (keys[i] == key || keys[i].equals(key)) {
                    vals[i] = value;
                    return i;
                }
            }
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                vals = java.util.Arrays.copyOf(vals, size * 2);
                starts = java.util.Arrays.copyOf(starts, size * 2);
                ends = java.util.Arrays.copyOf(ends, size * 2);
            }
            keys[size] = key;
            vals[size] = value;
            return size++;
        }

        int index(String key) {
            for (int i = 0; i < size; i++) {
                if (keys[i] == key) {
                    return i;
                }
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }
    private final Names names;
    /** The line that {@link #readFast} read last: where the undecoded strings' bytes are (valid until the next line). */
    private byte[] bytes;
    /** A nested object's fields, reused from line to line for the first nested object of a line ({@code src}). */
    private RecordFields nested;
    private boolean nestedUsed;

    RecordFields(Names names) {
        this.names = names;
    }

    /** The value of {@code name}, a string span decoded now (and kept); null when absent. */
    private Object get(String name) {
        int i = values.index(name);
        if (i < 0) {
            return null;
        }
        Object v = values.vals[i];
        if (v == ASCII_SPAN || v == UTF8_SPAN) {
            v = decode(v, values.starts[i], values.ends[i]);
            values.vals[i] = v;
        }
        return v;
    }

    private String decode(Object span, int start, int end) {
        return new String(bytes, start, end - start, span == ASCII_SPAN ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * Reads the one JSON object that {@code b[from .. to)} holds, replacing what was read before,
     * without a general-purpose parser: a line of event NDJSON is a flat object of strings,
     * numbers, booleans and nulls, with at most a nested {@code src} object and a list of
     * strings, and decoding it is most of what reading a stream costs. False when the line is
     * anything else or not valid JSON: the caller then reads it with {@link #read(JsonParser)},
     * whose diagnostics say what is wrong.
     */
    boolean readFast(byte[] b, int from, int to) {
        values.clear();
        bytes = b;
        nestedUsed = false;
        int p = skip(b, from, to);
        if (p >= to || b[p] != '{') {
            return false;
        }
        p = object(b, p, to, this);
        return p >= 0 && skip(b, p, to) == to;
    }

    /** Reads the object at {@code b[p]} ('{') into {@code into}; the position after it, or -1. */
    private int object(byte[] b, int p, int to, RecordFields into) {
        p = skip(b, p + 1, to);
        if (p < to && b[p] == '}') {
            return p + 1;
        }
        while (p < to) {
            if (b[p] != '"') {
                return -1;
            }
            int ke = p + 1;
            while (ke < to && b[ke] != '"' && b[ke] != '\\' && b[ke] >= 0x20) {
                ke++;
            }
            if (ke >= to || b[ke] != '"') {
                return -1;
            }
            String key = key(b, p + 1, ke);
            p = skip(b, ke + 1, to);
            if (p >= to || b[p] != ':') {
                return -1;
            }
            p = value(b, skip(b, p + 1, to), to);
            if (p < 0) {
                return -1;
            }
            int i = into.values.put(key, parsed);
            if (parsed == ASCII_SPAN || parsed == UTF8_SPAN) {
                into.bytes = b;
                into.values.starts[i] = parsedStart;
                into.values.ends[i] = parsedEnd;
            }
            p = skip(b, p, to);
            if (p >= to) {
                return -1;
            }
            if (b[p] == '}') {
                return p + 1;
            }
            if (b[p] != ',') {
                return -1;
            }
            p = skip(b, p + 1, to);
        }
        return -1;
    }

    /** The value read last by {@link #value}; for a string span, where its bytes are. */
    private Object parsed;
    private int parsedStart;
    private int parsedEnd;

    private String decode(byte[] b, Object span) {
        return new String(b, parsedStart, parsedEnd - parsedStart, span == ASCII_SPAN ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private int value(byte[] b, int p, int to) {
        if (p >= to) {
            return -1;
        }
        byte c = b[p];
        if (c == '"') {
            return string(b, p, to);
        }
        if (c == '{') {
            RecordFields into;
            if (nestedUsed) {
                into = new RecordFields(names);
            } else {
                if (nested == null) {
                    nested = new RecordFields(names);
                }
                into = nested;
                nestedUsed = true;
                into.values.clear();
            }
            int e = object(b, p, to, into);
            parsed = into;
            return e;
        }
        if (c == '[') {
            List<Object> items = new ArrayList<>();
            p = skip(b, p + 1, to);
            if (p < to && b[p] == ']') {
                parsed = items;
                return p + 1;
            }
            while (p < to) {
                p = value(b, p, to);
                if (p < 0) {
                    return -1;
                }
                items.add(parsed == ASCII_SPAN || parsed == UTF8_SPAN ? decode(b, parsed) : parsed);
                p = skip(b, p, to);
                if (p < to && b[p] == ']') {
                    parsed = items;
                    return p + 1;
                }
                if (p >= to || b[p] != ',') {
                    return -1;
                }
                p = skip(b, p + 1, to);
            }
            return -1;
        }
        if (c == 't' && word(b, p, to, "true")) {
            parsed = Boolean.TRUE;
            return p + 4;
        }
        if (c == 'f' && word(b, p, to, "false")) {
            parsed = Boolean.FALSE;
            return p + 5;
        }
        if (c == 'n' && word(b, p, to, "null")) {
            parsed = NULL;
            return p + 4;
        }
        return number(b, p, to);
    }

    /** A JSON number: an integer that fits a long is a Long, anything else its text, as the streaming parser keeps them. */
    private int number(byte[] b, int p, int to) {
        int s = p;
        if (p < to && b[p] == '-') {
            p++;
        }
        int digits = p;
        while (p < to && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        if (p == digits || b[digits] == '0' && p - digits > 1) {
            return -1;
        }
        boolean integer = true;
        if (p < to && b[p] == '.') {
            integer = false;
            int f = ++p;
            while (p < to && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == f) {
                return -1;
            }
        }
        if (p < to && (b[p] == 'e' || b[p] == 'E')) {
            integer = false;
            p++;
            if (p < to && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int e = p;
            while (p < to && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == e) {
                return -1;
            }
        }
        if (p < to && b[p] != ',' && b[p] != '}' && b[p] != ']' && b[p] != ' ' && b[p] != '\t') {
            return -1;
        }
        if (integer && p - digits <= 18) {
            long v = 0;
            for (int i = digits; i < p; i++) {
                v = v * 10 + (b[i] - '0');
            }
            parsed = digits > s ? -v : v;
            return p;
        }
        String text = new String(b, s, p - s, StandardCharsets.ISO_8859_1);
        if (integer) {
            try {
                parsed = Long.parseLong(text);
            } catch (NumberFormatException e) {
                parsed = new Number(text);
            }
        } else {
            parsed = new Number(text);
        }
        return p;
    }

    private static final java.lang.invoke.VarHandle LONGS =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** True when none of the eight bytes in {@code x} is '"', '\\', below 0x20 or above 0x7f. */
    private static boolean plain(long x) {
        long quote = x ^ (ONES * '"');
        long backslash = x ^ (ONES * '\\');
        long special = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (x - ONES * 0x20) | x;
        return (special & HIGHS) == 0;
    }

    /** A JSON string at {@code b[p]} ('"'): bytes as UTF-8, escapes decoded. */
    private int string(byte[] b, int p, int to) {
        int s = p + 1;
        int e = s;
        boolean ascii = true;
        // Eight bytes at a time while none of them is a quote, a backslash, a control character or non-ASCII.
        while (e + 8 <= to && plain((long) LONGS.get(b, e))) {
            e += 8;
        }
        while (e < to && b[e] != '"' && b[e] != '\\') {
            if (b[e] < 0x20 && b[e] >= 0) {
                return -1;
            }
            ascii &= b[e] >= 0;
            e++;
        }
        if (e >= to) {
            return -1;
        }
        if (b[e] == '"') {
            parsed = ascii ? ASCII_SPAN : UTF8_SPAN;
            parsedStart = s;
            parsedEnd = e;
            return e + 1;
        }
        // Escapes: decoded one by one, the text between them as UTF-8 (an escaped surrogate pair gives its two chars).
        StringBuilder out = new StringBuilder(new String(b, s, e - s, StandardCharsets.UTF_8));
        int run = e;
        while (e < to) {
            if (b[e] == '"') {
                out.append(new String(b, run, e - run, StandardCharsets.UTF_8));
                parsed = out.toString();
                return e + 1;
            }
            if (b[e] >= 0 && b[e] < 0x20) {
                return -1;
            }
            if (b[e] != '\\') {
                e++;
                continue;
            }
            out.append(new String(b, run, e - run, StandardCharsets.UTF_8));
            if (e + 1 >= to) {
                return -1;
            }
            byte x = b[e + 1];
            switch (x) {
                case '"', '\\', '/' -> out.append((char) x);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (e + 6 > to) {
                        return -1;
                    }
                    int v = 0;
                    for (int k = e + 2; k < e + 6; k++) {
                        int d = Character.digit(b[k], 16);
                        if (d < 0) {
                            return -1;
                        }
                        v = v * 16 + d;
                    }
                    out.append((char) v);
                    e += 4;
                }
                default -> {
                    return -1;
                }
            }
            e += 2;
            run = e;
        }
        return -1;
    }

    /**
     * Keys recur on every line: one interned string per spelling (so that literal names find
     * them by identity), looked up by its bytes in a small open-addressing table shared by a
     * decoder's records.
     */
    private String key(byte[] b, int s, int e) {
        return names.key(b, s, e);
    }

    private static boolean word(byte[] b, int p, int to, String w) {
        if (to - p < w.length()) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (b[p + i] != w.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int skip(byte[] b, int p, int to) {
        while (p < to && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        return p;
    }

    /** Reads the object the parser is at (its START_OBJECT is the current token), replacing what was read before. */
    void read(JsonParser p) throws BadRecordException {
        values.clear();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.PROPERTY_NAME) {
                throw new BadRecordException("the object is cut short");
            }
            String name = p.currentName();
            values.put(name, value(p, p.nextToken()));
        }
    }

    private Object value(JsonParser p, JsonToken t) throws BadRecordException {
        if (t == null) {
            throw new BadRecordException("the object is cut short");
        }
        return switch (t) {
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? new Number(p.getString()) : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> new Number(p.getString());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            case START_OBJECT -> {
                RecordFields nested = new RecordFields(names);
                nested.read(p);
                yield nested;
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    if (i == null) {
                        throw new BadRecordException("the list is cut short");
                    }
                    items.add(value(p, i));
                }
                yield items;
            }
            case NOT_AVAILABLE, END_OBJECT, END_ARRAY, PROPERTY_NAME, VALUE_EMBEDDED_OBJECT ->
                throw new BadRecordException("unexpected " + t + " in field \"" + p.currentName() + "\"");
        };
    }

    String string(String name) throws BadRecordException {
        Object v = get(name);
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrong(name, "a string");
    }

    String requiredString(String name) throws BadRecordException {
        return required(name, string(name));
    }

    /** A string that recurs across lines (an id, a command): one shared instance per value. */
    String name(String name) throws BadRecordException {
        int i = values.index(name);
        if (i >= 0 && values.vals[i] == ASCII_SPAN) {
            String shared = names.share(bytes, values.starts[i], values.ends[i]);
            values.vals[i] = shared;
            return shared;
        }
        return names.share(string(name));
    }

    String requiredName(String name) throws BadRecordException {
        return required(name, name(name));
    }

    Long longValue(String name) throws BadRecordException {
        Object v = get(name);
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Number n && n.integral()) {
            throw outOfRange(name, n);
        }
        throw wrong(name, "an integer");
    }

    long requiredLong(String name) throws BadRecordException {
        return required(name, longValue(name));
    }

    /** A size or count: an integer, not negative. */
    long requiredSize(String name) throws BadRecordException {
        long v = requiredLong(name);
        if (v < 0) {
            throw new BadRecordException("\"" + name + "\" is negative: " + v);
        }
        return v;
    }

    Long size(String name) throws BadRecordException {
        Long v = longValue(name);
        if (v != null && v < 0) {
            throw new BadRecordException("\"" + name + "\" is negative: " + v);
        }
        return v;
    }

    Integer integer(String name) throws BadRecordException {
        Long v = longValue(name);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw outOfRange(name, new Number(v.toString()));
        }
        return v.intValue();
    }

    int requiredInteger(String name) throws BadRecordException {
        return required(name, integer(name));
    }

    int requiredPid(String name) throws BadRecordException {
        Integer pid = pid(name);
        return required(name, pid);
    }

    Integer pid(String name) throws BadRecordException {
        Integer v = integer(name);
        if (v != null && v < 0) {
            throw wrong(name, "a process id");
        }
        return v;
    }

    boolean bool(String name) throws BadRecordException {
        Object v = get(name);
        if (v == null || v == NULL) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(name, "true or false");
    }

    /** An address: a {@code 0x} hex string (the documented form) or a JSON integer. */
    Long address(String name) throws BadRecordException {
        Object v = get(name);
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof String s && (s.startsWith("0x") || s.startsWith("0X")) && s.length() > 2 && s.length() <= 18) {
            try {
                return Long.parseUnsignedLong(s.substring(2), 16);
            } catch (NumberFormatException e) {
                throw wrong(name, "a 0x hex address");
            }
        }
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        if (v instanceof Number n) {
            try {
                return Long.parseUnsignedLong(n.text());
            } catch (NumberFormatException e) {
                throw n.integral() && !n.text().startsWith("-") ? outOfRange(name, n) : wrong(name, "a 0x hex address");
            }
        }
        throw wrong(name, "a 0x hex address");
    }

    long requiredAddress(String name) throws BadRecordException {
        return required(name, address(name));
    }

    /** Seconds, as a decimal number, in nanoseconds; {@link EventTime#UNKNOWN} when absent. */
    long seconds(String name) throws BadRecordException {
        Object v = get(name);
        if (v == null || v == NULL) {
            return EventTime.UNKNOWN;
        }
        long nanos;
        if (v instanceof Long l) {
            try {
                nanos = Math.multiplyExact(l, 1_000_000_000L);
            } catch (ArithmeticException e) {
                throw outOfRange(name, new Number(Long.toString(l)));
            }
        } else if (v instanceof Number n) {
            try {
                nanos = EventTime.parseSeconds(n.text());
            } catch (NumberFormatException e) {
                throw wrong(name, "seconds");
            } catch (ArithmeticException e) {
                throw outOfRange(name, n);
            }
        } else {
            throw wrong(name, "a number of seconds");
        }
        if (nanos == EventTime.UNKNOWN) {
            throw outOfRange(name, new Number(v instanceof Number n ? n.text() : v.toString()));
        }
        return nanos;
    }

    /** An RFC 3339 time in nanoseconds since the epoch; {@link EventTime#UNKNOWN} when absent. */
    long wall(String name) throws BadRecordException {
        String s = string(name);
        if (s == null) {
            return EventTime.UNKNOWN;
        }
        try {
            return EventTime.parseWall(s);
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            throw wrong(name, "an RFC 3339 time such as 2025-03-01T12:00:00Z");
        }
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) throws BadRecordException {
        String s = string(name);
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new BadRecordException("\"" + name + "\" is \"" + s + "\"; expected one of " + names(type));
        }
    }

    <E extends Enum<E>> E requiredEnum(String name, Class<E> type) throws BadRecordException {
        return required(name, enumValue(name, type));
    }

    List<String> strings(String name) throws BadRecordException {
        Object v = get(name);
        if (v == null || v == NULL) {
            return List.of();
        }
        if (!(v instanceof List<?> items)) {
            throw wrong(name, "a list of strings");
        }
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof String s)) {
                throw wrong(name, "a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    /** True when {@code name} is a string (decoded or not), so that {@link #string} would give it without a refusal. */
    boolean isString(String name) {
        int i = values.index(name);
        if (i < 0) {
            return false;
        }
        Object v = values.vals[i];
        return v == ASCII_SPAN || v == UTF8_SPAN || v instanceof String;
    }

    /** A nested object, or null when absent. */
    RecordFields object(String name) throws BadRecordException {
        Object v = get(name);
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof RecordFields f) {
            return f;
        }
        throw wrong(name, "an object");
    }

    /** The GPU a field names, normalized ({@link GpuKey}). */
    String gpu(String name) throws BadRecordException {
        String known = processorSpan(name);
        if (known != null && !known.equals(GpuKey.CPU)) {
            return known;
        }
        String s = string(name);
        if (s == null) {
            return null;
        }
        String key = names.processor(s);
        if (key == null || key.equals(GpuKey.CPU)) {
            throw new BadRecordException("\"" + name + "\" is \"" + s + "\", which names no GPU (an index, GPU UUID or PCI bus id)");
        }
        return key;
    }

    String requiredGpu(String name) throws BadRecordException {
        return required(name, gpu(name));
    }

    /** The processor a field names: {@code cpu} or a GPU, normalized. */
    String requiredProcessor(String name) throws BadRecordException {
        String known = processorSpan(name);
        if (known != null) {
            return known;
        }
        String s = requiredString(name);
        String key = names.processor(s);
        if (key == null) {
            throw new BadRecordException("\"" + name + "\" is \"" + s + "\", which names no processor (cpu, or a GPU index, UUID or PCI bus id)");
        }
        return key;
    }

    /** The processor key of a field still undecoded ASCII, from its bytes; null when it is not one or names no processor (the caller then decodes it and says why). */
    private String processorSpan(String name) {
        int i = values.index(name);
        return i >= 0 && values.vals[i] == ASCII_SPAN ? names.processor(bytes, values.starts[i], values.ends[i]) : null;
    }

    private static <T> T required(String name, T value) throws BadRecordException {
        if (value == null) {
            throw new BadRecordException("\"" + name + "\" is missing");
        }
        return value;
    }

    /** A number too large (or small) for the field: a diagnostic, never read as 0 or the largest value. */
    private static BadRecordException outOfRange(String name, Number n) {
        String text = n.text().length() > 40 ? n.text().substring(0, 40) + "..." : n.text();
        return new BadRecordException("\"" + name + "\" is out of range: " + text);
    }

    private static BadRecordException wrong(String name, String expected) {
        return new BadRecordException("\"" + name + "\" is not " + expected);
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        StringBuilder b = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.name());
        }
        return b.toString();
    }
}
