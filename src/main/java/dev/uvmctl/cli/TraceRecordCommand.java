package dev.uvmctl.cli;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventEncoder;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.ingest.FtraceEventSource;
import dev.uvmctl.render.DiagnosticSummary;
import dev.uvmctl.render.JsonOutput;
import dev.uvmctl.render.OutputFormat;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.render.TraceText;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.DiagnosticLog;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.tracefs.Tracefs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JsonGenerator;

/** {@code uvmctl trace record}: reads the probes' trace_pipe and writes the trace, or its events. */
@Command(name = "record",
    mixinStandardHelpOptions = true,
    header = "Record the probes' trace (or its events as NDJSON) for a while, then remove the probes.",
    description = {
        "Install the probes (or read those 'uvmctl trace start' left), read the instance's trace_pipe and write what it reports: "
            + "the trace as the kernel prints it, after '# uvmctl-trace:' lines that say the driver release, the boot, the trace "
            + "clock and which GPU each UVM id is, so that 'uvmctl leaks FILE' reads it later as it was recorded; with -o ndjson, "
            + "its events (docs/events.md).",
        "Runs until --duration has passed, Ctrl-C or SIGTERM, and removes the probes it installed on every one of them. A probe "
            + "whose first values fail the layout checks is removed at once and said. Needs root."},
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
        "  sudo uvmctl trace record --duration 10m --to uvm.trace",
        "  sudo uvmctl trace record -o ndjson | uvmctl leaks --events -",
    })
public final class TraceRecordCommand implements Callable<Integer> {
    @ParentCommand
    TraceCommand trace;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
        description = "Stop after D (90s, 10m, 2h); without it, at Ctrl-C or SIGTERM.")
    Duration duration;

    @Option(names = "--to", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path to;

    @Option(names = "--buffer-kb", paramLabel = "KB", defaultValue = "" + Tracefs.DEFAULT_BUFFER_KB,
        description = "The instance's ring buffer per CPU, in KiB (default: ${DEFAULT-VALUE}).")
    int bufferKb;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        CliContext c = trace.context();
        if (output.format() == OutputFormat.json) {
            throw UvmctlException.usage("-o json: a recording is written as it comes; use -o ndjson for its events, or the trace itself");
        }
        DiagnosticLog diagnostics = new DiagnosticLog();
        try (LiveTrace live = LiveTrace.open(c, "record", bufferKb, duration);
             Writer target = to == null ? null : Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            TraceText.setup(c.notices(), live.setup());
            PrintWriter out = target == null ? c.out() : new PrintWriter(target);
            if (output.format() == OutputFormat.ndjson) {
                events(live, out, diagnostics);
            } else {
                text(live, out, diagnostics);
            }
            out.flush();
        } catch (IOException e) {
            throw UvmctlException.incomplete((to == null ? "the trace" : to.toString()) + ": " + IoErrors.describe(e), e);
        }
        DiagnosticSummary.print(c.notices(), diagnostics.kept(), diagnostics.total(), c.errStyle());
        return ExitCode.OK;
    }

    /** The trace as it comes, line for line; read as events on the way, so that a probe at the wrong offsets is removed. */
    private static void text(LiveTrace live, PrintWriter out, Consumer<Diagnostic> diagnostics) throws IOException {
        InputStream tee = new LineTee(live.input(), line -> {
            out.println(line);
            out.flush();
        });
        try (EventReader r = new FtraceEventSource(live.listener()).open(tee, live.name(), diagnostics)) {
            while (r.next() != null) {
                // the lines are the output; the events only check them
            }
        }
    }

    private static void events(LiveTrace live, PrintWriter out, Consumer<Diagnostic> diagnostics) throws IOException {
        try (JsonGenerator g = JsonOutput.records(out);
             EventReader r = new FtraceEventSource(live.listener()).open(live.input(), live.name(), d -> {
                 diagnostics.accept(d);
                 EventEncoder.writeDiagnostic(g, d);
                 JsonOutput.endRecord(g, out);
             })) {
            EventEncoder.writeHeader(g);
            JsonOutput.endRecord(g, out);
            for (Event e = r.next(); e != null; e = r.next()) {
                EventEncoder.write(g, e, e.time());
                JsonOutput.endRecord(g, out);
            }
        }
    }

    /** Hands each complete line read through it to {@code lines}. */
    static final class LineTee extends ChunkFilterInputStream {
        private final Consumer<String> lines;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineTee(InputStream in, Consumer<String> lines) {
            super(in);
            this.lines = lines;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                if (pending.size() > 0) {
                    lines.accept(pending.toString(StandardCharsets.UTF_8));
                    pending.reset();
                }
                return n;
            }
            int start = off;
            for (int i = off; i < off + n; i++) {
                if (b[i] == '\n') {
                    pending.write(b, start, i - start);
                    lines.accept(pending.toString(StandardCharsets.UTF_8));
                    pending.reset();
                    start = i + 1;
                }
            }
            pending.write(b, start, off + n - start);
            return n;
        }
    }
}
