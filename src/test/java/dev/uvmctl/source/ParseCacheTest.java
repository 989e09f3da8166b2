package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCacheTest {

    @Test
    void anUnchangedFileIsParsedOnceAndAChangedOneAgain(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("log");
        Files.writeString(f, "one\n");
        ParseCache cache = ParseCache.enabled();
        AtomicInteger parses = new AtomicInteger();
        ParseCache.Parser<String> parser = in -> {
            parses.incrementAndGet();
            try (var s = in.open()) {
                return new String(s.readAllBytes());
            }
        };
        InputFile input = InputFile.of(f.toString(), tmp, null);
        assertThat(cache.get(input, "k", String.class, parser)).isEqualTo("one\n");
        assertThat(cache.get(input, "k", String.class, parser)).isEqualTo("one\n");
        assertThat(parses).hasValue(1);
        Files.writeString(f, "two lines\n");
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
        assertThat(cache.get(input, "k", String.class, parser)).isEqualTo("two lines\n");
        assertThat(parses).hasValue(2);
        assertThat(cache.get(input, "other-kind", String.class, parser)).isEqualTo("two lines\n");
        assertThat(parses).hasValue(3);
    }

    @Test
    void stdinAndADisabledCacheAlwaysParse(@TempDir Path tmp) throws IOException {
        AtomicInteger parses = new AtomicInteger();
        ParseCache.Parser<Integer> parser = in -> parses.incrementAndGet();
        InputFile stdin = InputFile.of("-", tmp, new ByteArrayInputStream(new byte[0]));
        ParseCache cache = ParseCache.enabled();
        cache.get(stdin, "k", Integer.class, parser);
        cache.get(stdin, "k", Integer.class, parser);
        Path f = Files.writeString(tmp.resolve("f"), "x");
        ParseCache off = ParseCache.disabled();
        off.get(InputFile.of(f.toString(), tmp, null), "k", Integer.class, parser);
        off.get(InputFile.of(f.toString(), tmp, null), "k", Integer.class, parser);
        assertThat(parses).hasValue(4);
        assertThat(cache.size()).isZero();
    }
}
