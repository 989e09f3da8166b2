package dev.uvmctl.render;

import dev.uvmctl.kernellog.DmesgSummary;
import dev.uvmctl.kernellog.InputResult;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * One JSON object per line: a record (its {@code type} is the record kind), a
 * {@code diagnostic}, and last the {@code summary}. Lines are flushed one by one; records held
 * back for the boot selection wait in a {@link Spool}.
 */
final class DmesgNdjson implements DmesgRenderer {
    private final OutputWriter out;
    private final Spool spool = new Spool();
    /** Records go to the spool, as UTF-8, until committed; diagnostics and the summary straight out. */
    private final JsonGenerator held = JsonOutput.records(spool);
    private final JsonGenerator direct;
    private long diagnostics;

    DmesgNdjson(PrintWriter out) {
        this.out = OutputWriter.of(out);
        this.direct = JsonOutput.records(out);
    }

    @Override
    public void accept(KernelRecord record) {
        KernelRecordJson.write(held, record);
        held.flush();
        spool.write('\n');
    }

    @Override
    public void commit() {
        spool.drainTo(out);
        out.flush();
    }

    @Override
    public void discard() {
        spool.clear();
    }

    @Override
    public void diagnostic(Diagnostic d) {
        diagnostics++;
        direct.writeStartObject();
        direct.writeStringProperty("type", "diagnostic");
        direct.writeStringProperty("input", d.input());
        direct.writeNumberProperty("line", d.line());
        direct.writeStringProperty("message", d.message());
        direct.writeEndObject();
        JsonOutput.endRecord(direct, out);
    }

    @Override
    public void finish(DmesgSummary.Result summary, List<InputResult> inputs) {
        direct.writeStartObject();
        direct.writeStringProperty("type", "summary");
        direct.writeStringProperty("schema", SCHEMA);
        DmesgSummaryJson.fields(direct, summary, diagnostics, inputs);
        direct.writeEndObject();
        JsonOutput.endRecord(direct, out);
    }

    @Override
    public void close() {
        held.close();
        direct.close();
        spool.close();
    }
}
