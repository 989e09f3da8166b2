package dev.uvmctl.cli;

import dev.uvmctl.finding.OwnerFilter;
import dev.uvmctl.procfs.CgroupInfo;
import dev.uvmctl.procfs.CgroupParser;
import dev.uvmctl.procfs.ProcessStatus;
import dev.uvmctl.procfs.StatusParser;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The user and cgroup of live processes, read from the system root the history ends in
 * ({@code /proc/PID/status}, {@code /proc/PID/cgroup}), each file once. The snapshot read the same
 * files and reported their bad lines already, so what these reads find wrong is not reported
 * again; a file that cannot be read (the process ended since) gives null.
 */
final class RootIdentities implements OwnerFilter.Identities {
    private final SysRoot root;
    private final Map<Integer, ProcessStatus> statuses = new HashMap<>();
    private final Map<Integer, CgroupInfo> cgroups = new HashMap<>();

    /** {@code root}: null when only files were read, and nothing can be told. */
    RootIdentities(SysRoot root) {
        this.root = root;
    }

    @Override
    public Integer uid(int pid) {
        ProcessStatus s = statuses.computeIfAbsent(pid, p -> {
            String path = "/proc/" + p + "/status";
            String text = read(path);
            return text == null ? null : StatusParser.parse(text, p, root.display(path), new ArrayList<>());
        });
        return s == null ? null : s.uid();
    }

    @Override
    public String cgroup(int pid) {
        CgroupInfo c = cgroupInfo(pid);
        return c == null ? null : c.path();
    }

    /** The cgroup of {@code pid}: its path, and the container, pod or job it names. */
    CgroupInfo cgroupInfo(int pid) {
        return cgroups.computeIfAbsent(pid, p -> {
            String path = "/proc/" + p + "/cgroup";
            String text = read(path);
            List<Diagnostic> again = new ArrayList<>();
            return text == null ? null : CgroupParser.parse(text, root.display(path), again);
        });
    }

    private String read(String path) {
        if (root == null) {
            return null;
        }
        try {
            return root.exists(path) ? root.readString(path) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
