package dev.uvmctl.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * examples/oom-node copied into a directory, its OOM-killed process 5120 (whose va_space stayed)
 * run by a given user in a given memory cgroup, as the OOM killer's summary and kill lines of its
 * dmesg then say: a node where an ended job left GPU memory and no live process holds it.
 */
public final class OomKilledRoot {
    private static final Path EXAMPLE = Path.of("examples/oom-node");

    private OomKilledRoot() {
    }

    /** Copies into {@code dir}; {@code taskMemcg}: the victim's memory cgroup path ({@code task_memcg=}). */
    public static String copy(Path dir, int uid, String taskMemcg) throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            files.forEach(p -> {
                Path to = dir.resolve(EXAMPLE.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Path dmesg = dir.resolve("uvmctl/commands/dmesg.txt");
        String text = Files.readString(dmesg);
        String changed = text.replaceFirst("task_memcg=[^,]*,task=python3,pid=5120,uid=1000", "task_memcg=" + taskMemcg + ",task=python3,pid=5120,uid=" + uid)
            .replaceFirst("(Killed process 5120 \\(python3\\) .*) UID:1000 ", "$1 UID:" + uid + " ");
        assertThat(changed).contains("task_memcg=" + taskMemcg + ",").contains("UID:" + uid + " pgtables");
        Files.writeString(dmesg, changed);
        return dir.toString();
    }
}
