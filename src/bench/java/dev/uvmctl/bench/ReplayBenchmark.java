package dev.uvmctl.bench;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.ingest.NdjsonEventSource;
import dev.uvmctl.model.ReclaimModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay of events already decoded: a fresh {@link ReclaimModel} takes {@value #EVENTS} events
 * of a generated stream with about 100 000 live ranges over 1000 va_spaces (the first 200 000
 * events create them). The score is events per second. {@code burst} is how many operations in
 * a row hit one range (1: every event a random range; 8: runs of 1 to 8, as the driver's
 * per-va_block events come).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
public class ReplayBenchmark {
    static final int EVENTS = 2_000_000;

    @Param({"1", "8"})
    int burst;

    private Event[] events;

    @Setup(Level.Trial)
    public void decode() throws IOException {
        StringWriter text = new StringWriter();
        EventStreamGenerator.write(text, EVENTS, 100_000, 1000, 42, burst);
        List<Event> decoded = new ArrayList<>(EVENTS);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (EventReader r = new NdjsonEventSource().open(new ByteArrayInputStream(bytes), "bench.ndjson", d -> {
            throw new IllegalStateException("the generated stream has a broken line: " + d);
        })) {
            for (Event e = r.next(); e != null; e = r.next()) {
                decoded.add(e);
            }
        }
        events = decoded.toArray(new Event[0]);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public ReclaimModel replay() {
        ReclaimModel model = new ReclaimModel(d -> { }, 64L << 20);
        for (Event e : events) {
            model.apply(e);
        }
        return model;
    }
}
