import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.ftrace.FtraceLine;
import dev.uvmctl.ftrace.FtraceParser;
import dev.uvmctl.ingest.FtraceEventSource;
import dev.uvmctl.model.ReclaimModel;
import dev.uvmctl.source.LineReader;
import java.io.FileInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Where a saved trace's time goes, stage by stage, in one JVM: PHASE is "lines" (LineReader
 * alone), "parse" (and FtraceParser, every field split), "numbers" (and the nine fields of each
 * uvm_migrate line read as numbers), "events" (FtraceEventSource's events, from the file as a
 * stream, so each keeps its text) or "model" (and each event applied to a ReclaimModel). Reads FILE
 * PASSES times and prints the least thread CPU time of the passes after the third, per line for the
 * first three phases, per event for the last two; the difference of two phases is the cost of a
 * stage. From the repository root, after a build:
 *
 *   taskset -c 0 java -Xmx256m -XX:+UseSerialGC -cp target/uvmctl.jar bench/TracePhases.java FILE PHASE [PASSES]
 */
public class TracePhases {
    private static final String[] MIGRATION = {"pev", "ev", "block", "dst", "src", "addr", "bytes", "mode", "cause"};
    private static long sink;

    public static void main(String[] args) throws Exception {
        String file = args[0];
        String phase = args[1];
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        byte[][] names = new byte[MIGRATION.length][];
        for (int i = 0; i < names.length; i++) {
            names[i] = FtraceLine.name(MIGRATION[i]);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = threads.getCurrentThreadCpuTime();
            long n = 0;
            if (phase.equals("events") || phase.equals("model")) {
                ReclaimModel model = new ReclaimModel(d -> { }, 0);
                boolean apply = phase.equals("model");
                try (EventReader r = new FtraceEventSource().open(new FileInputStream(file), file, d -> { })) {
                    for (Event e = r.next(); e != null; e = r.next()) {
                        n++;
                        if (apply) {
                            model.apply(e);
                        }
                    }
                }
            } else {
                FtraceParser parser = new FtraceParser();
                try (LineReader r = new LineReader(new FileInputStream(file))) {
                    for (LineReader.RawLine l = r.nextRaw(); l != null; l = r.nextRaw()) {
                        n++;
                        if (phase.equals("lines")) {
                            sink += l.length();
                            continue;
                        }
                        FtraceLine f = parser.parse(l.bytes(), l.length(), l.number());
                        sink += f.fieldCount();
                        if (phase.equals("numbers") && "uvm_migrate".equals(f.event())) {
                            for (byte[] name : names) {
                                sink += f.number(name);
                            }
                        }
                    }
                }
            }
            double us = (threads.getCurrentThreadCpuTime() - t0) / 1e3 / n;
            if (pass >= 3) {
                best = Math.min(best, us);
            }
            System.out.printf("pass %d: %d %s, %.3f us each%n", pass, n, phase.equals("events") || phase.equals("model") ? "events" : "lines", us);
        }
        System.out.printf("%s: best of passes 3 to %d: %.3f us each (%d)%n", phase, passes - 1, best, sink & 1);
    }
}
