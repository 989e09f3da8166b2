package dev.uvmctl.params;

import dev.uvmctl.source.Diagnostic;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;

/** Gathers the observation from the live system root or from the inputs a user named. */
public final class ParamsSources {
    private ParamsSources() {
    }

    /** From a system root; null when nvidia_uvm is not loaded there. */
    public static ParamsObservation fromRoot(SysRoot root) {
        if (!SystemParamsReader.uvmLoaded(root)) {
            return null;
        }
        return SystemParamsReader.read(root);
    }

    public static String notLoadedMessage(SysRoot root) {
        return "nvidia_uvm is not loaded (no " + root.display(SystemParamsReader.MODULE_DIR) + " in " + root.describe() + "): load it with "
            + "'modprobe nvidia-uvm', or read a capture with 'uvmctl params --root BUNDLE', or saved output with "
            + "'uvmctl params FILE' (modinfo nvidia-uvm, grep . /sys/module/nvidia_uvm/parameters/*, nvidia-bug-report.log)";
    }

    /**
     * From files (modinfo, sysfs grep, /proc/driver/nvidia/params, bug reports) and
     * directories (system roots), merged in the order given.
     */
    public static ParamsObservation fromInputs(List<InputFile> inputs, Function<java.nio.file.Path, SysRoot> roots) {
        ParamsObservation merged = new ParamsObservation();
        for (InputFile input : inputs) {
            if (input.isDirectory()) {
                mergeRoot(merged, roots.apply(input.path()), input.name());
                continue;
            }
            try (InputStream in = input.open()) {
                if (ParamsTextParser.parse(in, input.name(), merged) == 0) {
                    merged.missing("nothing in " + input.name() + " was recognised");
                }
            } catch (IOException e) {
                merged.diagnostics().add(Diagnostic.of(input.name(), IoErrors.describe(e)));
                merged.missing(input.name() + " could not be read (" + IoErrors.describe(e) + ")");
            }
        }
        if (merged.uvm().isEmpty() && merged.nvidia().isEmpty() && merged.missing().isEmpty()) {
            merged.missing("the inputs hold no nvidia-uvm or nvidia module parameter");
        }
        return merged;
    }

    private static void mergeRoot(ParamsObservation merged, SysRoot root, String name) {
        ParamsObservation o = fromRoot(root);
        if (o == null) {
            merged.missing("nvidia_uvm is not loaded in the system root " + name + " (no " + SystemParamsReader.MODULE_DIR + ")");
            return;
        }
        merged.driver(o.driver());
        o.uvm().values().forEach(merged::uvm);
        o.nvidia().values().forEach(merged::nvidia);
        merged.configured().addAll(o.configured());
        merged.diagnostics().addAll(o.diagnostics());
        o.missing().forEach(merged::missing);
        merged.configurationRead(merged.configurationRead() || o.configurationRead());
    }
}
