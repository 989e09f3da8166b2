package dev.uvmctl.cli;

import dev.uvmctl.params.ParamsSources;
import dev.uvmctl.params.SystemParamsReader;
import dev.uvmctl.procfs.SystemCapture;
import dev.uvmctl.render.JsonOutput;
import dev.uvmctl.source.BundleManifest;
import dev.uvmctl.source.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JsonGenerator;

/** {@code uvmctl capture}: saves what uvmctl reads into a bundle to analyse elsewhere. */
@Command(name = "capture",
    mixinStandardHelpOptions = true,
    header = "Save what uvmctl reads into a bundle that any uvmctl reads back as a system root.",
    description = {
        "Copy what uvmctl reads from the system (module parameters, modprobe configuration, the UVM and nvidia procfs "
            + "files, the GPU holders' /proc entries with their fd links, nvidia-smi and dmesg output) into a bundle that "
            + "is itself a system root, with a manifest of what was read, refused and why, and the va-spaces snapshot.",
        "",
        "Read it anywhere with 'uvmctl va-spaces BUNDLE', 'uvmctl holders BUNDLE' or any command's --root BUNDLE. "
            + "The bundle is written under a temporary name and renamed: an interrupted capture leaves nothing under its name.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  sudo uvmctl capture --to node7.tar.gz             everything, as root sees it",
        "  sudo uvmctl capture --to node7.tar.gz --redact    host, user names and command lines replaced, to post in public",
        "  uvmctl va-spaces node7.tar.gz                     the same view, on another machine",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        " 0:the bundle was written and holds everything uvmctl read",
        " 2:usage error (the target exists)",
        " 3:the bundle was written, but some files could not be read (run as root); or it could not be written",
        "70:internal error (a bug); rerun with --debug for the stack trace",
    })
public final class CaptureCommand implements Callable<Integer> {
    @ParentCommand
    UvmctlCommand top;

    @Option(names = "--to", paramLabel = "FILE.tar.gz|DIR", required = true,
        description = "Where to write the bundle: a .tar.gz (or .tgz) file, or a directory; it must not exist yet.")
    Path to;

    @Option(names = "--redact", description = "Replace host names, user names and command lines with stable placeholders.")
    boolean redact;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        CliContext c = top.context();
        Path target = c.input(to.toString()).path();
        boolean live = c.live();
        String label = c.rootLabel();
        SystemCapture.Result r;
        try {
            r = SystemCapture.run(c.sysRoot(), new SystemCapture.Options(target, redact, label, live, c.commandRunner(), c.clock().instant(),
                VersionProvider.version()), ParamsSources::fromRoot, SystemParamsReader::vaSpaceMm);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw UvmctlException.usage("--to " + to + ": already exists: remove it or choose another name");
        } catch (IOException e) {
            throw UvmctlException.incomplete("--to " + to + ": the bundle could not be written (" + IoErrors.describe(e) + ")", e);
        }
        BundleManifest m = r.manifest();
        PrintWriter out = c.out();
        output.print(() -> {
                out.println("Captured " + r.snapshot().source() + " into " + to + ": " + m.copied().size() + " files, "
                    + m.refused().size() + " refused, " + r.snapshot().scan().holders().size() + " holders of NVIDIA devices"
                    + (redact ? " (redacted)" : "") + ".");
            }, () -> {
                m.write(out);
                out.println();
            }, () -> {
                JsonGenerator g = JsonOutput.records(out);
                g.writeStartObject();
                g.writeStringProperty("type", "capture");
                g.writeStringProperty("schema", BundleManifest.SCHEMA);
                g.writeStringProperty("target", to.toString());
                g.writeNumberProperty("files", m.copied().size());
                g.writeNumberProperty("refused", m.refused().size());
                g.writeEndObject();
                JsonOutput.endRecord(g, out);
                g.close();
            });
        out.flush();
        if (!m.refused().isEmpty()) {
            String processes = m.fields().get("unreadable_processes");
            // Root refused (no CAP_SYS_PTRACE, another user namespace) is told what the scan found would lift it, not to be root.
            String refusal = r.snapshot().scan().refusalBeyondRoot();
            String advice = refusal == null ? "run as root to capture them" : refusal;
            c.err().println("uvmctl: the bundle is incomplete: " + m.refused().size() + " files could not be read (" + processes
                + (processes.equals("1") ? " process" : " processes") + "); " + advice + " (the manifest lists them)");
            c.err().flush();
            return ExitCode.INCOMPLETE;
        }
        return ExitCode.OK;
    }
}
