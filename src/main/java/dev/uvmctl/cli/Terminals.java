package dev.uvmctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds out whether uvmctl's own standard streams are terminals. This looks at uvmctl's own
 * process, not at the system being inspected, so it reads {@code /proc/self} directly: the link
 * of a file descriptor names {@code /dev/pts/N} or {@code /dev/ttyN} for a terminal. That costs
 * nothing, unlike {@code System.console()}, which is also null whenever standard input is piped.
 */
final class Terminals {
    private Terminals() {
    }

    static TerminalInfo detect(Map<String, String> env) {
        boolean out = isTerminal(1);
        boolean err = isTerminal(2);
        return new TerminalInfo(out, err, () -> width(env));
    }

    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static int width(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null && columns.matches("[0-9]{1,4}")) {
            return Integer.parseInt(columns);
        }
        return nativeWidth();
    }

    private static int nativeWidth() {
        try {
            org.fusesource.jansi.internal.CLibrary.WinSize size = new org.fusesource.jansi.internal.CLibrary.WinSize();
            int rc = org.fusesource.jansi.internal.CLibrary.ioctl(1, org.fusesource.jansi.internal.CLibrary.TIOCGWINSZ, size);
            return rc == 0 ? size.ws_col : 0;
        } catch (LinkageError e) {
            // No native library for this platform: behave as an unknown width.
            return 0;
        }
    }
}
