package dev.uvmctl.event;

import dev.uvmctl.shared.GpuKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final Map<String, Object> values = new HashMap<>();
    private final Names names;

    RecordFields(Names names) {
        this.names = names;
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
        Object v = values.get(name);
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
        return names.share(string(name));
    }

    String requiredName(String name) throws BadRecordException {
        return required(name, name(name));
    }

    Long longValue(String name) throws BadRecordException {
        Object v = values.get(name);
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
        Object v = values.get(name);
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
        Object v = values.get(name);
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
        Object v = values.get(name);
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
        Object v = values.get(name);
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

    /** A nested object, or null when absent. */
    RecordFields object(String name) throws BadRecordException {
        Object v = values.get(name);
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
        String s = requiredString(name);
        String key = names.processor(s);
        if (key == null) {
            throw new BadRecordException("\"" + name + "\" is \"" + s + "\", which names no processor (cpu, or a GPU index, UUID or PCI bus id)");
        }
        return key;
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
