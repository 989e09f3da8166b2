package dev.uvmctl.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with an expected file under src/test/resources. Run the tests with
 * {@code -Duvmctl.golden.update=true} to rewrite the expected files after a deliberate change,
 * then review the diff before committing.
 */
public final class Golden {
    private static final Path RESOURCES = Path.of("src/test/resources");

    private Golden() {
    }

    public static void assertMatches(String actual, String expectedFile) {
        Path path = RESOURCES.resolve(expectedFile);
        try {
            if (Boolean.getBoolean("uvmctl.golden.update")) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, actual, StandardCharsets.UTF_8);
            }
            assertThat(path).as("expected output file (create it with -Duvmctl.golden.update=true)").exists();
            assertThat(actual).as("output differs from " + path).isEqualTo(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path resource(String relative) {
        return RESOURCES.resolve(relative).toAbsolutePath();
    }
}
