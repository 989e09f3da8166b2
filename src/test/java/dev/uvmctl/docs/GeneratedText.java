package dev.uvmctl.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.Assertions;

/** Compares a committed generated file with a freshly generated one, byte for byte. */
final class GeneratedText {
    static final String REGENERATE = "regenerate with dev/regen-docs.sh (add -o to stay offline), then commit man/ and completions/";

    private GeneratedText() {
    }

    /** Fails, saying where the files first differ and how to fix that, unless they hold the same bytes. */
    static void assertSameBytes(Path committed, Path generated) throws IOException {
        if (!Files.exists(generated)) {
            Assertions.fail(generated + " was not generated: " + REGENERATE);
        }
        if (!Files.exists(committed)) {
            Assertions.fail(committed + " is missing: " + REGENERATE);
        }
        byte[] want = Files.readAllBytes(generated);
        byte[] have = Files.readAllBytes(committed);
        if (!Arrays.equals(want, have)) {
            Assertions.fail(difference(have, want, committed, generated));
        }
    }

    private static String difference(byte[] have, byte[] want, Path committed, Path generated) {
        List<String> wantLines = new String(want, StandardCharsets.UTF_8).lines().toList();
        List<String> haveLines = new String(have, StandardCharsets.UTF_8).lines().toList();
        int line = 0;
        while (line < wantLines.size() && line < haveLines.size() && wantLines.get(line).equals(haveLines.get(line))) {
            line++;
        }
        if (line == wantLines.size() && line == haveLines.size()) {
            return committed + " differs from " + generated + " only in line endings or the final newline: " + REGENERATE;
        }
        return committed + " is not what the build generates now (" + generated + "); first difference at line "
            + (line + 1) + ":\n  committed: " + lineOrEnd(haveLines, line) + "\n  generated: " + lineOrEnd(wantLines, line)
            + "\n" + REGENERATE;
    }

    private static String lineOrEnd(List<String> lines, int index) {
        return index < lines.size() ? lines.get(index) : "(end of file)";
    }
}
