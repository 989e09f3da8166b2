package dev.uvmctl.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.source.LiveKernelLog;
import dev.uvmctl.source.SysRoot;
import dev.uvmctl.source.SystemRoots;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Runs the real command line in-process with captured streams, the way the process would (the
 * tree {@link CommandLineFactory#forArgs} builds for these arguments, as {@code Main} does), and
 * keeps both streams for assertions (and for the failure message when an assertion fails).
 */
public final class CliRun {
    private final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));
    private InputStream stdin = InputStream.nullInputStream();
    private TerminalInfo terminal = TerminalInfo.none();
    private Function<Path, SysRoot> rootOpener = SystemRoots::open;
    private CommandRunner commandRunner = CommandRunner.none();
    private LiveKernelLog.Commands kernelLogCommands = command -> {
        throw new IOException("a test starts no " + command.get(0));
    };
    private Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private java.nio.charset.Charset outputCharset = java.nio.charset.StandardCharsets.UTF_8;

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    public CliRun env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** The command's clock, where a test needs time to pass (the default stands still at 2026-11-27T12:00:00Z). */
    public CliRun clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public CliRun stdin(String text) {
        this.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public CliRun stdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    public CliRun terminal(TerminalInfo terminal) {
        this.terminal = terminal;
        return this;
    }

    public CliRun rootOpener(Function<Path, SysRoot> opener) {
        this.rootOpener = opener;
        return this;
    }

    /** Starts the live system's journalctl or dmesg: by default none starts (a test reads no real kernel log). */
    public CliRun kernelLogCommands(LiveKernelLog.Commands commands) {
        this.kernelLogCommands = commands;
        return this;
    }

    /** Runs the live system's commands: tests give one that answers from fixtures. */
    public CliRun commandRunner(CommandRunner runner) {
        this.commandRunner = runner;
        return this;
    }

    /** The charset the output is read with (UTF-8 unless given). */
    public CliRun outputCharset(java.nio.charset.Charset charset) {
        this.outputCharset = charset;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err);
        CliContext context = CliContext.builder(outWriter, errWriter, stdin)
            .env(env)
            .terminal(terminal)
            .outputCharset(outputCharset)
            .rootOpener(rootOpener)
            .commandRunner(commandRunner)
            .kernelLogCommands(kernelLogCommands)
            .clock(clock)
            .build();
        int code = CommandLineFactory.forArgs(context, args).execute(args);
        outWriter.flush();
        errWriter.flush();
        return new Result(code, out.toString(), err.toString());
    }
}
