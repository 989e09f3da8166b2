import dev.uvmctl.event.Event;
import dev.uvmctl.event.NdjsonEventReader;
import dev.uvmctl.model.ReclaimModel;
import java.io.FileInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The reclaim model's steady state, and the decoder's, in one JVM, by thread CPU time per pass; the last passes are
 * the compiled steady state, and the least of passes 2 on is printed last. Modes, each on the first LINES lines of
 * FILE: "model" decodes them once into memory and replays them on each pass into a new ReclaimModel; "walk" only
 * reads each kept event's kind and time (the floor of "model": the events' own cache misses); "decode" decodes them
 * on each pass, into nothing; "both" decodes them into a new ReclaimModel on each pass. From the repository root,
 * after a build:
 *
 *   taskset -c 1 java -Xmx2g -XX:-TieredCompilation -cp target/uvmctl.jar bench/NdjsonModel.java FILE model|walk|decode|both [PASSES [LINES]]
 */
public class NdjsonModel {
    public static void main(String[] args) throws Exception {
        String mode = args[1];
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long lines = args.length > 3 ? Long.parseLong(args[3]) : 300_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Event> events = mode.equals("model") || mode.equals("walk") ? new ArrayList<>() : null;
        if (events != null) {
            read(args[0], lines, events::add);
        }
        long best = Long.MAX_VALUE;
        long sink = 0;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = threads.getCurrentThreadCpuTime();
            ReclaimModel model = new ReclaimModel(d -> { }, 0);
            long n;
            switch (mode) {
                case "model" -> {
                    for (Event e : events) {
                        model.apply(e);
                    }
                    n = events.size();
                }
                case "walk" -> {
                    for (Event e : events) {
                        sink += e.kind().ordinal() + e.time().monoNanos();
                    }
                    n = events.size();
                }
                case "decode" -> n = read(args[0], lines, e -> { });
                case "both" -> n = read(args[0], lines, model::apply);
                default -> throw new IllegalArgumentException("mode: model, walk, decode or both");
            }
            model.finish();
            long t = threads.getCurrentThreadCpuTime() - t0;
            if (pass >= 2) {
                best = Math.min(best, t / n);
            }
            System.out.printf("pass %d: %d events, %.3f s, %d ns each%n", pass, n, t / 1e9, t / n);
        }
        System.out.printf("least of passes 2..: %d ns an event%s%n", best, sink == 42 ? " " : "");
    }

    /** Hands the events of FILE's first LINES lines to TO; how many. */
    private static long read(String file, long lines, java.util.function.Consumer<Event> to) throws Exception {
        long count = 0;
        try (NdjsonEventReader r = new NdjsonEventReader(new FileInputStream(file), file, d -> { })) {
            for (Event e = r.next(); e != null && count < lines; e = r.next()) {
                count++;
                to.accept(e);
            }
        }
        return count;
    }
}
