package dev.uvmctl.cli;

import dev.uvmctl.source.Kcmp;
import dev.uvmctl.source.ProcessCommandRunner;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/** Builds the context of a real process from its streams and environment. */
public final class Launch {
    private Launch() {
    }

    public static CliContext context(PrintWriter out, PrintWriter err, InputStream stdin, Map<String, String> env) {
        return CliContext.builder(out, err, stdin)
            .env(env)
            .terminal(Terminals.detect(env))
            .outputCharset(LocaleCharset.of(env))
            .commandRunner(new ProcessCommandRunner(env.get("PATH")))
            .kcmp(Kcmp.system())
            .build();
    }
}
