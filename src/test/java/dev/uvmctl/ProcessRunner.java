package dev.uvmctl;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program the way a user's shell would, with an environment the test sets
 * completely (nothing leaks in from the build's own environment unless asked), and keeps both
 * streams for assertions and failure messages.
 */
public final class ProcessRunner {
    private final Map<String, String> env = new HashMap<>();
    private Path directory = Path.of("").toAbsolutePath();
    private Path stdin;
    private Duration timeout = Duration.ofSeconds(120);

    public record Result(List<String> command, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** PATH and HOME of the build's own environment: enough to find the usual tools. */
    public static ProcessRunner withPathAndHome() {
        ProcessRunner r = new ProcessRunner();
        r.env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        r.env.put("HOME", System.getProperty("user.home"));
        return r;
    }

    public static ProcessRunner withEmptyEnvironment() {
        return new ProcessRunner();
    }

    /** True when {@code program} is an executable on the build's PATH. */
    public static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    public ProcessRunner env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    public ProcessRunner directory(Path dir) {
        this.directory = dir;
        return this;
    }

    public ProcessRunner stdin(Path file) {
        this.stdin = file;
        return this;
    }

    public ProcessRunner timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    public Result run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("uvmctl-test-out", ".txt");
        Path err = Files.createTempFile("uvmctl-test-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command)
                    + "\n--- stdout ---\n" + Files.readString(out) + "--- stderr ---\n" + Files.readString(err));
            }
            return new Result(List.of(command), p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
