package dev.uvmctl.render;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.PrettyPrinter;

/**
 * The layout of every indented uvmctl document: two spaces a level, one object entry or array
 * value a line, {@code " : "} between a name and its value, {@code { }} and {@code [ ]} when
 * empty. It is what Jackson's DefaultPrettyPrinter writes with a line indenter for objects and
 * arrays; it is written out here because constructing that one bootstraps string concatenation
 * (invokedynamic) inside Jackson, about 10 ms of every start that prints a JSON document.
 * One instance per generator: it counts the nesting.
 */
final class IndentingPrettyPrinter implements PrettyPrinter {
    private static final String SPACES = " ".repeat(64);

    private int nesting;

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
        g.writeRaw(' ');
    }

    @Override
    public void writeStartObject(JsonGenerator g) {
        g.writeRaw('{');
        nesting++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) {
        newLine(g);
    }

    @Override
    public void writeObjectNameValueSeparator(JsonGenerator g) {
        g.writeRaw(" : ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) {
        g.writeRaw(',');
        newLine(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) {
        nesting--;
        end(g, entries);
        g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) {
        g.writeRaw('[');
        nesting++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
        newLine(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) {
        g.writeRaw(',');
        newLine(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) {
        nesting--;
        end(g, values);
        g.writeRaw(']');
    }

    private void end(JsonGenerator g, int entries) {
        if (entries > 0) {
            newLine(g);
        } else {
            g.writeRaw(' ');
        }
    }

    private void newLine(JsonGenerator g) {
        g.writeRaw('\n');
        for (int left = nesting * 2; left > 0; left -= SPACES.length()) {
            g.writeRaw(SPACES, 0, Math.min(left, SPACES.length()));
        }
    }
}
