package dev.uvmctl;

import dev.uvmctl.cli.CliContext;
import dev.uvmctl.cli.CommandLineFactory;
import dev.uvmctl.cli.Launch;
import dev.uvmctl.report.OutputWriter;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The process entry point: the only place that touches the standard streams. */
public final class Main {
    /** Launcher-only first argument: run typical commands silently to fill the CDS archive. */
    static final String CDS_TRAINING = "--cds-training";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length >= 1 && args[0].equals(CDS_TRAINING)) {
            train(args.length > 1 ? args[1] : null);
            System.exit(0);
        }
        // A reader that leaves early (| head) ends output quietly: see OutputWriter.
        OutputWriter out = OutputWriter.to(buffered(FileDescriptor.out));
        PrintWriter err = new PrintWriter(buffered(FileDescriptor.err));
        CliContext context = Launch.context(out, err, System.in, System.getenv());
        int code = CommandLineFactory.create(context).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Loads the classes of the usual commands with all output discarded, so that the archive
     * the launcher dumps at exit holds them; {@code exampleRoot} is a bundled fixture root.
     */
    private static void train(String exampleRoot) {
        List<List<String>> runs = List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("completion", "bash"),
            List.of("params", "--help"));
        for (List<String> run : runs) {
            execQuietly(run);
        }
        if (exampleRoot != null) {
            for (String format : List.of("table", "json", "ndjson")) {
                execQuietly(List.of("params", "--root", exampleRoot, "-o", format));
            }
        }
    }

    private static void execQuietly(List<String> args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        CliContext context = Launch.context(sink, sink, InputStream.nullInputStream(), Map.of("NO_COLOR", "1"));
        CommandLineFactory.create(context).execute(args.toArray(String[]::new));
    }

    private static Writer buffered(FileDescriptor fd) {
        return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), 1 << 16);
    }
}
