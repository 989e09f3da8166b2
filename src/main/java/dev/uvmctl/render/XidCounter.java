package dev.uvmctl.render;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.Xid;
import dev.uvmctl.render.MetricFamilies.XidKey;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Counts Xids for {@code uvmctl_xid_events_total} across computations, so the counter never falls
 * when the kernel's ring buffer forgets old lines: each computation (a round) reads the whole log
 * again, and counts only the Xids that come after the last one counted in their boot. A boot not
 * seen before is counted whole. {@code serve} keeps one counter for its lifetime (a restart is a
 * counter reset, which Prometheus understands); {@code leaks --textfile} keeps it in its directory
 * between runs ({@link #write}, {@link #read}).
 *
 * <p>An Xid whose kernel time is unknown is counted only in the first round that sees its boot.
 */
public final class XidCounter {
    static final String SCHEMA = "uvmctl.xid-counts/v1";
    private static final String NO_BOOT = "";

    private final Map<XidKey, Long> counts = new TreeMap<>();
    /** Per boot, the kernel time (ns) of the last Xid counted in an earlier round. */
    private final Map<String, Long> lastCounted = new TreeMap<>();
    private final Map<String, Long> round = new HashMap<>();
    /** Records a follower of the log found lost ({@link #recordsLost}), or -1 when nothing follows the log. */
    private long recordsLost = -1;

    /** {@code xid}, placed in {@code boot} at kernel time {@code mono} (or {@link EventTime#UNKNOWN}). */
    public synchronized void offer(Xid xid, String boot, long mono) {
        String b = boot == null ? NO_BOOT : boot;
        Long last = lastCounted.get(b);
        if (last == null || mono != EventTime.UNKNOWN && mono > last) {
            counts.merge(new XidKey(xid.gpu(), xid.code()), 1L, Long::sum);
        }
        round.merge(b, mono, Math::max);
    }

    /** Ends a round: what it saw is counted, and later rounds count only what comes after it. */
    public synchronized void endRound() {
        for (Map.Entry<String, Long> e : round.entrySet()) {
            lastCounted.merge(e.getKey(), e.getValue(), Math::max);
        }
        round.clear();
    }

    /**
     * Marks the counter as fed by a follower of /dev/kmsg ({@code serve}): only then is there a count
     * of the records it found lost, 0 included. A reading of a whole log at once has none to give.
     */
    public synchronized void following() {
        if (recordsLost < 0) {
            recordsLost = 0;
        }
    }

    /** {@code n} records the follower found overwritten before it read them: Xids among them were not counted. */
    public synchronized void recordsLost(long n) {
        following();
        recordsLost += n;
    }

    synchronized List<MetricSnapshot> snapshots() {
        MetricSnapshot xids = MetricFamilies.xids(new TreeMap<>(counts));
        return recordsLost < 0 ? List.of(xids) : List.of(xids, MetricFamilies.recordsLost(recordsLost));
    }

    /** The total per GPU and code, for tests and documents. */
    public synchronized Map<String, Long> totals() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k.gpu() + " " + k.code(), v));
        return out;
    }

    /** The counts and the last Xid counted per boot, as JSON. */
    public synchronized void write(Writer out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("schema", SCHEMA);
            g.writeName("counts");
            g.writeStartArray();
            for (Map.Entry<XidKey, Long> e : counts.entrySet()) {
                g.writeStartObject();
                g.writeStringProperty("gpu", e.getKey().gpu());
                g.writeNumberProperty("code", e.getKey().code());
                g.writeNumberProperty("count", e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("last_counted");
            g.writeStartArray();
            for (Map.Entry<String, Long> e : lastCounted.entrySet()) {
                g.writeStartObject();
                g.writeStringProperty("boot", e.getKey());
                g.writeNumberProperty("kernel_ns", e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Thrown when a state file is not what {@link #write} writes. */
    public static final class BadStateException extends Exception {
        private static final long serialVersionUID = 1L;

        BadStateException(String message) {
            super(message);
        }
    }

    /** Reads what {@link #write} wrote. */
    public static XidCounter read(InputStream in) throws IOException, BadStateException {
        XidCounter c = new XidCounter();
        try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), in)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
            boolean schema = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "schema" -> {
                        expect(t == JsonToken.VALUE_STRING && SCHEMA.equals(p.getString()), "schema is not " + SCHEMA);
                        schema = true;
                    }
                    case "counts" -> {
                        expect(t == JsonToken.START_ARRAY, "counts is not an array");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            Map<String, String> o = fields(p);
                            c.counts.put(new XidKey(required(o, "gpu"), number(o, "code").intValue()), number(o, "count"));
                        }
                    }
                    case "last_counted" -> {
                        expect(t == JsonToken.START_ARRAY, "last_counted is not an array");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            Map<String, String> o = fields(p);
                            c.lastCounted.put(required(o, "boot"), number(o, "kernel_ns"));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            expect(schema, "no schema");
        } catch (JacksonException e) {
            throw new BadStateException("not valid JSON: " + e.getOriginalMessage());
        }
        return c;
    }

    private static Map<String, String> fields(JsonParser p) throws BadStateException {
        Map<String, String> o = new HashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            expect(t.isScalarValue(), name + " is not a value");
            o.put(name, p.getString());
        }
        return o;
    }

    private static String required(Map<String, String> o, String name) throws BadStateException {
        String v = o.get(name);
        expect(v != null, "an entry has no " + name);
        return v;
    }

    private static Long number(Map<String, String> o, String name) throws BadStateException {
        try {
            long v = Long.parseLong(required(o, name));
            expect(v >= 0 || name.equals("kernel_ns"), name + " is negative");
            return v;
        } catch (NumberFormatException e) {
            throw new BadStateException(name + " is not a whole number: " + o.get(name));
        }
    }

    private static void expect(boolean ok, String message) throws BadStateException {
        if (!ok) {
            throw new BadStateException(message);
        }
    }
}
