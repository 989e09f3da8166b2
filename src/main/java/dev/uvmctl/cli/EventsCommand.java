package dev.uvmctl.cli;

import dev.uvmctl.shared.DiagnosticLog;
import dev.uvmctl.event.EventEncoder;
import dev.uvmctl.ingest.EventMerger;
import dev.uvmctl.ingest.Replay;
import dev.uvmctl.event.EventSchema;
import dev.uvmctl.render.DiagnosticSummary;
import dev.uvmctl.render.EventsTable;
import dev.uvmctl.render.JsonOutput;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JsonGenerator;

/** {@code uvmctl events}: the events of any inputs as one normalized stream, in replay order. */
@Command(name = "events",
    mixinStandardHelpOptions = true,
    header = "The inputs as one normalized event stream, in the order leaks replays it.",
    description = {
        "Print the events of the inputs as one normalized stream, in the order uvmctl leaks replays them (by boot, then kernel time), "
            + "each at the time it is replayed at. -o ndjson writes the documented event NDJSON (docs/events.md), which uvmctl leaks "
            + "--events reads back exactly.",
        "Inputs are as for uvmctl leaks."},
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
        "  uvmctl events -o ndjson node.tar.gz > events.ndjson",
        "  uvmctl events /var/log/kern.log",
        "  uvmctl events examples/leaks-pinned/events.ndjson",
    })
public final class EventsCommand implements Callable<Integer> {
    @ParentCommand
    UvmctlCommand top;

    @Mixin
    EventInputOptions in;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        CliContext context = top.context();
        PrintWriter out = context.out();
        DiagnosticLog log = new DiagnosticLog();
        List<String> unreadable = new ArrayList<>();
        output.print(() -> table(context, log, unreadable), () -> json(context, log, unreadable),
            () -> ndjson(context, log, unreadable));
        out.flush();
        for (String problem : unreadable) {
            context.err().println("uvmctl: " + problem);
        }
        context.err().flush();
        return unreadable.isEmpty() ? ExitCode.OK : ExitCode.INCOMPLETE;
    }

    /** The table, then a summary of the diagnostics on the notices stream. */
    private void table(CliContext context, DiagnosticLog log, List<String> unreadable) {
        PrintWriter out = context.out();
        EventsTable table = new EventsTable(out, context.outStyle(), context.terminal().columns());
        // The time JSON gives (placedTime): an event that told none (a summed loss) shows none, not its neighbour's.
        replay(context, log, unreadable, merger -> table.add(merger.event(), merger.boot(), merger.placedTime().monoNanos()));
        table.finish();
        DiagnosticSummary.print(context.notices(), log.kept(), log.total(), context.errStyle());
    }

    /** One JSON document: the schema, the events, the kept diagnostics. */
    private void json(CliContext context, DiagnosticLog log, List<String> unreadable) {
        PrintWriter out = context.out();
        try (JsonGenerator g = JsonOutput.document(out)) {
            g.writeStartObject();
            g.writeStringProperty("schema", EventSchema.ID);
            g.writeName("events");
            g.writeStartArray();
            replay(context, log, unreadable, merger -> EventEncoder.write(g, merger.event(), merger.placedTime()));
            g.writeEndArray();
            g.writeName("diagnostics");
            g.writeStartArray();
            for (Diagnostic d : log.kept()) {
                EventEncoder.writeDiagnostic(g, d);
            }
            g.writeEndArray();
            g.writeNumberProperty("diagnostics_omitted", log.omitted());
            g.writeEndObject();
        }
        out.println();
    }

    /** The documented event NDJSON (docs/events.md), which leaks --events reads back exactly. */
    private void ndjson(CliContext context, DiagnosticLog log, List<String> unreadable) {
        PrintWriter out = context.out();
        try (JsonGenerator g = JsonOutput.records(out)) {
            EventEncoder.writeHeader(g);
            JsonOutput.endRecord(g, out);
            // Readers run one record ahead of the replay, so a diagnostic found while
            // reading is written after the event before it: the stream read back then
            // passes it through at the same place, and the output is a fixed point.
            List<Diagnostic> pending = new ArrayList<>();
            Runnable flush = () -> {
                for (Diagnostic d : pending) {
                    EventEncoder.writeDiagnostic(g, d);
                    JsonOutput.endRecord(g, out);
                }
                pending.clear();
            };
            Consumer<Diagnostic> sink = d -> {
                log.accept(d);
                pending.add(d);
                if (pending.size() >= DiagnosticLog.KEPT) {
                    flush.run();
                }
            };
            replay(context, sink, unreadable, merger -> {
                EventEncoder.write(g, merger.event(), merger.placedTime());
                JsonOutput.endRecord(g, out);
                flush.run();
            });
            flush.run();
        }
    }

    private void replay(CliContext context, Consumer<Diagnostic> diagnostics, List<String> unreadable, Consumer<EventMerger> each) {
        Inputs opened = in.open(context, ToleranceOption.defaultBytes(), diagnostics);
        opened.unreadable().forEach(u -> unreadable.add(TerminalText.escape(u.input()) + ": " + TerminalText.escape(u.message())));
        Replay.Result replay = Replay.run(opened.opened(), diagnostics, each);
        replay.failures().forEach(f -> unreadable.add(TerminalText.escape(f.input()) + ": " + TerminalText.escape(f.message())));
        opened.incomplete().forEach(u -> unreadable.add(TerminalText.escape(u.input()) + ": " + TerminalText.escape(u.message())));
        // As leaks says it (LeaksCommand.exitCode): empty evidence is exit 3, whatever the output's form.
        if (unreadable.isEmpty() && replay.events() == 0) {
            unreadable.add("the inputs hold no events" + opened.noEvents());
        }
    }
}
