package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;
import java.util.List;

/**
 * Any other line of an NVIDIA kernel module ({@code NVRM:}, {@code nvidia 0000:01:00.0:},
 * {@code nvidia-modeset:}, ...), kept so that nothing the driver said is dropped. Routine.
 *
 * @param module  the module prefix: {@code NVRM}, {@code nvidia}, {@code nvidia-modeset}, ..., or
 *                {@code kernel} for what the kernel's module loader says under an NVIDIA module's
 *                name ({@code nvidia_uvm: module uses symbols from proprietary module nvidia,
 *                inheriting taint.}): the module itself did not print it
 * @param details messages that followed and belong to it (the rest of a GSP debug dump)
 */
public record DriverMessage(RecordOrigin origin, String message, String module, PciAddress gpu, List<String> details)
    implements KernelRecord {

    public DriverMessage {
        details = List.copyOf(details);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.DRIVER_MESSAGE;
    }

    @Override
    public boolean needsAttention() {
        return false;
    }
}
