package dev.uvmctl.render;

import dev.uvmctl.shared.Sizes;
import dev.uvmctl.kernellog.BootStart;
import dev.uvmctl.kernellog.CallTrace;
import dev.uvmctl.kernellog.DmesgSummary;
import dev.uvmctl.kernellog.DriverError;
import dev.uvmctl.kernellog.DriverLoad;
import dev.uvmctl.kernellog.DriverMessage;
import dev.uvmctl.kernellog.DriverUnload;
import dev.uvmctl.kernellog.GpuFailure;
import dev.uvmctl.kernellog.GpuLostRecord;
import dev.uvmctl.kernellog.InputResult;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.kernellog.UvmPrint;
import dev.uvmctl.kernellog.XidRecord;
import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The table of {@code uvmctl dmesg}: one row per record (boot, time, GPU, kind, code, pid,
 * process, meaning), then the summary per GPU with bursts folded, then one line on standard
 * error about diagnostics. On a live stream rows are printed as they come, in fixed columns.
 */
final class DmesgTable implements DmesgRenderer {
    private static final List<TextTable.Column> COLUMNS = List.of(
        TextTable.Column.right("BOOT"), TextTable.Column.left("TIME"), TextTable.Column.left("GPU"),
        TextTable.Column.left("KIND"), TextTable.Column.left("CODE"), TextTable.Column.right("PID"),
        TextTable.Column.left("PROCESS"), TextTable.Column.flexible("MEANING"));
    private static final int[] STREAM_WIDTHS = {4, 15, 12, 14, 12, 7, 15};
    private static final int MAX_BURST_LINES = 20;

    private final PrintWriter out;
    private final PrintWriter notices;
    private final Style style;
    private final Style errStyle;
    private final int width;
    private final boolean streaming;
    private final List<Row> committed = new ArrayList<>();
    private final List<Row> pending = new ArrayList<>();
    private boolean headerPrinted;
    private Diagnostic firstDiagnostic;
    private long diagnostics;

    private record Row(String[] cells, Function<String, String> style) {
    }

    DmesgTable(PrintWriter out, PrintWriter notices, Style style, Style errStyle, int width, boolean streaming) {
        this.out = out;
        this.notices = notices;
        this.style = style;
        this.errStyle = errStyle;
        this.width = width;
        this.streaming = streaming;
    }

    @Override
    public void accept(KernelRecord r) {
        pending.add(new Row(cells(r), rowStyle(r)));
    }

    @Override
    public void commit() {
        if (streaming) {
            for (Row row : pending) {
                printStreamed(row);
            }
            out.flush();
        } else {
            committed.addAll(pending);
        }
        pending.clear();
    }

    @Override
    public void discard() {
        pending.clear();
    }

    @Override
    public void diagnostic(Diagnostic d) {
        if (firstDiagnostic == null) {
            firstDiagnostic = d;
        }
        diagnostics++;
    }

    @Override
    public void finish(DmesgSummary.Result summary, List<InputResult> inputs) {
        if (!streaming) {
            TextTable table = new TextTable(COLUMNS);
            for (Row row : committed) {
                table.add(row.style(), row.cells());
            }
            if (!table.isEmpty()) {
                table.print(out, width, style);
            }
        }
        if (summary.records() > 0) {
            out.println();
        }
        summaryLines(summary);
        out.flush();
        DiagnosticSummary.print(notices, firstDiagnostic, diagnostics, errStyle);
    }

    private void printStreamed(Row row) {
        if (!headerPrinted) {
            String[] header = new String[COLUMNS.size()];
            for (int i = 0; i < header.length; i++) {
                header[i] = COLUMNS.get(i).header();
            }
            out.println(style.bold(fixed(header)));
            headerPrinted = true;
        }
        String[] escaped = new String[row.cells().length];
        for (int i = 0; i < escaped.length; i++) {
            escaped[i] = TerminalText.escape(row.cells()[i]);
        }
        out.println(row.style().apply(fixed(escaped)));
    }

    private static String fixed(String[] cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            if (i < STREAM_WIDTHS.length) {
                int pad = Math.max(0, STREAM_WIDTHS[i] - c.length());
                b.append(COLUMNS.get(i).rightAligned() ? " ".repeat(pad) + c : c + " ".repeat(pad)).append("  ");
            } else {
                b.append(c);
            }
        }
        return b.toString().stripTrailing();
    }

    private static String[] cells(KernelRecord r) {
        return new String[] {
            Integer.toString(r.origin().boot()),
            time(r.origin().kernelMicros(), r.origin().wall()),
            r.gpu() == null ? "" : r.gpu().toString(),
            r.kind().label(),
            code(r),
            r.pid() == null ? "" : r.pid().toString(),
            r.process() == null ? "" : r.process(),
            RecordMeaning.of(r),
        };
    }

    private static String code(KernelRecord r) {
        if (r instanceof XidRecord x) {
            return Integer.toString(x.code());
        }
        if (r instanceof GpuFailure f) {
            return f.reason().label();
        }
        if (r instanceof DriverError e) {
            return e.reason();
        }
        if (r instanceof CallTrace t) {
            return t.traceKind().label();
        }
        if (r instanceof UvmPrint p) {
            return p.severity();
        }
        if (r instanceof DriverLoad d) {
            return d.module();
        }
        if (r instanceof DriverUnload d) {
            return d.module();
        }
        if (r instanceof DriverMessage m) {
            return m.module();
        }
        return r instanceof BootStart b ? b.reason() : "";
    }

    private Function<String, String> rowStyle(KernelRecord r) {
        if (r instanceof XidRecord || r instanceof GpuLostRecord || r instanceof GpuFailure) {
            return style::red;
        }
        if (r.needsAttention()) {
            return style::yellow;
        }
        return r instanceof BootStart ? style::cyan : Function.identity();
    }

    private static String time(Long micros, dev.uvmctl.kernellog.WallTime wall) {
        if (micros != null) {
            return LogTimes.seconds(micros);
        }
        return wall == null ? "" : wall.toString();
    }

    private static String time(DmesgSummary.Moment m) {
        String t = time(m.kernelMicros(), m.wall());
        return t.isEmpty() ? "an unknown time" : t;
    }

    private void summaryLines(DmesgSummary.Result s) {
        out.println(style.bold("Summary: " + s.records() + (s.records() == 1 ? " record, " : " records, ")
            + s.attention() + (s.attention() == 1 ? " needs" : " need") + " attention"));
        for (DmesgSummary.GpuStats gpu : s.gpus()) {
            out.println("GPU " + gpu.gpu() + (gpu.uuid() == null ? "" : " " + TerminalText.escape(gpu.uuid()))
                + ": " + gpu.attention() + (gpu.attention() == 1 ? " record needs" : " records need") + " attention");
            if (gpu.bursts().size() <= MAX_BURST_LINES && gpu.burstsOmitted() == 0) {
                for (DmesgSummary.Burst b : gpu.bursts()) {
                    out.println("  " + style.red("Xid " + b.code() + " " + name(gpu, b.code()) + style.glyph(Style.Glyph.TIMES) + b.count())
                        + who(b.pid(), b.process()) + when(b.first(), b.last()));
                }
            } else {
                for (DmesgSummary.XidCount x : gpu.xids()) {
                    out.println("  " + style.red("Xid " + x.code() + " " + name(gpu, x.code()) + style.glyph(Style.Glyph.TIMES) + x.count())
                        + " from " + x.pids().size() + (x.pids().size() == 1 ? " pid" : " pids") + when(x.first(), x.last()));
                }
                out.println("  (" + (gpu.bursts().size() + gpu.burstsOmitted()) + " bursts: -o json lists them)");
            }
        }
        for (DmesgSummary.Oom k : s.oomKills()) {
            String line = "OOM kill: " + TerminalText.escape(k.process() == null ? "process" : k.process())
                + (k.pid() == null ? "" : " (pid " + k.pid() + ")") + " at " + time(k.at())
                + (k.gpuProcess() ? ", a GPU process" : "");
            out.println(k.gpuProcess() ? style.yellow(line) : line);
        }
        if (s.leakedBytes() != null) {
            out.println(style.yellow("nvidia-uvm leak checker: " + Sizes.iec(s.leakedBytes()) + " not freed at unload"));
        }
    }

    private static String name(DmesgSummary.GpuStats gpu, int code) {
        for (DmesgSummary.XidCount x : gpu.xids()) {
            if (x.code() == code) {
                return x.name() == null ? "(unknown) " : "(" + x.name() + ") ";
            }
        }
        return "";
    }

    private static String who(Long pid, String process) {
        if (pid == null && process == null) {
            return " (pid unknown)";
        }
        return " from " + (pid == null ? "" : "pid " + pid) + (process == null ? "" : (pid == null ? "" : " ") + "(" + TerminalText.escape(process) + ")");
    }

    private static String when(DmesgSummary.Moment first, DmesgSummary.Moment last) {
        if (first.equals(last)) {
            return " at " + time(first);
        }
        String a = time(first);
        String b = time(last);
        if (first.boot() != last.boot()) {
            a += " (boot " + first.boot() + ")";
            b += " (boot " + last.boot() + ")";
        }
        return " between " + a + " and " + b;
    }

    @Override
    public void close() {
        pending.clear();
    }
}
