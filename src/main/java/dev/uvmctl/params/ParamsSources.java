package dev.uvmctl.params;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.ParseCache;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
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
     * From files (modinfo, sysfs grep, /proc/driver/nvidia/params, modprobe.d files, bug reports) and
     * directories (system roots), merged in the order given. Files are parsed through
     * {@code cache}, so the interactive shell reads an unchanged file once.
     */
    public static ParamsObservation fromInputs(List<InputFile> inputs, Function<Path, SysRoot> roots, ParseCache cache) {
        ParamsObservation merged = new ParamsObservation();
        for (InputFile input : inputs) {
            if (input.isDirectory()) {
                ParamsObservation o = fromRoot(roots.apply(input.path()));
                if (o == null) {
                    merged.missing("nvidia_uvm is not loaded in the system root " + input.name() + " (no "
                        + SystemParamsReader.MODULE_DIR + ")");
                } else {
                    merged.merge(o);
                }
                continue;
            }
            try {
                merged.merge(cache.get(input, "params", ParamsObservation.class, ParamsSources::parseFile));
            } catch (IOException e) {
                merged.diagnostics().add(Diagnostic.of(input.name(), IoErrors.describe(e)));
                merged.missing(input.name() + " could not be read (" + IoErrors.describe(e) + ")");
            }
        }
        if (merged.uvm().isEmpty() && merged.nvidia().isEmpty() && merged.missing().isEmpty()) {
            merged.missing(merged.configured().isEmpty() ? "the inputs hold no nvidia-uvm or nvidia module parameter"
                : "the inputs configure module parameters but show no value a loaded module runs with");
        }
        return merged;
    }

    private static ParamsObservation parseFile(InputFile input) throws IOException {
        ParamsObservation o = new ParamsObservation();
        try (InputStream in = input.open()) {
            if (ParamsTextParser.parse(in, input.name(), o) == 0) {
                o.missing("nothing in " + input.name() + " was recognised");
            }
        }
        return o;
    }
}
