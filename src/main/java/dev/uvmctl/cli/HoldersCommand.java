package dev.uvmctl.cli;

import dev.uvmctl.render.VaSpacesJson;
import dev.uvmctl.render.VaSpacesTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl holders}: every process holding NVIDIA devices, classified, next to what NVML lists. */
@Command(name = "holders",
    mixinStandardHelpOptions = true,
    header = "Every process holding an NVIDIA device, classified, next to what nvidia-smi lists.",
    description = {
        "Show every process that holds an NVIDIA device file (/dev/nvidia-uvm, /dev/nvidiactl, /dev/nvidiaN, ...) or "
            + "waits in the driver, classified: alive, zombie (and who should reap it), uninterruptible (with the driver "
            + "frame), reparented to init, or a daemon that holds devices by design; then the processes NVML (nvidia-smi) "
            + "lists, with what this system says about each pid (gone, outside this PID namespace), each GPU's memory, and the "
            + "findings of 'uvmctl leaks' on the same input (its snapshot, and the kernel log of a root or bundle), beside what they name.",
        "",
        "INPUT is as for 'uvmctl va-spaces'.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  sudo uvmctl holders                   who keeps the GPUs busy, and why it may not let go",
        "  uvmctl holders -o ndjson | jq 'select(.type==\"holder\" and .class!=\"alive\")'",
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
public final class HoldersCommand implements Callable<Integer> {
    @ParentCommand
    UvmctlCommand top;

    @Parameters(paramLabel = "INPUT", arity = "0..1", description = "A capture bundle (directory or .tar.gz) or a va-spaces snapshot file.")
    String input;

    @Mixin
    ToleranceOption tolerance;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        return LiveView.show(top.context(), input, tolerance.bytes(), output, VaSpacesJson.HOLDERS_SCHEMA, VaSpacesTable::holders);
    }
}
