package dev.uvmctl.render;

import dev.uvmctl.kernellog.DmesgSummary;
import dev.uvmctl.kernellog.InputResult;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * One JSON document: {@code schema}, {@code records}, {@code diagnostics} (the first
 * {@value #MAX_DIAGNOSTICS}; {@code diagnosticsOmitted} counts the rest) and {@code summary}.
 * Records are written as they are committed, so the document streams.
 */
final class DmesgJson implements DmesgRenderer {
    static final int MAX_DIAGNOSTICS = 10_000;
    /** A record's own lines sit three levels deep in the document: indent them to match. */
    private static final String RECORD_INDENT = "\n    ";

    private final PrintWriter out;
    private final JsonGenerator doc;
    private final Spool spool = new Spool();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private long diagnosticCount;

    DmesgJson(PrintWriter out) {
        this.out = out;
        this.doc = JsonOutput.document(out);
        doc.writeStartObject();
        doc.writeStringProperty("schema", SCHEMA);
        doc.writeArrayPropertyStart("records");
    }

    @Override
    public void accept(KernelRecord r) {
        StringWriter one = new StringWriter();
        try (JsonGenerator record = JsonOutput.document(new PrintWriter(one))) {
            KernelRecordJson.write(record, r);
        }
        spool.write(one.toString().replace("\n", RECORD_INDENT));
        spool.write(Spool.END_OF_RECORD);
    }

    @Override
    public void commit() {
        spool.drainRecords(doc::writeRawValue);
        doc.flush();
    }

    @Override
    public void discard() {
        spool.clear();
    }

    @Override
    public void diagnostic(Diagnostic d) {
        diagnosticCount++;
        if (diagnostics.size() < MAX_DIAGNOSTICS) {
            diagnostics.add(d);
        }
    }

    @Override
    public void finish(DmesgSummary.Result summary, List<InputResult> inputs) {
        doc.writeEndArray();
        doc.writeArrayPropertyStart("diagnostics");
        for (Diagnostic d : diagnostics) {
            doc.writeStartObject();
            doc.writeStringProperty("input", d.input());
            doc.writeNumberProperty("line", d.line());
            doc.writeStringProperty("message", d.message());
            doc.writeEndObject();
        }
        doc.writeEndArray();
        doc.writeNumberProperty("diagnostics_omitted", diagnosticCount - diagnostics.size());
        doc.writeObjectPropertyStart("summary");
        DmesgSummaryJson.fields(doc, summary, diagnosticCount, inputs);
        doc.writeEndObject();
        doc.writeEndObject();
        doc.flush();
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() {
        spool.close();
        doc.close();
    }
}
