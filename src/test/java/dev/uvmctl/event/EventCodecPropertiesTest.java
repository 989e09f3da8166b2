package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NDJSON round trip is exact for any event: hostile text, full 64-bit addresses, missing
 * times. Events are random from a seed; a failure names its seed, which reproduces it.
 */
class EventCodecPropertiesTest {
    private static final String[] PROCESSORS = {"cpu", "gpu0", "0000:3b:00.0", "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"};

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void whatIsWrittenReadsBackEqual(long seed) throws IOException {
        Random r = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int i = r.nextInt(21); i > 0; i--) {
            events.add(event(r));
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        String ndjson = EventCodecTest.encode(events, List.of());
        assertThat(EventCodecTest.decode(ndjson, diagnostics)).isEqualTo(events);
        assertThat(diagnostics).isEmpty();
    }

    private static Event event(Random r) {
        EventTime t = new EventTime(r.nextInt(3) == 0 ? null : text(r),
            r.nextInt(4) == 0 ? EventTime.UNKNOWN : r.nextLong() & Long.MAX_VALUE,
            r.nextInt(2) == 0 ? EventTime.UNKNOWN : r.nextLong() % 4_000_000_000_000_000_000L);
        Provenance s = new Provenance(text(r), r.nextLong() & Long.MAX_VALUE, text(r));
        long address = r.nextLong();
        long size = r.nextLong() & Long.MAX_VALUE;
        switch (r.nextInt(6)) {
            case 0:
                return new VaSpaceCreated(t, s, text(r), r.nextBoolean() ? null : r.nextInt(Integer.MAX_VALUE), orNull(r, text(r)),
                    r.nextBoolean(), r.nextBoolean(), orNull(r, text(r)));
            case 1:
                long end = Long.compareUnsigned(address + size, address) >= 0 ? address + size : -1L;
                return new RangeCreated(t, s, text(r), orNull(r, text(r)), address, end, pick(r, RangeType.values()), r.nextBoolean());
            case 2:
                return new Migrated(t, s, text(r), address, size, pick(r, PROCESSORS), pick(r, PROCESSORS), orNull(r, text(r)),
                    pick(r, TransferMode.values()));
            case 3:
                return new Evicted(t, s, PROCESSORS[1 + r.nextInt(3)], size, orNull(r, text(r)), r.nextBoolean() ? null : address,
                    pick(r, EvictStatus.values()), orNull(r, text(r)));
            case 4:
                List<String> frames = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    frames.add(text(r));
                }
                return new TaskBlocked(t, s, r.nextInt(Integer.MAX_VALUE), orNull(r, text(r)), pick(r, BlockReason.values()), frames,
                    r.nextBoolean() ? null : r.nextInt(Integer.MAX_VALUE), orNull(r, text(r)));
            default:
                return new ProcessState(t, s, r.nextInt(Integer.MAX_VALUE), pick(r, ProcState.values()),
                    r.nextBoolean() ? null : r.nextInt(Integer.MAX_VALUE), orNull(r, text(r)),
                    ProcessIdentity.of(r.nextBoolean() ? null : r.nextInt(), orNull(r, text(r))));
        }
    }

    /** Any text an input can hold: control characters, quotes, non-ASCII; no lone surrogates (lines are decoded from UTF-8). */
    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(41); i > 0; i--) {
            int c = r.nextInt(4) == 0 ? r.nextInt(0x80) : r.nextInt(0xf800);
            b.append((char) (c >= 0xd800 ? c + 0x800 : c));
        }
        return b.toString();
    }

    private static String orNull(Random r, String s) {
        return r.nextBoolean() ? null : s;
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
