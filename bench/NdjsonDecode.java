import dev.uvmctl.event.NdjsonEventReader;
import dev.uvmctl.source.LineReader;
import java.io.FileInputStream;

/**
 * The NDJSON decoder alone, without the model: reads FILE PASSES times in one JVM through
 * NdjsonEventReader (or, with "lines", through LineReader only) and prints each pass's time an
 * event; the last passes are the compiled steady state. From the repository root, after a build:
 *
 *   taskset -c 0 java -Xmx256m -XX:-TieredCompilation -cp target/uvmctl.jar bench/NdjsonDecode.java FILE [PASSES [lines]]
 */
public class NdjsonDecode {
    public static void main(String[] args) throws Exception {
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean linesOnly = args.length > 2 && args[2].equals("lines");
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            long n = 0;
            if (linesOnly) {
                try (LineReader r = new LineReader(new FileInputStream(args[0]))) {
                    for (LineReader.RawLine l = r.nextRaw(); l != null; l = r.nextRaw()) {
                        n++;
                    }
                }
            } else {
                try (NdjsonEventReader r = new NdjsonEventReader(new FileInputStream(args[0]), args[0], d -> { })) {
                    while (r.next() != null) {
                        n++;
                    }
                }
            }
            long t = System.nanoTime() - t0;
            System.out.printf("pass %d: %d %s, %.2f s, %.3f us each%n", pass, n, linesOnly ? "lines" : "events", t / 1e9, t / 1e3 / n);
        }
    }
}
