package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected outputs kept as files under src/test/resources/dev/uvmctl/leaks/expected and compared
 * exactly. After a deliberate change, rerun with {@code -Duvmctl.golden=update} to rewrite them,
 * and review the diff like code.
 */
final class Golden {
    static final Path DIR = Path.of("src/test/resources/dev/uvmctl/leaks/expected");

    private Golden() {
    }

    static void check(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if ("update".equals(System.getProperty("uvmctl.golden"))) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("expected output %s (create it with -Duvmctl.golden=update)", file).exists();
        assertThat(actual).as("output compared with %s", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
