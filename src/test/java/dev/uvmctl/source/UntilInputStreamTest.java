package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
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
        stop.set(true);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(b, 0, 2)).isEqualTo(-1);
        assertThat(in.available()).isZero();
    }
}
