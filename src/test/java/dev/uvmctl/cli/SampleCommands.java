package dev.uvmctl.cli;

import dev.uvmctl.render.ColorMode;
import dev.uvmctl.render.OutputFormat;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * A command tree shaped like the one uvmctl is growing into (nested subcommands, the same
 * subcommand name under two parents, aliases, -o formats, file parameters, a hidden command,
 * options inherited from the top), so the completion generators are tested on what the real
 * tree does not have yet.
 */
final class SampleCommands {
    private SampleCommands() {
    }

    static CommandLine tree() {
        return new CommandLine(new Top());
    }

    @Command(name = "uvmctl", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        subcommands = {Params.class, Leaks.class, Events.class, Internal.class})
    static final class Top implements Runnable {
        @Option(names = "--root", scope = ScopeType.INHERIT, description = "System root.")
        Path root;

        @Option(names = "--color", scope = ScopeType.INHERIT, description = "Colour: ${COMPLETION-CANDIDATES}.")
        ColorMode color;

        @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print nothing.")
        boolean quiet;

        @Override
        public void run() {
        }
    }

    @Command(name = "params", description = "Module parameters. Second sentence.", subcommands = {Explain.class, Check.class})
    static final class Params implements Runnable {
        @Option(names = {"-o", "--output"}, completionCandidates = OutputOption.Reports.class, description = "Format.")
        OutputFormat format;

        @Override
        public void run() {
        }
    }

    @Command(name = "explain", description = "Explain parameters.")
    static final class Explain implements Runnable {
        @Option(names = "--release", description = "Driver release.")
        String release;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Parameter names.")
        List<String> names;

        @Override
        public void run() {
        }
    }

    @Command(name = "check", aliases = "ck", description = "Check a modprobe.d file.")
    static final class Check implements Runnable {
        @Parameters(paramLabel = "FILE", description = "The file.")
        Path file;

        @Override
        public void run() {
        }
    }

    @Command(name = "leaks", description = "Unreleased memory.")
    static final class Leaks implements Runnable {
        @Option(names = {"-o", "--output"}, description = "Format: ${COMPLETION-CANDIDATES}.")
        OutputFormat format;

        @Option(names = "--log", description = "A kernel log.")
        Path log;

        @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Inputs.")
        List<Path> inputs;

        @Override
        public void run() {
        }
    }

    @Command(name = "events", description = "Events.", subcommands = {EventsExplain.class})
    static final class Events implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "explain", description = "Explain an event.")
    static final class EventsExplain implements Runnable {
        @Option(names = "--kind", description = "Kind.")
        OutputFormat kind;

        @Override
        public void run() {
        }
    }

    @Command(name = "lint", hidden = true, description = "Hidden.")
    static final class Internal implements Runnable {
        @Override
        public void run() {
        }
    }
}
