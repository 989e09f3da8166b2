package dev.uvmctl.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Writes a deterministic event NDJSON stream of a busy node for benchmarks: {@code vaSpaces}
 * processes, each with a va_space, keep about {@code liveRanges} 2 MiB managed ranges live
 * while ranges are migrated (60% of operations), populated (15%), evicted (15%, one in twenty
 * fails) and replaced by new ones (10%), and processes come and go (0.02%). A few processes end without their va_space being torn down, so
 * the stream has findings. Lines are compact, as a tracing script would write them.
 *
 * <p>Operations on ranges come in runs of 1 to {@code burst} on one range (uniformly), as the
 * driver's own events do: it migrates and evicts a va_block at a time, in chunks. A burst of 1
 * makes every event hit a random range, the worst case for the model's lookups.
 *
 * <p>Usage: {@code EventStreamGenerator EVENTS LIVE_RANGES VA_SPACES SEED BURST [FILE]} (stdout without FILE).
 */
public final class EventStreamGenerator {
    private static final long BLOCK = 2L << 20;
    private static final long CHUNK = 64 << 10;
    private static final String[] GPUS = {"0000:3b:00.0", "0000:5e:00.0", "0000:86:00.0", "0000:af:00.0"};

    private final Writer out;
    private final Random random;
    private final int vaSpaceCount;
    private final long[] slots;
    private final int[] pids;
        private final String[] vaSpaceNames;
    private final long[] generation;
    private int[] liveVaSpace;
    private long[] liveStart;
    /** Bytes of each live range on the CPU and on its GPU, so that the stream stays consistent. */
    private long[] liveCpu;
    private long[] liveGpu;
    private int live;
    private long written;
    private long micros = 1_000_000;
    private int nextPid = 10_000;
    private final int burst;
    private int current;
    private int left;

    private EventStreamGenerator(Writer out, long seed, int vaSpaces, int liveRanges, int burst) {
        this.out = out;
        this.burst = burst;
        this.random = new Random(seed);
        this.vaSpaceCount = vaSpaces;
        this.slots = new long[vaSpaces];
        this.pids = new int[vaSpaces];
        this.vaSpaceNames = new String[vaSpaces];
        this.generation = new long[vaSpaces];
        for (int v = 0; v < vaSpaces; v++) {
            vaSpaceNames[v] = "0xffff8a" + String.format("%010x", v * 0x1000L);
        }
        this.liveVaSpace = new int[liveRanges * 2];
        this.liveStart = new long[liveRanges * 2];
        this.liveCpu = new long[liveRanges * 2];
        this.liveGpu = new long[liveRanges * 2];
    }

    public static void main(String[] args) throws IOException {
        long events = Long.parseLong(args[0]);
        int liveRanges = Integer.parseInt(args[1]);
        int vaSpaces = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        int burst = Integer.parseInt(args[4]);
        try (Writer w = args.length > 5
            ? Files.newBufferedWriter(Path.of(args[5]), StandardCharsets.UTF_8)
            : new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
            write(w, events, liveRanges, vaSpaces, seed, burst);
        }
    }

    /** Writes {@code events} lines: the same arguments always give the same stream. */
    public static void write(Writer w, long events, int liveRanges, int vaSpaces, long seed, int burst) throws IOException {
        new EventStreamGenerator(w, seed, vaSpaces, liveRanges, burst).write(events, liveRanges);
    }

    /** The live range the next operation works on: the same one for the rest of a run. */
    private int pick() {
        if (left == 0 || current >= live) {
            current = random.nextInt(live);
            left = 1 + random.nextInt(burst);
        }
        left--;
        return current;
    }

    private void write(long events, int liveRanges) throws IOException {
        for (int v = 0; v < vaSpaceCount && written < events; v++) {
            start(v);
        }
        while (live < liveRanges && written < events) {
            create(random.nextInt(vaSpaceCount));
        }
        int leaks = 0;
        while (written < events) {
            int op = random.nextInt(10_000);
            if (op < 2 && events - written > 1000) {
                restart(random.nextInt(vaSpaceCount), leaks++ < 10);
            } else if (op < 6000) {
                migrate();
            } else if (op < 7500) {
                populate();
            } else if (op < 9000) {
                evict();
            } else {
                destroy();
                create(random.nextInt(vaSpaceCount));
            }
        }
    }

    private void start(int v) throws IOException {
        pids[v] = nextPid++;
        line("{\"type\":\"va_space_created\",\"time\":" + time() + ",\"va_space\":\"" + vaSpace(v) + "\",\"pid\":" + pids[v]
            + ",\"comm\":\"worker" + v + "\"}");
    }

    /**
     * The process ends; its va_space is torn down (ranges, then the va_space), or, for the first
     * few, left behind (leaked). A new process takes the slot with a new va_space and as many
     * ranges, so that the number of live ranges stays about the same.
     */
    private void restart(int v, boolean leak) throws IOException {
        int before = live;
        line("{\"type\":\"process_exited\",\"time\":" + time() + ",\"pid\":" + pids[v] + ",\"reason\":\""
            + (leak ? "oom_kill" : "exit") + "\"}");
        for (int i = live - 1; i >= 0; i--) {
            if (liveVaSpace[i] == v) {
                if (!leak) {
                    line("{\"type\":\"range_destroyed\",\"time\":" + time() + ",\"va_space\":\"" + vaSpace(v) + "\",\"start\":\""
                        + hex(liveStart[i]) + "\"}");
                }
                remove(i);
            }
        }
        if (!leak) {
            line("{\"type\":\"va_space_destroyed\",\"time\":" + time() + ",\"va_space\":\"" + vaSpace(v) + "\"}");
        }
        slots[v] += 1 << 20;
        vaSpaceNames[v] = "0xffff8a" + String.format("%010x", ++generation[v] * 0x1_0000_0000L + v * 0x1000L);
        start(v);
        while (live < before) {
            create(v);
        }
    }

    private void create(int v) throws IOException {
        long start = base(v) + slots[v]++ * BLOCK;
        line("{\"type\":\"range_created\",\"time\":" + time() + ",\"va_space\":\"" + vaSpace(v) + "\",\"start\":\"" + hex(start)
            + "\",\"end\":\"" + hex(start + BLOCK - 1) + "\",\"range_type\":\"managed\"}");
        if (live == liveVaSpace.length) {
            liveVaSpace = Arrays.copyOf(liveVaSpace, live * 2);
            liveStart = Arrays.copyOf(liveStart, live * 2);
            liveCpu = Arrays.copyOf(liveCpu, live * 2);
            liveGpu = Arrays.copyOf(liveGpu, live * 2);
        }
        liveVaSpace[live] = v;
        liveStart[live] = start;
        liveCpu[live] = 1 << 20;
        liveGpu[live] = 0;
        live++;
        line("{\"type\":\"populated\",\"time\":" + time() + ",\"va_space\":\"" + vaSpace(v) + "\",\"address\":\"" + hex(start)
            + "\",\"bytes\":1048576,\"processor\":\"cpu\"}");
    }

    private void destroy() throws IOException {
        if (live == 0) {
            return;
        }
        int i = random.nextInt(live);
        left = 0;
        line("{\"type\":\"range_destroyed\",\"time\":" + time() + ",\"va_space\":\"" + vaSpace(liveVaSpace[i]) + "\",\"start\":\""
            + hex(liveStart[i]) + "\"}");
        remove(i);
    }

    private void populate() throws IOException {
        if (live == 0) {
            return;
        }
        int i = pick();
        if (liveGpu[i] + CHUNK > BLOCK) {
            migrate();
            return;
        }
        liveGpu[i] += CHUNK;
        line("{\"type\":\"populated\",\"time\":" + time() + ",\"va_space\":\"" + vaSpace(liveVaSpace[i]) + "\",\"address\":\""
            + hex(liveStart[i] + (1 << 20)) + "\",\"bytes\":65536,\"processor\":\"" + gpu(liveVaSpace[i]) + "\"}");
    }

    private void migrate() throws IOException {
        if (live == 0) {
            return;
        }
        int i = pick();
        boolean toGpu = liveGpu[i] < CHUNK || (liveCpu[i] >= CHUNK && random.nextBoolean());
        if (toGpu && liveCpu[i] < CHUNK) {
            return;
        }
        liveCpu[i] += toGpu ? -CHUNK : CHUNK;
        liveGpu[i] += toGpu ? CHUNK : -CHUNK;
        String gpu = gpu(liveVaSpace[i]);
        line("{\"type\":\"migrated\",\"time\":" + time() + ",\"va_space\":\"" + vaSpace(liveVaSpace[i]) + "\",\"address\":\""
            + hex(liveStart[i] + 4096L * random.nextInt(512)) + "\",\"bytes\":65536,\"from\":\"" + (toGpu ? "cpu" : gpu)
            + "\",\"to\":\"" + (toGpu ? gpu : "cpu") + "\",\"cause\":\"" + (toGpu ? "prefetch" : "eviction") + "\"}");
    }

    private void evict() throws IOException {
        if (live == 0) {
            return;
        }
        int i = pick();
        boolean fail = random.nextInt(20) == 0;
        if (liveGpu[i] < CHUNK) {
            populate();
            return;
        }
        if (!fail) {
            liveGpu[i] -= CHUNK;
            liveCpu[i] += CHUNK;
        }
        line("{\"type\":\"evicted\",\"time\":" + time() + ",\"gpu\":\"" + gpu(liveVaSpace[i]) + "\",\"bytes\":65536,\"va_space\":\""
            + vaSpace(liveVaSpace[i]) + "\",\"address\":\"" + hex(liveStart[i]) + "\",\"status\":\"" + (fail ? "busy_retry" : "ok")
            + "\"}");
    }

    private void remove(int i) {
        live--;
        liveVaSpace[i] = liveVaSpace[live];
        liveStart[i] = liveStart[live];
        liveCpu[i] = liveCpu[live];
        liveGpu[i] = liveGpu[live];
    }

    private void line(String s) throws IOException {
        out.write(s);
        out.write('\n');
        written++;
    }

    private String time() {
        micros += 10;
        String fraction = Long.toString(micros % 1_000_000 + 1_000_000);
        return micros / 1_000_000 + "." + fraction.substring(1);
    }

    private String vaSpace(int v) {
        return vaSpaceNames[v];
    }

    private static long base(int v) {
        return 0x7f0000000000L + ((long) v << 36);
    }

    private static String gpu(int v) {
        return GPUS[v % GPUS.length];
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
