package dev.uvmctl.cli;

import dev.uvmctl.source.ParseCache;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.SystemCompleter;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliCommands;

/**
 * The read-eval loop of {@code uvmctl shell}: one JVM, one command tree, one parse cache, the
 * root chosen when the shell started. Completion comes from the same command model as the
 * shell scripts.
 */
final class Shell {
    static final String PROMPT = "uvmctl> ";

    private final CliContext context;
    private final CommandLine commands;
    private final Terminal terminal;
    private final Path history;

    Shell(CliContext outer, Terminal terminal, Path history) {
        this.terminal = terminal;
        this.history = history;
        PrintWriter writer = terminal.writer();
        boolean interactive = !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        this.context = CliContext.builder(writer, writer, InputStream.nullInputStream())
            .inheritFrom(outer)
            .terminal(new TerminalInfo(interactive, interactive, terminal::getWidth))
            .cache(ParseCache.enabled())
            .build();
        this.commands = CommandLineFactory.create(context);
        commands.getSubcommands().get("shell").getCommandSpec().usageMessage().hidden(true);
    }

    int run() {
        PicocliCommands registry = new PicocliCommands(commands);
        SystemCompleter completer = registry.compileCompleters();
        completer.compile();
        LineReaderBuilder builder = LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("uvmctl")
            .completer(completer)
            .parser(new DefaultParser());
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        LineReader reader = builder.build();
        PrintWriter out = terminal.writer();
        out.println("uvmctl shell: any uvmctl command without 'uvmctl'; TAB completes; 'exit' or Ctrl-D ends.");
        out.flush();
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
            if (words.isEmpty()) {
                continue;
            }
            if (words.size() == 1 && (words.get(0).equals("exit") || words.get(0).equals("quit"))) {
                break;
            }
            if (words.get(0).equals("shell")) {
                out.println("uvmctl: already in the shell");
                out.flush();
                continue;
            }
            context.resetOptions();
            int code = commands.execute(words.toArray(String[]::new));
            if (code != ExitCode.OK) {
                out.println(context.errStyle().dim("[exit " + code + "]"));
            }
            out.flush();
        }
        return ExitCode.OK;
    }
}
