package dev.uvmctl.source;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs an external command (nvidia-smi, dmesg) of the live system. Injected, so that tests never
 * run a real one; the real runner gives up after a timeout, because a wedged GPU makes nvidia-smi
 * hang in the driver.
 */
public interface CommandRunner {
    /** What a command left: exit status (null when it timed out), standard output, standard error. */
    record Result(Integer exitCode, byte[] stdout, String stderr) {
        public boolean timedOut() {
            return exitCode == null;
        }
    }

    /** True when {@code program} is on the PATH. */
    boolean available(String program);

    Result run(List<String> command, Duration timeout) throws IOException;

    /** A runner that finds nothing: for system roots that are not the live system. */
    static CommandRunner none() {
        return new CommandRunner() {
            @Override
            public boolean available(String program) {
                return false;
            }

            @Override
            public Result run(List<String> command, Duration timeout) throws IOException {
                throw new IOException(command.get(0) + ": not run (not the live system)");
            }
        };
    }
}
