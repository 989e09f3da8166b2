package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uvmctl.shared.Diagnostic;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordPipeTest {

    @Test
    void keepsTheOrderOfRecordsDiagnosticsCommitsAndDiscards() {
        List<String> seen = new ArrayList<>();
        RecordSink sink = new RecordSink() {
            @Override
            public void accept(KernelRecord r) {
                seen.add("record " + r.origin().line());
            }

            @Override
            public void commit() {
                seen.add("commit");
            }

            @Override
            public void discard() {
                seen.add("discard");
            }
        };
        Recorded log = Recorded.resource("corpus/xid/002-xid31-62-45-cascade-chia.txt");
        List<String> expected = new ArrayList<>();
        try (RecordPipe pipe = new RecordPipe(sink, d -> seen.add("diagnostic " + d.line()))) {
            for (int round = 0; round < 1000; round++) {
                for (KernelRecord r : log.records) {
                    pipe.accept(r);
                    expected.add("record " + r.origin().line());
                }
                pipe.diagnostic(Diagnostic.at("x", round, "why"));
                expected.add("diagnostic " + round);
                pipe.commit();
                expected.add("commit");
                pipe.discard();
                expected.add("discard");
            }
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aFailureOfTheSinkIsThrownByClose() {
        RecordSink failing = new RecordSink() {
            @Override
            public void accept(KernelRecord r) {
                throw new UncheckedIOException(new java.io.IOException("disk full"));
            }

            @Override
            public void commit() {
            }

            @Override
            public void discard() {
            }
        };
        KernelRecord r = Recorded.resource("corpus/xid/017-xid31-new-channel-format-595-open.txt").records.get(0);
        RecordPipe pipe = new RecordPipe(failing, d -> { });
        for (int i = 0; i < 10_000; i++) {
            pipe.accept(r);
        }
        assertThatThrownBy(pipe::close).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
    }
}
