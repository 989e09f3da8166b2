package dev.uvmctl.ingest;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.FileLines;
import dev.uvmctl.source.InputFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Opens file inputs with the event source that reads them, chosen by content. */
public final class EventInputs {
    /** How much of an input is looked at to choose its format: the first line and what follows it, up to this. */
    static final int HEAD = 8192;

    private EventInputs() {
    }

    /**
     * Opens {@code file} with the first of {@code sources} that recognizes its first bytes; the
     * last of them reads it when none of the others does (the kernel log, which says once read
     * whether the input was one). An empty input goes there too, and says it is empty.
     */
    public static OpenedInput open(InputFile file, List<EventSource> sources, Consumer<Diagnostic> diagnostics) throws IOException {
        BufferedInputStream in = new BufferedInputStream(file.open(), 64 * 1024);
        String head = head(in);
        EventSource chosen = sources.get(sources.size() - 1);
        for (EventSource source : sources) {
            if (source.recognizes(head)) {
                chosen = source;
                break;
            }
        }
        return new OpenedInput(file.name(), chosen.format(), chosen.open(in, file.name(), diagnostics, FileLines.of(file)));
    }

    /**
     * Whether the complete lines after the first of {@code head} are mostly {@code record}s (at
     * least two, and more than half of those that are not {@code neutral}): how a source still
     * knows its input when the first line is damaged, rather than leaving it to the kernel log,
     * which would drop the rest. The head's last piece is left out: it may be cut short.
     */
    static boolean mostly(String head, Predicate<String> record, Predicate<String> neutral) {
        String[] lines = head.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        int complete = 0;
        int records = 0;
        for (int i = first + 1; i < lines.length - 1; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || neutral.test(line)) {
                continue;
            }
            complete++;
            records += record.test(line) ? 1 : 0;
        }
        return records >= 2 && records * 2 > complete;
    }

    /** Opens {@code file} with {@code source}, whatever its content looks like. */
    public static OpenedInput open(InputFile file, EventSource source, Consumer<Diagnostic> diagnostics) throws IOException {
        return new OpenedInput(file.name(), source.format(), source.open(file.open(), file.name(), diagnostics));
    }

    /**
     * The first line (or first {@link #HEAD} bytes), read without waiting for more than that, so
     * that a stream still being written can be recognized, then whatever more of the first
     * {@link #HEAD} bytes is there without waiting (all of it for a file); the stream is reset to
     * its start.
     */
    static String head(BufferedInputStream in) throws IOException {
        in.mark(HEAD);
        byte[] bytes = new byte[HEAD];
        int n = 0;
        boolean content = false;
        while (n < HEAD) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes[n++] = (byte) b;
            if (b == '\n' && content) {
                while (n < HEAD && in.available() > 0) {
                    int got = in.read(bytes, n, Math.min(HEAD - n, in.available()));
                    if (got <= 0) {
                        break;
                    }
                    n += got;
                }
                break;
            }
            content |= !Character.isWhitespace(b);
        }
        in.reset();
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
