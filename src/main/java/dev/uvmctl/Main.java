package dev.uvmctl;

import dev.uvmctl.cli.CdsTraining;
import dev.uvmctl.cli.CliContext;
import dev.uvmctl.cli.CommandLineFactory;
import dev.uvmctl.cli.Launch;
import dev.uvmctl.render.OutputWriter;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The process entry point: the only place that touches the standard streams. */
public final class Main {
    /** Launcher-only first argument: run the usual commands silently to fill the CDS archive (see CdsTraining). */
    static final String CDS_TRAINING = "--cds-training";

    private Main() {
    }

    /**
     * picocli's built-in converters for these types are not registered: looking them up loads and
     * initializes java.time and java.sql at every start (about 8 ms). uvmctl's own options of
     * such types name their own converter (a test checks).
     */
    public static final String CONVERTERS_EXCLUDED = "java\\.time\\..*,java\\.sql\\..*";

    public static void main(String[] args) {
        System.setProperty("picocli.converters.excludes", CONVERTERS_EXCLUDED);
        if (args.length >= 1 && args[0].equals(CDS_TRAINING)) {
            CdsTraining.run(args.length > 1 ? Path.of(args[1]) : null);
            System.exit(0);
        }
        // A reader that leaves early (| head) ends output quietly: see OutputWriter.
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        OutputWriter out = OutputWriter.to(buffered(stdout), stdout);
        PrintWriter err = new PrintWriter(buffered(new FileOutputStream(FileDescriptor.err)));
        CliContext context = Launch.context(out, err, System.in, System.getenv());
        int code = CommandLineFactory.forArgs(context, args).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    private static Writer buffered(FileOutputStream stream) {
        return new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }
}
