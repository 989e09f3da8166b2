package dev.uvmctl.deploy;

import dev.uvmctl.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** uvmctl as a program on the PATH would be: the classes under test, run by this JVM's java. */
final class Uvmctl {
    private Uvmctl() {
    }

    /** A script that runs uvmctl, written into {@code dir}. */
    static Path script(Path dir) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path s = dir.resolve("uvmctl");
        Files.writeString(s, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
            + System.getProperty("java.class.path") + "' dev.uvmctl.Main \"$@\"\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    static ProcessRunner.Result run(String... args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("uvmctl-bin");
        try {
            String[] command = new String[args.length + 1];
            command[0] = script(dir).toString();
            System.arraycopy(args, 0, command, 1, args.length);
            return ProcessRunner.withPathAndHome().run(command);
        } finally {
            Files.deleteIfExists(dir.resolve("uvmctl"));
            Files.deleteIfExists(dir);
        }
    }

    /** What a metrics run printed. */
    static String metrics(String... args) throws IOException, InterruptedException {
        return run(args).out();
    }
}
