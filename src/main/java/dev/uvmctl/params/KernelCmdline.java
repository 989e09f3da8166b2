package dev.uvmctl.params;

import dev.uvmctl.shared.Diagnostic;
import java.util.List;

/**
 * Module parameters on the kernel command line, {@code nvidia_uvm.uvm_disable_hmm=1} or
 * {@code nvidia-uvm.…}. kmod appends them after the modprobe.d options (kmod_config_new parses
 * the command line last), so they win when both set the same parameter.
 */
public final class KernelCmdline {
    private KernelCmdline() {
    }

    public static void parse(String cmdline, String source, List<ConfiguredValue> values, List<Diagnostic> diagnostics) {
        List<KernelArgs.Arg> args = KernelArgs.split(cmdline.strip());
        if (args == null) {
            diagnostics.add(Diagnostic.of(source, "unterminated quote on the kernel command line"));
            return;
        }
        for (KernelArgs.Arg arg : args) {
            int dot = arg.name().indexOf('.');
            if (dot <= 0 || dot == arg.name().length() - 1) {
                continue;
            }
            String module = KernelArgs.normalize(arg.name().substring(0, dot));
            String name = KernelArgs.normalize(arg.name().substring(dot + 1));
            values.add(new ConfiguredValue(module, name, arg.value(), source, 0));
        }
    }
}
