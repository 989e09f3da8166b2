package dev.uvmctl.cli;

import java.util.function.IntSupplier;

/**
 * What uvmctl knows about where its output goes: whether each stream is a terminal, and the
 * terminal's width (0 when not a terminal). Width is asked for lazily because it needs
 * a native call that a piped run should not pay for.
 */
public final class TerminalInfo {
    /** The width taken for a terminal that reports none, as terminals have by default. */
    public static final int DEFAULT_COLUMNS = 80;
    /** The height taken for a terminal that reports none. */
    public static final int DEFAULT_ROWS = 24;

    private final boolean stdoutTerminal;
    private final boolean stderrTerminal;
    private final IntSupplier columns;
    private int cachedColumns = -1;

    public TerminalInfo(boolean stdoutTerminal, boolean stderrTerminal, IntSupplier columns) {
        this.stdoutTerminal = stdoutTerminal;
        this.stderrTerminal = stderrTerminal;
        this.columns = columns;
    }

    /** Neither stream is a terminal: what tests and pipes see. */
    public static TerminalInfo none() {
        return new TerminalInfo(false, false, () -> 0);
    }

    public boolean stdoutTerminal() {
        return stdoutTerminal;
    }

    public boolean stderrTerminal() {
        return stderrTerminal;
    }

    /**
     * The width of the terminal standard output goes to ({@link #DEFAULT_COLUMNS} when it reports
     * none), or 0 when it is not a terminal.
     */
    public int columns() {
        if (!stdoutTerminal) {
            return 0;
        }
        if (cachedColumns < 0) {
            int reported = columns.getAsInt();
            cachedColumns = reported > 0 ? reported : DEFAULT_COLUMNS;
        }
        return cachedColumns;
    }
}
