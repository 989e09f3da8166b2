package dev.uvmctl.cli;

import dev.uvmctl.params.DriverVersion;
import dev.uvmctl.render.ProbesText;
import dev.uvmctl.tracefs.DriverRelease;
import dev.uvmctl.tracefs.ProbeTable;
import dev.uvmctl.tracefs.Tracefs;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl trace print-probes}: the probe definitions for a driver release, as text. */
@Command(name = "print-probes",
    mixinStandardHelpOptions = true,
    header = "The probe definitions for a driver release and architecture, to read or install by hand.",
    description = "Print the kprobe_events definitions (one per line; comments start with #), their filters and the tracepoints "
        + "uvmctl trace would set up, for the loaded driver or the one --release names. A trace recorded by hand from them "
        + "reads the same as one uvmctl records.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  uvmctl trace print-probes",
        "  uvmctl trace print-probes --release 535.183.01 --arch aarch64",
        "  uvmctl trace print-probes --release unknown -o json",
    })
public final class TracePrintProbesCommand implements Callable<Integer> {
    @ParentCommand
    TraceCommand trace;

    @Option(names = "--release", paramLabel = "R",
        description = "Driver release (535.183.01), or 'unknown' for the probes of a driver whose release cannot be read; "
            + "default: the loaded driver's.")
    String release;

    @Option(names = "--arch", paramLabel = "A", description = "x86_64 or aarch64; default: the system's.")
    String arch;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        CliContext c = trace.context();
        ProbeTable table = ProbeTable.load();
        DriverVersion r = release(c, table);
        String a = arch(c, arch, table);
        ProbeTable.Selection s = table.select(r, a);
        // -o ndjson gives the one JSON document, as json does: it is a single record.
        output.print(() -> ProbesText.text(c.out(), s, Tracefs.DIRECTORIES.get(0)), () -> ProbesText.json(c.out(), s), () -> ProbesText.json(c.out(), s));
        return ExitCode.OK;
    }

    private DriverVersion release(CliContext c, ProbeTable table) {
        if (release == null) {
            return DriverRelease.of(c.sysRoot()).orElse(null);
        }
        if (release.equals("unknown")) {
            return null;
        }
        DriverVersion v = DriverVersion.parse(release).orElseThrow(() ->
            UvmctlException.usage("--release " + release + ": not a driver release (535.183.01) nor 'unknown'"));
        if (v.isBefore(table.first())) {
            throw UvmctlException.usage("--release " + release + ": the probes cover " + table.first() + " and later");
        }
        return v;
    }

    /** {@code --arch}, else the root's, else the JVM's on the live system, else x86_64. */
    static String arch(CliContext c, String given, ProbeTable table) {
        String a = given != null ? given : DriverRelease.arch(c.sysRoot()).orElse(c.live() ? System.getProperty("os.arch") : "x86_64");
        String name = switch (a.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> a;
        };
        if (!table.architectures().contains(name)) {
            throw UvmctlException.usage("--arch " + a + ": the probes are for " + String.join(" and ", table.architectures()));
        }
        return name;
    }
}
