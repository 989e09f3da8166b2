package dev.uvmctl.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No file of the repository points to a document outside it: what a comment or a page relies
 * on is in the repository (docs/architecture.md, the docs pages) or is the driver source it cites
 * by file and release. Markdown links resolve to files of the repository.
 */
class NoOutsidePointersTest {
    private static final Path ROOT = Path.of("");
    private static final List<String> SKIP = List.of(".git", "target", "node_modules");
    /** Notes kept beside the repository while it was built; written split so that this file passes. */
    private static final Pattern OUTSIDE = Pattern.compile(String.join("|",
        "\\.\\./" + "shared", "shared/" + "reference", "shared/" + "device", "shared/" + "corpus", "driver-" + "facts", "DESIGN" + "\\.md", "uvm-" + "kprobes\\.md",
        "style-" + "anchors", "peers" + "\\.md", "startup" + "\\.md", "/work" + "/"));
    private static final Pattern MD_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    private static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(Files::isRegularFile)
                .filter(p -> SKIP.stream().noneMatch(d -> p.startsWith(d)))
                .filter(p -> p.toString().matches(".*\\.(java|md|sh|xml|adoc|txt|yaml|yml|toml|bash|zsh|fish|service|timer|1|properties|py)$")
                    || p.getFileName().toString().equals("uvmctl") || p.startsWith(Path.of(".ci")))
                .toList();
        }
    }

    private static String read(Path p) throws IOException {
        try {
            return Files.readString(p);
        } catch (MalformedInputException e) {
            return "";
        }
    }

    @Test
    void noFilePointsToANoteOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path p : files()) {
            if (p.startsWith(Path.of("src/test/resources/corpus")) && !p.toString().endsWith(".md")) {
                continue; // real inputs users posted, kept byte for byte
            }
            String[] lines = read(p).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = OUTSIDE.matcher(lines[i]);
                if (m.find()) {
                    found.add(p + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void markdownLinksResolveInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path p : files()) {
            if (!p.toString().endsWith(".md")) {
                continue;
            }
            Matcher m = MD_LINK.matcher(read(p));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // a URL: https:, mailto:
                }
                Path resolved = (p.getParent() == null ? ROOT : p.getParent()).resolve(target).normalize();
                if (resolved.startsWith("..") || !Files.exists(resolved)) {
                    broken.add(p + ": " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }
}
