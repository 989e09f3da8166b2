import dev.uvmctl.event.Event;
import dev.uvmctl.event.NdjsonEventReader;
import dev.uvmctl.model.ReclaimModel;
import java.io.FileInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The reclaim model's steady state, and the decoder into the model, in one JVM. Mode "model" decodes the first
 * LINES lines of FILE once into memory and replays them PASSES times, each into a new ReclaimModel; mode "both"
 * decodes FILE's first LINES lines into a new ReclaimModel on each pass. Prints each pass's thread CPU time an
 * event; the last passes are the compiled steady state. Mode "walk" only reads each kept event's kind and time: the
 * floor of mode "model" (the events' own cache misses). From the repository root, after a build:
 *
 *   taskset -c 1 java -Xmx2g -XX:-TieredCompilation -cp target/uvmctl.jar bench/NdjsonModel.java FILE model|walk|both [PASSES [LINES]]
 */
public class NdjsonModel {
    public static void main(String[] args) throws Exception {
        boolean walkOnly = args[1].equals("walk");
        boolean modelOnly = walkOnly || args[1].equals("model");
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long lines = args.length > 3 ? Long.parseLong(args[3]) : 300_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Event> events = modelOnly ? read(args[0], lines, null, new long[1]) : null;
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = threads.getCurrentThreadCpuTime();
            ReclaimModel model = new ReclaimModel(d -> { }, 0);
            long n;
            if (modelOnly) {
                long kinds = 0;
                for (Event e : events) {
                    if (walkOnly) {
                        kinds += e.kind().ordinal() + e.time().monoNanos();
                    } else {
                        model.apply(e);
                    }
                }
                if (kinds == 42) {
                    System.out.println();
                }
                n = events.size();
            } else {
                long[] count = new long[1];
                read(args[0], lines, model, count);
                n = count[0];
            }
            model.finish();
            long t = threads.getCurrentThreadCpuTime() - t0;
            if (pass >= 2) {
                best = Math.min(best, t / n);
            }
            System.out.printf("pass %d: %d events, %.3f s, %d ns each%n", pass, n, t / 1e9, t / n);
        }
        System.out.printf("least of passes 2..: %d ns an event%n", best);
    }

    /** The events of FILE's first LINES lines: kept in a list, or applied to MODEL when given (then the list stays empty). */
    private static List<Event> read(String file, long lines, ReclaimModel model, long[] count) throws Exception {
        List<Event> out = new ArrayList<>();
        try (NdjsonEventReader r = new NdjsonEventReader(new FileInputStream(file), file, d -> { })) {
            for (Event e = r.next(); e != null && count[0] < lines; e = r.next()) {
                count[0]++;
                if (model == null) {
                    out.add(e);
                } else {
                    model.apply(e);
                }
            }
        }
        return out;
    }
}
