package dev.uvmctl.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Parsed inputs kept between commands of one interactive shell, so that a large log is parsed
 * once. An entry is keyed by the file, its size and modification time, and what was parsed
 * from it, so a file that changed is parsed again. Standard input is never cached. Outside the
 * shell the cache is disabled and every call parses.
 */
public final class ParseCache {
    /** Parses one input; may throw the input's own read error. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(InputFile input) throws IOException;
    }

    private record Key(Path file, long size, long modified, String kind) {
    }

    private final Map<Key, Object> entries;

    private ParseCache(Map<Key, Object> entries) {
        this.entries = entries;
    }

    public static ParseCache disabled() {
        return new ParseCache(null);
    }

    public static ParseCache enabled() {
        return new ParseCache(new HashMap<>());
    }

    /** The result of {@code parser} for {@code input}, from the cache when the file has not changed. */
    public <T> T get(InputFile input, String kind, Class<T> type, Parser<T> parser) throws IOException {
        if (entries == null || input.isStdin()) {
            return parser.parse(input);
        }
        Path real = input.path().toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        Key key = new Key(real, a.size(), a.lastModifiedTime().toMillis(), kind);
        Object cached = entries.get(key);
        if (cached != null) {
            return type.cast(cached);
        }
        T parsed = parser.parse(input);
        entries.put(key, parsed);
        return parsed;
    }

    public int size() {
        return entries == null ? 0 : entries.size();
    }
}
