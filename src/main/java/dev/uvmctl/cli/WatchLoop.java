package dev.uvmctl.cli;

import dev.uvmctl.render.Style;
import dev.uvmctl.render.WatchFrame;
import dev.uvmctl.render.WatchScreen;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.ClosedException;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The full-screen loop of {@code uvmctl watch}: the alternate screen in raw mode, a refresh every
 * interval drawn through JLine's {@link Display} (only what changed is rewritten, so nothing
 * flickers), {@code q} or Ctrl-C to quit, {@code r} to refresh now, and the terminal put back as
 * it was however the loop ends.
 */
final class WatchLoop {
    private static final int CTRL_C = 3;

    private final Terminal terminal;
    private final WatchSampler sampler;
    private final Duration interval;
    private final Style style;
    private final AtomicBoolean quit = new AtomicBoolean();
    private final AtomicBoolean resized = new AtomicBoolean();

    WatchLoop(Terminal terminal, WatchSampler sampler, Duration interval, Style style) {
        this.terminal = terminal;
        this.sampler = sampler;
        this.interval = interval;
        this.style = style;
    }

    /** Runs until {@code q}, Ctrl-C or the end of the terminal's input; returns the refreshes drawn. */
    void run() throws IOException {
        Attributes saved = terminal.enterRawMode();
        Terminal.SignalHandler previousInt = terminal.handle(Terminal.Signal.INT, s -> quit.set(true));
        Terminal.SignalHandler previousWinch = terminal.handle(Terminal.Signal.WINCH, s -> resized.set(true));
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        try {
            Display display = new Display(terminal, true);
            NonBlockingReader keys = terminal.reader();
            Size size = usable(terminal.getSize());
            display.resize(size.getRows(), size.getColumns());
            while (!quit.get()) {
                if (resized.getAndSet(false)) {
                    size = usable(terminal.getSize());
                    display.clear();
                    display.resize(size.getRows(), size.getColumns());
                }
                WatchFrame frame = sampler.sample();
                display.update(lines(frame, size), -1);
                terminal.flush();
                waitForKeyOrTimeout(keys);
            }
        } finally {
            terminal.puts(Capability.cursor_visible);
            terminal.puts(Capability.exit_ca_mode);
            terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.INT, previousInt);
            terminal.handle(Terminal.Signal.WINCH, previousWinch);
            terminal.flush();
        }
    }

    /**
     * The terminal's size, or 80 × 24 where it reports none (0: a serial console, a terminal
     * whose size was never set), rather than a screen of no columns.
     */
    static Size usable(Size reported) {
        return new Size(reported.getColumns() > 0 ? reported.getColumns() : TerminalInfo.DEFAULT_COLUMNS,
            reported.getRows() > 0 ? reported.getRows() : TerminalInfo.DEFAULT_ROWS);
    }

    private List<AttributedString> lines(WatchFrame frame, Size size) {
        int columns = Math.max(size.getColumns(), 20);
        List<AttributedString> out = new ArrayList<>();
        for (String line : new WatchScreen(columns, Math.max(size.getRows(), 5), style).render(frame, interval)) {
            AttributedString a = AttributedString.fromAnsi(line);
            out.add(a.columnLength() > columns ? a.columnSubSequence(0, columns) : a);
        }
        return out;
    }

    /** Waits out the interval, returning early for {@code r}; {@code q}, Ctrl-C or the end of the input (a closed terminal) quit. */
    private void waitForKeyOrTimeout(NonBlockingReader keys) throws IOException {
        long deadline = System.nanoTime() + interval.toNanos();
        while (!quit.get()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            int c;
            try {
                c = keys.read(left);
            } catch (ClosedException e) {
                c = NonBlockingReader.EOF;
            }
            if (c == 'q' || c == 'Q' || c == CTRL_C || c == NonBlockingReader.EOF) {
                quit.set(true);
            } else if (c == 'r' || c == 'R') {
                return;
            }
        }
    }
}
