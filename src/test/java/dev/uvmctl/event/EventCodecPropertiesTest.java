package dev.uvmctl.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.source.Diagnostic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The NDJSON round trip is exact for any event: hostile text, full 64-bit addresses, missing times. */
class EventCodecPropertiesTest {

    @Provide
    Arbitrary<List<Event>> events() {
        // Lone surrogates cannot come out of an input (lines are decoded from UTF-8), so they are left out.
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(40);
        Arbitrary<String> boot = text.injectNull(0.3);
        Arbitrary<Long> nanos = Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.just(EventTime.UNKNOWN));
        Arbitrary<Long> wall = Arbitraries.oneOf(Arbitraries.longs().between(-1_000_000_000_000_000_000L, 4_000_000_000_000_000_000L),
            Arbitraries.just(EventTime.UNKNOWN));
        Arbitrary<EventTime> time = Combinators.combine(boot, nanos, wall).as(EventTime::new);
        Arbitrary<Provenance> source = Combinators.combine(text, Arbitraries.longs().between(0, Long.MAX_VALUE), text).as(Provenance::new);
        Arbitrary<Long> address = Arbitraries.longs();
        Arbitrary<Long> size = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<Integer> pid = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<String> processor = Arbitraries.of("cpu", "gpu0", "0000:3b:00.0", "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
        Arbitrary<Event> event = Arbitraries.oneOf(
            Combinators.combine(time, source, text, pid.injectNull(0.3), text.injectNull(0.3), Arbitraries.of(true, false))
                .as(VaSpaceCreated::new),
            Combinators.combine(time, source, text, text.injectNull(0.5), address, size, Arbitraries.of(RangeType.class),
                    Arbitraries.of(true, false))
                .as((t, s, v, id, a, n, type, seen) -> new RangeCreated(t, s, v, id, a, Long.compareUnsigned(a + n, a) >= 0 ? a + n : -1L, type,
                    seen)),
            Combinators.combine(time, source, text, address, size, processor, processor, text.injectNull(0.5)).as(Migrated::new),
            Combinators.combine(time, source, processor.filter(p -> !p.equals("cpu")), size, text.injectNull(0.3), address.injectNull(0.3),
                Arbitraries.of(EvictStatus.class), text.injectNull(0.5)).as(Evicted::new),
            Combinators.combine(time, source, pid, text.injectNull(0.3), Arbitraries.of(BlockReason.class), text.list().ofMaxSize(4))
                .as(TaskBlocked::new),
            Combinators.combine(time, source, pid, Arbitraries.of(ProcState.class), pid.injectNull(0.5), text.injectNull(0.5))
                .as(ProcessState::new));
        return event.list().ofMaxSize(20);
    }

    @Property(tries = 300)
    void whatIsWrittenReadsBackEqual(@ForAll("events") List<Event> events) throws IOException {
        List<Diagnostic> diagnostics = new ArrayList<>();
        String ndjson = EventCodecTest.encode(events, List.of());
        assertThat(EventCodecTest.decode(ndjson, diagnostics)).isEqualTo(events);
        assertThat(diagnostics).isEmpty();
    }
}
