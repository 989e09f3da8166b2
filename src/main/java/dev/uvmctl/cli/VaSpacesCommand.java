package dev.uvmctl.cli;

import dev.uvmctl.render.VaSpacesJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl va-spaces}: the UVM address spaces the processes hold, which no released driver lists. */
@Command(name = "va-spaces",
    mixinStandardHelpOptions = true,
    header = "Every UVM va_space: who holds it, its managed ranges, and what was not released.",
    description = {
        "Show every UVM va_space on the system: the processes holding /dev/nvidia-uvm (a child that inherited its "
            + "parent's fd is listed under the parent's va_space), their managed ranges (the /dev/nvidia-uvm mappings in "
            + "/proc/PID/maps), the GPUs UVM still retains, HMM, and the findings of 'uvmctl leaks' on the same input (its snapshot, and "
            + "the kernel log of a root or bundle): what should have been released and was not.",
        "",
        "Released drivers have no /proc/driver/nvidia-uvm/va_spaces: uvmctl builds the view from /proc. With no INPUT it "
            + "reads the system through --root (running nvidia-smi when that is the live system); INPUT is a capture "
            + "bundle (directory or .tar.gz) or a va-spaces snapshot file written by 'uvmctl capture'.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  sudo uvmctl va-spaces                 the running system (root sees every process)",
        "  uvmctl va-spaces --ranges -o json     with every managed range, for jq",
        "  uvmctl va-spaces node7.tar.gz         a bundle captured with 'uvmctl capture'",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        " 0:no finding",
        " 1:findings: the ones 'uvmctl leaks' reports on the same input (stuck, held, leaked, unattributed, ...)",
        " 2:usage error",
        " 3:the answer is incomplete: processes, files or the kernel log could not be read (run as root), another PID namespace "
            + "hides processes, or nvidia-smi lists no processes while a GPU has memory in use, or cannot tell a GPU's memory "
            + "(a GPU it could not reach, \"Not Supported\", [Insufficient Permissions])",
        "70:internal error (a bug); rerun with --debug for the stack trace",
    })
public final class VaSpacesCommand implements Callable<Integer> {
    @ParentCommand
    UvmctlCommand top;

    @Parameters(paramLabel = "INPUT", arity = "0..1", description = "A capture bundle (directory or .tar.gz) or a va-spaces snapshot file.")
    String input;

    @Mixin
    ToleranceOption tolerance;

    @Mixin
    OutputOption output;

    @Option(names = "--ranges", description = "List every managed range of every va_space in the table (JSON always has them).")
    boolean ranges;

    @Override
    public Integer call() {
        return LiveView.show(top.context(), input, tolerance.bytes(), output, VaSpacesJson.VA_SPACES_SCHEMA,
            (table, verdict) -> table.vaSpaces(verdict, ranges));
    }
}
