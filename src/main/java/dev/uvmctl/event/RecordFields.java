package dev.uvmctl.event;

import static dev.uvmctl.shared.Words.HIGHS;
import static dev.uvmctl.shared.Words.ONES;

import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.shared.Words;
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
    /** An integer that a long holds, in {@link #longs}: no Long for the fields read as a primitive. */
    private static final Object LONG = new Object();
    /** Any other number, its text (ASCII) at {@code bytes[start .. end)}: a {@link Number} when asked for as an object. */
    private static final Object NUMBER_SPAN = new Object();

    private static final RecordKey[] KEYS = RecordKey.values();

    /**
     * The fields, one slot per {@link RecordKey}; {@link #present} says which slots this object
     * has. A field of a name no reader asks for is read and dropped; of a name written twice, the
     * last value wins, as a map would keep it.
     */
    private final Object[] vals = new Object[KEYS.length];
    /** For a span ({@link #ASCII_SPAN}, {@link #UTF8_SPAN}, {@link #NUMBER_SPAN}): where its bytes are. */
    private final int[] starts = new int[KEYS.length];
    private final int[] ends = new int[KEYS.length];
    private final long[] longs = new long[KEYS.length];
    /** For a number: where its point is, its end when it has none, -1 when it has an exponent ({@link #parsedDot}). */
    private final int[] dots = new int[KEYS.length];
    /** Bit {@code k.ordinal()}: the field is present. */
    private long present;
    /** Bit {@code k.ordinal()}: the slot holds the field's shared name ({@link #name}). */
    private long shared;
    /**
     * Bit {@code k.ordinal()}: the field is a number read from bytes, an integer ({@link #LONG})
     * or not ({@link #NUMBER_SPAN}), its text at {@code bytes[starts[k] .. ends[k])} either way.
     */
    private long numbers;

    private final Names names;
    /** The line that {@link #readFast} read last: where the undecoded strings' bytes are (valid until the next line). */
    private byte[] bytes;
    /** A nested object's fields, reused from line to line for the first nested object of a line ({@code src}). */
    private RecordFields nested;
    private boolean nestedUsed;

    /**
     * Key prediction: a writer spells the keys of a record of one type in the same order on every
     * line, so the key at place {@code i} is most likely {@code predicted[i]}, confirmed by
     * comparing its bytes, without hashing it. The array is the order last seen, of the record's
     * type once the {@code type} field is read ({@link Shape}); a key not predicted is looked up
     * and recorded in its place.
     */
    private RecordKey[] predicted = new RecordKey[32];

    /** The key order last seen on lines of one type, and the type's shared name. */
    private static final class Shape {
        final byte[] type;
        final String name;
        final RecordKey[] keys = new RecordKey[32];

        Shape(byte[] type, String name) {
            this.type = type;
            this.name = name;
        }
    }

    private static final int SHAPES = 64;
    private final Shape[] shapes = new Shape[SHAPES];
    private int shapeCount;

    RecordFields(Names names) {
        this.names = names;
    }

    private void clear() {
        present = 0;
        shared = 0;
        numbers = 0;
    }

    private boolean has(int i) {
        return (present & 1L << i) != 0;
    }

    private void set(int i, Object v) {
        vals[i] = v;
        present |= 1L << i;
        shared &= ~(1L << i);
    }

    /** The value of {@code key} as an object (a span decoded now, and kept); null when absent. */
    private Object get(RecordKey key) {
        int i = key.ordinal();
        if (!has(i)) {
            return null;
        }
        Object v = vals[i];
        if (v == ASCII_SPAN || v == UTF8_SPAN) {
            v = new String(bytes, starts[i], ends[i] - starts[i], v == ASCII_SPAN ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            vals[i] = v;
        } else if (v == LONG) {
            v = longs[i];
            vals[i] = v;
        } else if (v == NUMBER_SPAN) {
            v = new Number(new String(bytes, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1));
            vals[i] = v;
        }
        return v;
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
        clear();
        bytes = b;
        nestedUsed = false;
        int p = skip(b, from, to);
        if (p >= to || b[p] != '{') {
            return false;
        }
        p = object(b, p, to, this);
        return p >= 0 && skip(b, p, to) == to;
    }

    /**
     * {@link #readFast} of a record read where it lies among the lines after it
     * ({@code source.LineReader#window}): the object at {@code b[from]}, of which {@code limit}
     * bounds what may be read, followed on its line by white space only. The index of the
     * {@code \n} that ends the line, or -1 when the object is not followed by one before
     * {@code limit} or is anything {@link #readFast} would not read: the caller then reads the line
     * the usual way. No token and no string crosses a newline ({@link #skip} and {@link #string}
     * stop at it), so what this reads is what {@link #readFast} reads of the line alone.
     */
    int readLine(byte[] b, int from, int limit) {
        clear();
        bytes = b;
        nestedUsed = false;
        if (from >= limit || b[from] != '{') {
            return -1;
        }
        int p = object(b, from, limit, this);
        if (p < 0) {
            return -1;
        }
        p = skip(b, p, limit);
        return p < limit && b[p] == '\n' ? p : -1;
    }

    /** Reads the object at {@code b[p]} ('{') into {@code into}; the position after it, or -1. */
    private int object(byte[] b, int p, int to, RecordFields into) {
        p = skip(b, p + 1, to);
        if (p < to && b[p] == '}') {
            return p + 1;
        }
        into.bytes = b;
        for (int place = 0; p < to; place++) {
            if (b[p] != '"') {
                return -1;
            }
            RecordKey[] order = into.predicted;
            RecordKey key = place < order.length ? order[place] : null;
            int ke;
            if (key != null && key.spelledAt(b, p + 1, to)) {
                ke = p + 1 + key.spelling.length;
            } else {
                ke = p + 1;
                while (ke < to && b[ke] != '"' && b[ke] != '\\' && b[ke] >= 0x20) {
                    ke++;
                }
                if (ke >= to || b[ke] != '"') {
                    return -1;
                }
                key = RecordKey.of(b, p + 1, ke);
                if (place < order.length) {
                    order[place] = key;
                }
            }
            p = skip(b, ke + 1, to);
            if (p >= to || b[p] != ':') {
                return -1;
            }
            p = value(b, skip(b, p + 1, to), to);
            if (p < 0) {
                return -1;
            }
            if (key != null) {
                int i = key.ordinal();
                into.set(i, parsed);
                // Kept whatever the value (read only for a span or a number): no branch on its kind.
                into.starts[i] = parsedStart;
                into.ends[i] = parsedEnd;
                into.longs[i] = parsedLong;
                into.dots[i] = parsedDot;
                into.numbers = into.numbers & ~(1L << i) | (long) parsedNumber << i;
                if (key == RecordKey.type && into == this && parsed == ASCII_SPAN) {
                    typeRead(b, place);
                }
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

    /**
     * The record's type is known ({@code type} was the key at {@code place}): its keys from here on
     * are predicted from the last line of that type, and the type is its shape's shared name.
     */
    private void typeRead(byte[] b, int place) {
        int s = parsedStart;
        int e = parsedEnd;
        Shape shape = null;
        for (int k = 0; k < shapeCount; k++) {
            Shape c = shapes[k];
            if (Names.same(c.type, b, s, e)) {
                shape = c;
                // The most recent first: most lines are of a few types.
                if (k > 0) {
                    System.arraycopy(shapes, 0, shapes, 1, k);
                    shapes[0] = c;
                }
                break;
            }
        }
        if (shape == null) {
            if (shapeCount == SHAPES) {
                return;
            }
            shape = new Shape(java.util.Arrays.copyOfRange(b, s, e), names.share(b, s, e, RecordKey.type.ordinal()));
            System.arraycopy(shapes, 0, shapes, 1, shapeCount);
            shapes[0] = shape;
            shapeCount++;
        }
        if (place < shape.keys.length) {
            shape.keys[place] = RecordKey.type;
        }
        predicted = shape.keys;
        int i = RecordKey.type.ordinal();
        vals[i] = shape.name;
        shared |= 1L << i;
    }

    /** The value read last by {@link #value}; for a span, where its bytes are; for {@link #LONG}, the integer. */
    private Object parsed;
    private int parsedStart;
    private int parsedEnd;
    private long parsedLong;
    /** 1 when the value read last is a number (its text at {@code parsedStart .. parsedEnd}), else 0. */
    private int parsedNumber;
    /** For a number read last: where its point is, {@code parsedEnd} when it has none, -1 when it has an exponent. */
    private int parsedDot;

    private String decode(byte[] b, Object span) {
        return new String(b, parsedStart, parsedEnd - parsedStart, span == ASCII_SPAN ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private int value(byte[] b, int p, int to) {
        parsedNumber = 0;
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
                into.clear();
            }
            int e = object(b, p, to, into);
            parsed = into;
            parsedNumber = 0;
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
                items.add(parsed == ASCII_SPAN || parsed == UTF8_SPAN ? decode(b, parsed)
                    : parsed == LONG ? (Object) parsedLong
                    : parsed == NUMBER_SPAN ? new Number(new String(b, parsedStart, parsedEnd - parsedStart, StandardCharsets.ISO_8859_1))
                    : parsed);
                p = skip(b, p, to);
                if (p < to && b[p] == ']') {
                    parsed = items;
                    parsedNumber = 0;
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
        parsedStart = s;
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
        int dot = -1;
        if (p < to && b[p] == '.') {
            integer = false;
            dot = p;
            int f = ++p;
            while (p < to && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == f) {
                return -1;
            }
        }
        boolean exponent = p < to && (b[p] == 'e' || b[p] == 'E');
        if (exponent) {
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
        parsedDot = exponent ? -1 : dot < 0 ? p : dot;
        if (integer && p - digits <= 18) {
            long v = 0;
            for (int i = digits; i < p; i++) {
                v = v * 10 + (b[i] - '0');
            }
            parsed = LONG;
            parsedLong = digits > s ? -v : v;
            parsedEnd = p;
            parsedNumber = 1;
            return p;
        }
        if (integer) {
            try {
                parsedLong = Long.parseLong(new String(b, s, p - s, StandardCharsets.ISO_8859_1));
                parsed = LONG;
                parsedEnd = p;
                parsedNumber = 1;
                return p;
            } catch (NumberFormatException e) {
                // Too large for a long: kept as its text.
            }
        }
        parsed = NUMBER_SPAN;
        parsedEnd = p;
        parsedNumber = 1;
        return p;
    }


    /**
     * Where the first of the eight bytes in {@code x} that {@link #plain} rejects is, when that byte
     * is '"'; else 0. Each of the four tests ({@link Words#zeroBytes} of a word
     * compared with a byte, and the high bit) marks its lowest byte exactly (a borrow runs only upwards), so the
     * lowest mark of their union is the first special byte.
     */
    private static int closingQuote(long x) {
        long quote = x ^ (ONES * '"');
        long quotes = Words.zeroBytes(quote);
        long marks = quotes | Words.zeroBytes(x ^ (ONES * '\\')) | ((x - ONES * 0x20) & ~x & HIGHS) | (x & HIGHS);
        return (quotes & marks & -marks) != 0 ? Long.numberOfTrailingZeros(marks) >>> 3 : 0;
    }

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
        while (e + 8 <= to) {
            long x = Words.littleEndian(b, e);
            if (plain(x)) {
                e += 8;
                continue;
            }
            // The word that stops the scan: when its first special byte is the closing quote, the
            // string ends there, without the byte loop below (which reads the word's other cases).
            e += closingQuote(x);
            break;
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

    /** White space between tokens; not a newline, which a line never holds and {@link #readLine} stops at. */
    private static int skip(byte[] b, int p, int to) {
        while (p < to && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')) {
            p++;
        }
        return p;
    }

    /** Reads the object the parser is at (its START_OBJECT is the current token), replacing what was read before. */
    void read(JsonParser p) throws BadRecordException {
        clear();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.PROPERTY_NAME) {
                throw new BadRecordException("the object is cut short");
            }
            RecordKey key = RecordKey.named(p.currentName());
            Object v = value(p, p.nextToken());
            if (key != null) {
                set(key.ordinal(), v);
            }
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

    String string(RecordKey key) throws BadRecordException {
        Object v = get(key);
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrong(key, "a string");
    }

    String requiredString(RecordKey key) throws BadRecordException {
        return required(key, string(key));
    }

    /** A string that recurs across lines (an id, a command): one shared instance per value. */
    String name(RecordKey key) throws BadRecordException {
        int i = key.ordinal();
        if ((shared & 1L << i) != 0) {
            return (String) vals[i];
        }
        String name;
        if (has(i) && vals[i] == ASCII_SPAN) {
            name = names.share(bytes, starts[i], ends[i], i);
        } else {
            name = names.share(string(key));
            if (name == null) {
                return null;
            }
        }
        vals[i] = name;
        shared |= 1L << i;
        return name;
    }

    String requiredName(RecordKey key) throws BadRecordException {
        return required(key, name(key));
    }

    /** An integer field as it was written: true when it is present and a long holds it ({@link #longs}). */
    private boolean isLong(int i) {
        return has(i) && vals[i] == LONG;
    }

    Long longValue(RecordKey key) throws BadRecordException {
        Object v = get(key);
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Number n && n.integral()) {
            throw outOfRange(key, n);
        }
        throw wrong(key, "an integer");
    }

    /** {@link #longValue}, {@code absent} when the field is absent or null. */
    long longValue(RecordKey key, long absent) throws BadRecordException {
        int i = key.ordinal();
        if (isLong(i)) {
            return longs[i];
        }
        Long v = longValue(key);
        return v == null ? absent : v;
    }

    long requiredLong(RecordKey key) throws BadRecordException {
        int i = key.ordinal();
        if (isLong(i)) {
            return longs[i];
        }
        return required(key, longValue(key));
    }

    /** A size or count: an integer, not negative. */
    long requiredSize(RecordKey key) throws BadRecordException {
        long v = requiredLong(key);
        if (v < 0) {
            throw new BadRecordException("\"" + key + "\" is negative: " + v);
        }
        return v;
    }

    Long size(RecordKey key) throws BadRecordException {
        Long v = longValue(key);
        if (v != null && v < 0) {
            throw new BadRecordException("\"" + key + "\" is negative: " + v);
        }
        return v;
    }

    Integer integer(RecordKey key) throws BadRecordException {
        Long v = longValue(key);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw outOfRange(key, new Number(v.toString()));
        }
        return v.intValue();
    }

    int requiredInteger(RecordKey key) throws BadRecordException {
        return required(key, integer(key));
    }

    int requiredPid(RecordKey key) throws BadRecordException {
        int i = key.ordinal();
        if (isLong(i) && longs[i] >= 0 && longs[i] <= Integer.MAX_VALUE) {
            return (int) longs[i];
        }
        Integer pid = pid(key);
        return required(key, pid);
    }

    Integer pid(RecordKey key) throws BadRecordException {
        Integer v = integer(key);
        if (v != null && v < 0) {
            throw wrong(key, "a process id");
        }
        return v;
    }

    boolean bool(RecordKey key) throws BadRecordException {
        Object v = get(key);
        if (v == null || v == NULL) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(key, "true or false");
    }

    /** An address: a {@code 0x} hex string (the documented form) or a JSON integer. */
    Long address(RecordKey key) throws BadRecordException {
        long a = hexSpan(key.ordinal());
        if (a != NOT_HEX) {
            return a;
        }
        Object v = get(key);
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof String s && (s.startsWith("0x") || s.startsWith("0X")) && s.length() > 2 && s.length() <= 18) {
            try {
                return Long.parseUnsignedLong(s.substring(2), 16);
            } catch (NumberFormatException e) {
                throw wrong(key, "a 0x hex address");
            }
        }
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        if (v instanceof Number n) {
            try {
                return Long.parseUnsignedLong(n.text());
            } catch (NumberFormatException e) {
                throw n.integral() && !n.text().startsWith("-") ? outOfRange(key, n) : wrong(key, "a 0x hex address");
            }
        }
        throw wrong(key, "a 0x hex address");
    }

    long requiredAddress(RecordKey key) throws BadRecordException {
        long a = hexSpan(key.ordinal());
        if (a != NOT_HEX) {
            return a;
        }
        return required(key, address(key));
    }

    /** What {@link #hexSpan} gives for text it does not read: {@link #address} then reads it as a String and says why. */
    private static final long NOT_HEX = -1L;

    /**
     * The address that field {@code i}, still undecoded ASCII, spells as {@code 0x} and 1 to 15 hex
     * digits (values below 2^60, so that the sentinel is never an address), read without a String;
     * {@link #NOT_HEX} for anything else, which the String path reads.
     */
    private long hexSpan(int i) {
        if (!has(i) || vals[i] != ASCII_SPAN) {
            return NOT_HEX;
        }
        byte[] b = bytes;
        int s = starts[i];
        int e = ends[i];
        int n = e - s - 2;
        if (n < 1 || n > 15 || b[s] != '0' || (b[s + 1] != 'x' && b[s + 1] != 'X')) {
            return NOT_HEX;
        }
        long v = 0;
        for (int k = s + 2; k < e; k++) {
            int c = b[k];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return NOT_HEX;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** Seconds, as a decimal number, in nanoseconds; {@link EventTime#UNKNOWN} when absent. */
    long seconds(RecordKey key) throws BadRecordException {
        int i = key.ordinal();
        // An integer (a time on the second) and a decimal the same way, from the number's text:
        // one path, so that the first integer time, rare in a stream, is not a branch the JIT left out.
        if ((numbers & 1L << i) != 0) {
            try {
                // The point was found as the number was read (its digits checked then): no second scan for it.
                int dot = dots[i];
                long nanos = dot >= 0 && ends[i] - starts[i] <= 19
                    ? EventTime.plainSeconds(bytes, starts[i], dot, ends[i]) : EventTime.parseSeconds(bytes, starts[i], ends[i]);
                if (nanos != EventTime.UNKNOWN) {
                    return nanos;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // Said by the path below, from the number's text.
            }
        }
        Object v = get(key);
        if (v == null || v == NULL) {
            return EventTime.UNKNOWN;
        }
        long nanos;
        if (v instanceof Long l) {
            try {
                nanos = Math.multiplyExact(l, 1_000_000_000L);
            } catch (ArithmeticException e) {
                throw outOfRange(key, new Number(Long.toString(l)));
            }
        } else if (v instanceof Number n) {
            try {
                nanos = EventTime.parseSeconds(n.text());
            } catch (NumberFormatException e) {
                throw wrong(key, "seconds");
            } catch (ArithmeticException e) {
                throw outOfRange(key, n);
            }
        } else {
            throw wrong(key, "a number of seconds");
        }
        if (nanos == EventTime.UNKNOWN) {
            throw outOfRange(key, new Number(v instanceof Number n ? n.text() : v.toString()));
        }
        return nanos;
    }

    /** An RFC 3339 time in nanoseconds since the epoch; {@link EventTime#UNKNOWN} when absent. */
    long wall(RecordKey key) throws BadRecordException {
        String s = string(key);
        if (s == null) {
            return EventTime.UNKNOWN;
        }
        try {
            return EventTime.parseWall(s);
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            throw wrong(key, "an RFC 3339 time such as 2025-03-01T12:00:00Z");
        }
    }

    /** Each field's last enum value and the shared spelling it was read from: an enum field's value repeats from line to line. */
    private final String[] enumSpellings = new String[KEYS.length];
    private final Enum<?>[] enums = new Enum<?>[KEYS.length];

    @SuppressWarnings("unchecked")
    <E extends Enum<E>> E enumValue(RecordKey key, Class<E> type) throws BadRecordException {
        int i = key.ordinal();
        // The spelling shared from its bytes (no String per line), then the last value or the enum's own table.
        String s = has(i) && vals[i] == ASCII_SPAN ? names.share(bytes, starts[i], ends[i], i) : string(key);
        if (s == null) {
            return null;
        }
        Enum<?> last = enums[i];
        if (s == enumSpellings[i] && last.getDeclaringClass() == type) {
            return (E) last;
        }
        try {
            E e = Enum.valueOf(type, s);
            enumSpellings[i] = s;
            enums[i] = e;
            return e;
        } catch (IllegalArgumentException e) {
            throw new BadRecordException("\"" + key + "\" is \"" + s + "\"; expected one of " + names(type));
        }
    }

    <E extends Enum<E>> E requiredEnum(RecordKey key, Class<E> type) throws BadRecordException {
        return required(key, enumValue(key, type));
    }

    List<String> strings(RecordKey key) throws BadRecordException {
        Object v = get(key);
        if (v == null || v == NULL) {
            return List.of();
        }
        if (!(v instanceof List<?> items)) {
            throw wrong(key, "a list of strings");
        }
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof String s)) {
                throw wrong(key, "a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    /** True when {@code key} is a string (decoded or not), so that {@link #string} would give it without a refusal. */
    boolean isString(RecordKey key) {
        int i = key.ordinal();
        if (!has(i)) {
            return false;
        }
        Object v = vals[i];
        return v == ASCII_SPAN || v == UTF8_SPAN || v instanceof String;
    }

    /** A nested object, or null when absent. */
    RecordFields object(RecordKey key) throws BadRecordException {
        Object v = get(key);
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof RecordFields f) {
            return f;
        }
        throw wrong(key, "an object");
    }

    /** The GPU a field names, normalized ({@link GpuKey}). */
    String gpu(RecordKey key) throws BadRecordException {
        String known = processorSpan(key);
        if (known != null && !known.equals(GpuKey.CPU)) {
            return known;
        }
        String s = string(key);
        if (s == null) {
            return null;
        }
        String gpu = names.processor(s);
        if (gpu == null || gpu.equals(GpuKey.CPU)) {
            throw new BadRecordException("\"" + key + "\" is \"" + s + "\", which names no GPU (an index, GPU UUID or PCI bus id)");
        }
        return gpu;
    }

    String requiredGpu(RecordKey key) throws BadRecordException {
        return required(key, gpu(key));
    }

    /** The processor a field names: {@code cpu} or a GPU, normalized. */
    String requiredProcessor(RecordKey key) throws BadRecordException {
        String known = processorSpan(key);
        if (known != null) {
            return known;
        }
        String s = requiredString(key);
        String processor = names.processor(s);
        if (processor == null) {
            throw new BadRecordException("\"" + key + "\" is \"" + s + "\", which names no processor (cpu, or a GPU index, UUID or PCI bus id)");
        }
        return processor;
    }

    /** The processor key of a field still undecoded ASCII, from its bytes; null when it is not one or names no processor (the caller then decodes it and says why). */
    private String processorSpan(RecordKey key) {
        int i = key.ordinal();
        return has(i) && vals[i] == ASCII_SPAN ? names.processor(bytes, starts[i], ends[i], i) : null;
    }

    private static <T> T required(RecordKey key, T value) throws BadRecordException {
        if (value == null) {
            throw new BadRecordException("\"" + key + "\" is missing");
        }
        return value;
    }

    /** A number too large (or small) for the field: a diagnostic, never read as 0 or the largest value. */
    private static BadRecordException outOfRange(RecordKey key, Number n) {
        String text = n.text().length() > 40 ? n.text().substring(0, 40) + "..." : n.text();
        return new BadRecordException("\"" + key + "\" is out of range: " + text);
    }

    private static BadRecordException wrong(RecordKey key, String expected) {
        return new BadRecordException("\"" + key + "\" is not " + expected);
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        StringBuilder b = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.name());
        }
        return b.toString();
    }
}
