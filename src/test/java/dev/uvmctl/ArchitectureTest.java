package dev.uvmctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules of docs/architecture.md that a reviewer would otherwise have to check by eye. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/uvmctl");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
    }

    @Test
    void onlyMainTouchesTheStandardStreams() throws IOException {
        for (Path p : sources()) {
            if (p.getFileName().toString().equals("Main.java") && p.getParent().equals(MAIN)) {
                continue;
            }
            String code = Files.readString(p);
            assertThat(code).as(p.toString()).doesNotContain("System.out").doesNotContain("System.err").doesNotContain("System.in");
        }
    }

    @Test
    void noCatchAllExceptionHandlersOutsideTheCommandLineFactory() throws IOException {
        for (Path p : sources()) {
            if (p.getFileName().toString().equals("CommandLineFactory.java")) {
                continue;
            }
            String code = Files.readString(p);
            assertThat(code).as(p.toString()).doesNotContainPattern("catch \\((final )?(Exception|Throwable|RuntimeException) ");
        }
    }

    @Test
    void liveReadsGoThroughTheSystemRoot() throws IOException {
        for (Path p : sources()) {
            if (p.getFileName().toString().equals("Terminals.java")) {
                continue; // uvmctl's own /proc/self, not the inspected system
            }
            String code = Files.readString(p);
            assertThat(code).as(p.toString()).doesNotContainPattern("Path\\.of\\(\"/(proc|sys|etc|dev)");
        }
    }
}
