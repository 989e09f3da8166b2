package dev.uvmctl.cli;

import dev.uvmctl.procfs.VaSpaceView;
import java.util.List;

/** The exit status of a live-system view: incomplete (3) before leak signals (1), as DESIGN.md asks. */
final class LiveExit {
    private LiveExit() {
    }

    static int of(CliContext c, VaSpaceView view) {
        List<String> missing = view.missing();
        if (!missing.isEmpty()) {
            c.err().println("uvmctl: the answer is incomplete: " + String.join("; ", missing));
            c.err().flush();
            return ExitCode.INCOMPLETE;
        }
        return view.hasLeakSignals() ? ExitCode.FOUND : ExitCode.OK;
    }
}
