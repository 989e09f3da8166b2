package dev.uvmctl.params;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Parses one modprobe.d file the way kmod does ({@code libkmod/libkmod-config.c}): a trailing
 * backslash continues a line, a line starting with {@code #} is a comment, the first word is
 * the command. {@code options MODULE ARGS} lines become configured values; the other commands
 * kmod knows are skipped; an unknown command is a diagnostic (kmod ignores such lines too).
 */
public final class ModprobeConfParser {
    private static final Set<String> OTHER_COMMANDS =
        Set.of("alias", "install", "remove", "blacklist", "softdep", "weakdep", "include", "config");

    private ModprobeConfParser() {
    }

    /** Adds the file's {@code options} values to {@code values} and its problems to {@code diagnostics}. */
    public static void parse(InputStream in, String name, List<ConfiguredValue> values, List<Diagnostic> diagnostics)
        throws IOException {
        LineReader reader = new LineReader(in);
        StringBuilder logical = new StringBuilder();
        long start = 0;
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            String text = line.text();
            if (logical.length() == 0) {
                start = line.number();
            }
            if (text.endsWith("\\")) {
                logical.append(text, 0, text.length() - 1);
                continue;
            }
            logical.append(text);
            command(logical.toString(), name, start, values, diagnostics);
            logical.setLength(0);
        }
        if (logical.length() > 0) {
            command(logical.toString(), name, start, values, diagnostics);
        }
    }

    /** True when {@code word}, the first of a line, is a command kmod reads in modprobe.d. */
    static boolean isCommand(String word) {
        return word.equals("options") || OTHER_COMMANDS.contains(word);
    }

    /** One logical line (continuations joined): its {@code options} values join {@code values}. */
    static void command(String line, String name, long number, List<ConfiguredValue> values,
                        List<Diagnostic> diagnostics) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return;
        }
        String[] words = text.split("\\s+", 3);
        String command = words[0];
        if (OTHER_COMMANDS.contains(command)) {
            return;
        }
        if (!command.equals("options")) {
            diagnostics.add(Diagnostic.at(name, number, "unknown command '" + command + "' (modprobe ignores this line)"));
            return;
        }
        if (words.length < 2) {
            diagnostics.add(Diagnostic.at(name, number, "'options' without a module name"));
            return;
        }
        String module = KernelArgs.normalize(words[1]);
        List<KernelArgs.Arg> args = KernelArgs.split(words.length > 2 ? words[2] : "");
        if (args == null) {
            diagnostics.add(Diagnostic.at(name, number, "unterminated quote in the options of " + module));
            return;
        }
        for (KernelArgs.Arg arg : args) {
            values.add(new ConfiguredValue(module, KernelArgs.normalize(arg.name()), arg.value(), name, number));
        }
    }
}
