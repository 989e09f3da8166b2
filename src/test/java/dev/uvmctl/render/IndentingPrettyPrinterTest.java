package dev.uvmctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;

/** The documents' layout is Jackson's DefaultPrettyPrinter with line indenters, byte for byte. */
class IndentingPrettyPrinterTest {

    private static String write(PrettyPrinter pretty, Consumer<JsonGenerator> content) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonFactory.builder().build().createGenerator(new ObjectWriteContext.Base() {
            @Override
            public PrettyPrinter getPrettyPrinter() {
                return pretty;
            }
        }, new PrintWriter(text))) {
            content.accept(g);
        }
        return text.toString();
    }

    private static void assertSameAsJackson(Consumer<JsonGenerator> content) {
        DefaultPrettyPrinter jackson = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        String expected = write(jackson, content);
        assertThat(write(new IndentingPrettyPrinter(), content)).isEqualTo(expected).contains("\n");
    }

    @Test
    void nestedObjectsArraysEmptiesAndRawValues() {
        assertSameAsJackson(g -> {
            g.writeStartObject();
            g.writeStringProperty("schema", "x");
            g.writeArrayPropertyStart("empty");
            g.writeEndArray();
            g.writeObjectPropertyStart("none");
            g.writeEndObject();
            g.writeArrayPropertyStart("records");
            g.writeRawValue("{\"a\":1}");
            g.writeStartObject();
            g.writeNumberProperty("n", 1);
            g.writeArrayPropertyStart("list");
            g.writeString("a");
            g.writeNull();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @Test
    void deeperThanItsRunOfSpaces() {
        assertSameAsJackson(g -> {
            for (int i = 0; i < 40; i++) {
                g.writeStartArray();
            }
            g.writeNumber(7);
            for (int i = 0; i < 40; i++) {
                g.writeEndArray();
            }
        });
    }
}
