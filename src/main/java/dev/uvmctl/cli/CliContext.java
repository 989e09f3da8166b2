package dev.uvmctl.cli;

import dev.uvmctl.render.ColorMode;
import dev.uvmctl.render.OutputWriter;
import dev.uvmctl.render.Style;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.source.LiveKernelLog;
import dev.uvmctl.source.ParseCache;
import dev.uvmctl.source.SysRoot;
import dev.uvmctl.source.UntilInputStream;
import dev.uvmctl.source.SystemRoots;
import dev.uvmctl.source.Kcmp;
import dev.uvmctl.source.LiveSysRoot;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a command needs from the world, settled once per run: the streams, the
 * environment, the terminal, the global options and the system root. Commands reach it through
 * their parent command; nothing below {@code main} touches the process's standard streams.
 */
public final class CliContext {
    private final OutputWriter out;
    private final OutputWriter discarded = OutputWriter.discarding();
    private final PrintWriter err;
    private final InputStream stdin;
    private final Map<String, String> env;
    private final TerminalInfo terminal;
    private final Path workingDirectory;
    private final Function<Path, SysRoot> rootOpener;
    private final Kcmp kcmp;
    private final ParseCache cache;
    private final TerminalOpener terminalOpener;
    private final CommandRunner commandRunner;
    private final LiveKernelLog.Commands kernelLogCommands;
    private final Clock clock;
    private final long pid;
    private final Charset outputCharset;

    private ColorMode color = ColorMode.auto;
    private final Path initialRoot;
    private Path root;
    private boolean debug;
    private boolean quiet;
    private SysRoot sysRoot;

    private CliContext(Builder b) {
        this.out = OutputWriter.of(Objects.requireNonNull(b.out));
        this.err = Objects.requireNonNull(b.err);
        this.stdin = Objects.requireNonNull(b.stdin);
        this.env = Map.copyOf(b.env);
        this.terminal = b.terminal;
        this.workingDirectory = b.workingDirectory;
        this.rootOpener = b.rootOpener;
        this.kcmp = b.kcmp;
        this.cache = b.cache;
        this.terminalOpener = b.terminalOpener;
        this.commandRunner = b.commandRunner;
        this.kernelLogCommands = b.kernelLogCommands;
        this.clock = b.clock;
        this.pid = b.pid;
        this.outputCharset = b.outputCharset;
        this.initialRoot = b.root;
        this.root = b.root;
    }

    /** Opens the interactive terminal of {@code uvmctl shell}. */
    @FunctionalInterface
    public interface TerminalOpener {
        org.jline.terminal.Terminal open() throws java.io.IOException;
    }

    public static Builder builder(PrintWriter out, PrintWriter err, InputStream stdin) {
        return new Builder(out, err, stdin);
    }

    /**
     * Standard output, or a sink when {@code --quiet} asked for the exit status alone. Producers
     * of long output check {@link OutputWriter#readerGone()} between records and stop when the
     * reader has gone ({@code | head}), keeping the exit status their findings call for.
     */
    public OutputWriter out() {
        return quiet ? discarded : out;
    }

    /** Standard error. Fatal errors are written even under {@code --quiet}, as grep -q does. */
    public PrintWriter err() {
        return err;
    }

    /** Standard error for warnings and summaries, which {@code --quiet} silences. */
    public PrintWriter notices() {
        return quiet ? new PrintWriter(Writer.nullWriter()) : err;
    }

    /** Parsed inputs kept between the commands of a shell; disabled for a single command. */
    public ParseCache cache() {
        return cache;
    }

    TerminalOpener terminalOpener() {
        return terminalOpener;
    }

    /**
     * Puts the global options back to how the context started, before the shell parses its
     * next command line: picocli sets an option only when the line names it.
     */
    void resetOptions() {
        color = ColorMode.auto;
        root(initialRoot);
        debug = false;
        quiet = false;
    }

    public InputStream stdin() {
        return stdin;
    }

    public Map<String, String> env() {
        return env;
    }

    public TerminalInfo terminal() {
        return terminal;
    }

    public Style outStyle() {
        return Style.of(color.enabled(env, terminal.stdoutTerminal()), unicode());
    }

    public Style errStyle() {
        return Style.of(color.enabled(env, terminal.stderrTerminal()), unicode());
    }

    /** The charset the reader of the output decodes it with: the locale's ({@link LocaleCharset}). */
    public Charset outputCharset() {
        return outputCharset;
    }

    /** Whether the output shows the non-ASCII symbols of text output ({@link Style.Glyph}): uvmctl writes UTF-8. */
    private boolean unicode() {
        return outputCharset.equals(StandardCharsets.UTF_8);
    }

    public boolean debug() {
        return debug;
    }

    public boolean quiet() {
        return quiet;
    }

    /** True when {@code --root} named a root other than the live system. */
    public boolean rootGiven() {
        return root != null;
    }

    /** {@code --root} as typed, or null when none was given. */
    public Path rootArgument() {
        return root;
    }

    /** True when the system root is the running system ({@code /}, no {@code --root} other than {@code /}). */
    public boolean live() {
        return root == null || workingDirectory.resolve(root).normalize().getParent() == null;
    }

    /** How output names the system root: the live system, a system root (a directory) or a capture bundle (a .tar.gz). */
    public String rootLabel() {
        return live() ? "the live system" : rootLabel(workingDirectory.resolve(root), root.toString());
    }

    /** How output names a root given as {@code typed}, found at {@code path}: a directory is a system root, an archive a bundle. */
    static String rootLabel(Path path, String typed) {
        return (SystemRoots.isArchive(path) ? "the capture bundle " : "the system root ") + typed;
    }

    /** The system root: {@code --root DIR|BUNDLE.tar.gz}, or {@code /}. */
    public SysRoot sysRoot() {
        if (sysRoot == null) {
            Path dir = root == null ? Path.of("/") : workingDirectory.resolve(root);
            if (!Files.isDirectory(dir) && !SystemRoots.isArchive(dir)) {
                throw UvmctlException.usage("--root " + root + ": not a directory or a .tar.gz bundle (give the live system's /, "
                    + "a capture bundle or an unpacked one)");
            }
            sysRoot = live() ? new LiveSysRoot(rootAt(dir), kcmp) : rootAt(dir);
        }
        return sysRoot;
    }

    /**
     * The system root as a directory, for what uvmctl writes there ({@code uvmctl trace}): {@code /}
     * on the live system, the directory {@code --root} names, or null for a bundle archive.
     */
    public Path rootDirectory() {
        Path dir = root == null ? Path.of("/") : workingDirectory.resolve(root).normalize();
        return Files.isDirectory(dir) ? dir : null;
    }

    /** This process's id, which a lock it holds names (tests give one of their fixture's /proc). */
    public long pid() {
        return pid;
    }

    /** A directory or bundle archive given as an input: a system root such as a capture bundle. */
    public SysRoot rootAt(Path dir) {
        try {
            return rootOpener.apply(dir);
        } catch (UncheckedIOException e) {
            throw UvmctlException.incomplete(e.getMessage(), e);
        }
    }

    /** Runs the live system's commands (nvidia-smi); tests inject one that runs nothing real. */
    public CommandRunner commandRunner() {
        return commandRunner;
    }

    /** Starts the live system's journalctl or dmesg when /dev/kmsg cannot be read; tests inject one that starts nothing. */
    public LiveKernelLog.Commands kernelLogCommands() {
        return kernelLogCommands;
    }

    /** The wall clock, for the time a live snapshot is taken. */
    public Clock clock() {
        return clock;
    }

    /**
     * A file named on the command line, or {@code -}. Standard input ends early once nobody reads
     * this run's output ({@code dmesg -w | uvmctl events - | head}): a producer that never ends
     * would otherwise keep the pipeline alive.
     */
    public InputFile input(String argument) {
        return InputFile.of(argument, workingDirectory, new UntilInputStream(stdin, out::readerGone));
    }

    void color(ColorMode mode) {
        this.color = mode;
    }

    void root(Path dir) {
        this.root = dir;
        this.sysRoot = null;
    }

    void debug(boolean on) {
        this.debug = on;
    }

    void quiet(boolean on) {
        this.quiet = on;
    }

    /** Sets up a context; tests replace the pieces the real process would take from the OS. */
    public static final class Builder {
        private final PrintWriter out;
        private final PrintWriter err;
        private final InputStream stdin;
        private Map<String, String> env = Map.of();
        private TerminalInfo terminal = TerminalInfo.none();
        private Path workingDirectory = Path.of("").toAbsolutePath();
        private Function<Path, SysRoot> rootOpener = SystemRoots::open;
        private ParseCache cache = ParseCache.disabled();
        /*
         * dumb(true): where standard input is no terminal (a pipe, a script), JLine falls back to a
         * dumb terminal; asked for one explicitly it does so without logging its own WARNING line
         * to standard error through java.util.logging (TerminalBuilder.doBuild, JLine 3.29).
         */
        private TerminalOpener terminalOpener = () -> org.jline.terminal.TerminalBuilder.builder().system(true).dumb(true).build();
        private Path root;
        private CommandRunner commandRunner = CommandRunner.none();
        private LiveKernelLog.Commands kernelLogCommands = LiveKernelLog.processes();
        private Clock clock = Clock.systemUTC();
        private Kcmp kcmp = Kcmp.unavailable();
        private long pid = ProcessHandle.current().pid();
        private Charset outputCharset = StandardCharsets.UTF_8;

        private Builder(PrintWriter out, PrintWriter err, InputStream stdin) {
            this.out = out;
            this.err = err;
            this.stdin = stdin;
        }

        public Builder env(Map<String, String> env) {
            this.env = env;
            return this;
        }

        /** The charset the output is read with (UTF-8 unless told): a real process's comes from its locale. */
        public Builder outputCharset(Charset charset) {
            this.outputCharset = Objects.requireNonNull(charset);
            return this;
        }

        public Builder terminal(TerminalInfo terminal) {
            this.terminal = terminal;
            return this;
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /** How a root directory becomes a {@link SysRoot}; tests wrap it to make reads fail. */
        /** How the live root compares open files: kcmp(2) in the real process; tests give their own. */
        public Builder kcmp(Kcmp compare) {
            this.kcmp = compare;
            return this;
        }

        public Builder rootOpener(Function<Path, SysRoot> opener) {
            this.rootOpener = opener;
            return this;
        }

        public Builder cache(ParseCache cache) {
            this.cache = cache;
            return this;
        }

        public Builder terminalOpener(TerminalOpener opener) {
            this.terminalOpener = opener;
            return this;
        }

        /** A root chosen before any command runs, as {@code uvmctl shell --root DIR} does. */
        public Builder root(Path dir) {
            this.root = dir;
            return this;
        }

        /** What a shell's inner context shares with the context that started the shell. */
        Builder inheritFrom(CliContext parent) {
            this.rootOpener = parent.rootOpener;
            this.kcmp = parent.kcmp;
            this.workingDirectory = parent.workingDirectory;
            this.env = parent.env;
            this.root = parent.root;
            this.commandRunner = parent.commandRunner;
            this.kernelLogCommands = parent.kernelLogCommands;
            this.clock = parent.clock;
            this.pid = parent.pid;
            return this;
        }

        public Builder commandRunner(CommandRunner runner) {
            this.commandRunner = runner;
            return this;
        }

        public Builder kernelLogCommands(LiveKernelLog.Commands commands) {
            this.kernelLogCommands = commands;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder pid(long pid) {
            this.pid = pid;
            return this;
        }

        public CliContext build() {
            return new CliContext(this);
        }
    }
}
