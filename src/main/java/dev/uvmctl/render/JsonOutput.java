package dev.uvmctl.render;

import java.io.OutputStream;
import java.io.PrintWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Jackson's streaming generator set up the way every uvmctl renderer writes JSON: the
 * standard output stays open when the generator closes, documents are indented with two spaces,
 * NDJSON records are one line each.
 */
public final class JsonOutput {
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();

    /** Top-level values separated by nothing: NDJSON writes its own newline after each. */
    private static final ObjectWriteContext NO_SEPARATOR = new ObjectWriteContext.Base() {
        @Override
        public tools.jackson.core.SerializableString getRootValueSeparator(tools.jackson.core.SerializableString defaultSeparator) {
            return null;
        }
    };

    private JsonOutput() {
    }

    /** A generator for one indented JSON document. */
    public static JsonGenerator document(PrintWriter out) {
        return FACTORY.createGenerator(new PrettyContext(new IndentingPrettyPrinter()), out);
    }

    /** A generator for NDJSON: call {@link #endRecord} after each top-level object. */
    public static JsonGenerator records(PrintWriter out) {
        return FACTORY.createGenerator(NO_SEPARATOR, out);
    }

    /** A generator for NDJSON as UTF-8 bytes. */
    public static JsonGenerator records(OutputStream out) {
        return FACTORY.createGenerator(NO_SEPARATOR, out);
    }

    /** Ends one NDJSON record: newline and flush, so a reader downstream sees it at once. */
    public static void endRecord(JsonGenerator g, PrintWriter out) {
        g.flush();
        out.write('\n');
        out.flush();
    }

    /** Writes {@code value} or JSON null: a value no input told is null, never a made-up 0. */
    public static void numberOrNull(JsonGenerator g, String name, Long value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    public static void stringOrNull(JsonGenerator g, String name, String value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    public static void booleanOrNull(JsonGenerator g, String name, Boolean value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeBoolean(value);
        }
    }

    private static final class PrettyContext extends ObjectWriteContext.Base {
        private final PrettyPrinter pretty;

        PrettyContext(PrettyPrinter pretty) {
            this.pretty = pretty;
        }

        @Override
        public PrettyPrinter getPrettyPrinter() {
            return pretty;
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    }
}
