package dev.uvmctl.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * The running kernel's log, read through the system root: {@code /dev/kmsg} (everything still
 * buffered), and on the live system, when that cannot be read, {@code journalctl -k -o json} and
 * then {@code dmesg -r}, whichever gives output. In a fixture root {@code ROOT/dev/kmsg} is a
 * plain file of kmsg records.
 */
public final class LiveKernelLog {
    public static final String KMSG = "/dev/kmsg";
    static final long FIRST_WAIT_MILLIS = 2000;
    static final long IDLE_MILLIS = 250;

    /** What to say when the log is closed to this user (kernel.dmesg_restrict, file modes). */
    public static final String ADVICE = "run uvmctl as root, or run 'journalctl -k -o json | uvmctl dmesg -' "
        + "as a member of the systemd-journal (or adm) group";

    /** Starts a command of the live system; tests give one that starts nothing. */
    public interface Commands {
        Process start(List<String> command) throws IOException;
    }

    /** The log that could be opened: its name for messages and records, and its bytes. */
    public record Source(String name, InputStream in) {
    }

    /** Nothing could be read; {@link #denied()} tells whether permissions were the reason. */
    public static final class Unavailable extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean denied;

        public Unavailable(String message, boolean denied) {
            super(message);
            this.denied = denied;
        }

        public boolean denied() {
            return denied;
        }
    }

    private LiveKernelLog() {
    }

    /** Commands started with ProcessBuilder, standard error discarded. */
    public static Commands processes() {
        return command -> new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    }

    /**
     * Opens the kernel log of {@code root}. {@code live} says the root is this machine's own
     * {@code /}: only then are commands run, since they read the running system, not the root.
     */
    public static Source open(SysRoot root, boolean live, Commands commands) throws Unavailable {
        String why;
        boolean denied;
        try {
            return kmsg(root);
        } catch (Unavailable e) {
            why = e.getMessage();
            denied = e.denied();
        }
        if (live) {
            for (List<String> command : List.of(List.of("journalctl", "-k", "-o", "json", "--no-pager", "-q"), List.of("dmesg", "-r"))) {
                Source s = run(commands, command);
                if (s != null) {
                    return s;
                }
                why += "; '" + String.join(" ", command) + "' gave nothing";
            }
        }
        throw new Unavailable("cannot read the kernel log: " + why + (denied ? " (kernel.dmesg_restrict?): " + ADVICE
            : live ? "" : ": give a log file, or a root that holds dev/kmsg"), denied);
    }

    /**
     * The root's {@code /dev/kmsg} (a plain file of kmsg records in a fixture root).
     *
     * @throws Unavailable when it cannot be opened, with why in a few words ({@code /dev/kmsg:
     *     permission denied})
     */
    public static Source kmsg(SysRoot root) throws Unavailable {
        String kmsg = root.display(KMSG);
        try {
            return new Source(kmsg, new IdleEndingInputStream(root.open(KMSG), "kmsg", FIRST_WAIT_MILLIS, IDLE_MILLIS));
        } catch (AccessDeniedException e) {
            throw new Unavailable(kmsg + ": permission denied", true);
        } catch (NoSuchFileException e) {
            throw new Unavailable(kmsg + ": no such file", false);
        } catch (FileSystemException e) {
            boolean denied = String.valueOf(e.getReason()).contains("not permitted");
            throw new Unavailable(kmsg + ": " + (denied ? "permission denied" : IoErrors.describe(e)), denied);
        } catch (IOException e) {
            throw new Unavailable(kmsg + ": " + IoErrors.describe(e), false);
        }
    }

    /** The command's output, or null when it cannot start or prints nothing. */
    private static Source run(Commands commands, List<String> command) {
        Process p;
        try {
            p = commands.start(command);
        } catch (IOException e) {
            return null;
        }
        try {
            PushbackInputStream in = new PushbackInputStream(p.getInputStream(), 1);
            int first = in.read();
            if (first < 0) {
                p.destroy();
                return null;
            }
            in.unread(first);
            return new Source(String.join(" ", command), new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    p.destroy();
                    super.close();
                }
            });
        } catch (IOException e) {
            p.destroy();
            return null;
        }
    }
}
