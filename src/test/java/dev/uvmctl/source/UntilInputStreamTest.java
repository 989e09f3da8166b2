package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UntilInputStreamTest {

    @Test
    void endsAsSoonAsItIsToldAndNotBefore() throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        UntilInputStream in = new UntilInputStream(new ByteArrayInputStream("abcdef".getBytes()), stop::get);
        byte[] b = new byte[2];
        assertThat(in.read()).isEqualTo('a');
        assertThat(in.read(b, 0, 2)).isEqualTo(2);
        assertThat(in.available()).isEqualTo(3);
        assertThat(in.stopped()).isFalse();
        stop.set(true);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(b, 0, 2)).isEqualTo(-1);
        assertThat(in.available()).isZero();
        assertThat(in.stopped()).isTrue();
    }

    @Test
    void anInputThatEndsByItselfWasNotStopped() throws IOException {
        UntilInputStream in = new UntilInputStream(new ByteArrayInputStream("ab".getBytes()), () -> false);
        assertThat(in.readAllBytes()).hasSize(2);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.stopped()).isFalse();
    }

    @Test
    void anInnerInputEndedByTheSameStopCountsAsStopped() throws IOException {
        UntilInputStream inner = new UntilInputStream(new ByteArrayInputStream("abc".getBytes()), () -> true);
        // The reader leaves between the outer stream's check and the inner one's.
        AtomicInteger asked = new AtomicInteger();
        UntilInputStream outer = new UntilInputStream(inner, () -> asked.getAndIncrement() > 0);
        assertThat(outer.read()).isEqualTo(-1);
        assertThat(outer.stopped()).isTrue();
    }
}
