package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code /proc/PID/cgroup} ({@code id:controllers:path} per line; one {@code 0::path} line
 * on cgroup v2) and recognises the path shapes of docker, containerd and cri-o (Kubernetes, with
 * the cgroupfs or the systemd driver), podman, LXC, systemd units and Slurm.
 */
public final class CgroupParser {
    private static final Pattern LINE = Pattern.compile("(\\d+):([^:]*):(.*)");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SCOPED = Pattern.compile(
        "(docker|cri-containerd|crio|libpod|libpod-conmon)-([0-9a-f]{64})\\.scope");
    private static final Pattern POD = Pattern.compile(
        "pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})(?:\\.slice)?");
    private static final Pattern UNIT = Pattern.compile(".+\\.(service|scope|slice)");
    private static final Pattern SLURM = Pattern.compile("job_(\\d+)");
    private static final Pattern LXC = Pattern.compile("lxc(?:\\.payload)?[./]([^/]+)");

    private CgroupParser() {
    }

    /** The cgroup of the process; null (with a diagnostic) when no line parses. */
    public static CgroupInfo parse(String text, String input, List<Diagnostic> diagnostics) {
        String chosen = null;
        long chosenLine = 0;
        long number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                diagnostics.add(Diagnostic.at(input, number, "not a cgroup line: '" + line + "'"));
                continue;
            }
            String path = m.group(3);
            // cgroup v2's unified line wins; on v1 the first hierarchy with a container in its path.
            boolean unified = m.group(1).equals("0") && m.group(2).isEmpty();
            if (chosen == null || unified || (!describes(chosen) && describes(path))) {
                chosen = path;
                chosenLine = number;
            }
            if (unified) {
                break;
            }
        }
        if (chosen == null) {
            diagnostics.add(Diagnostic.of(input, "no cgroup line"));
            return null;
        }
        return describe(chosen, Provenance.at(input, chosenLine));
    }

    private static boolean describes(String path) {
        return ID.matcher(path).find() || path.contains("kubepods") || path.contains("job_");
    }

    static CgroupInfo describe(String path, Provenance origin) {
        String runtime = null;
        String id = null;
        String pod = null;
        String unit = null;
        String job = null;
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            Matcher scoped = SCOPED.matcher(part);
            Matcher podMatch = POD.matcher(part.startsWith("kubepods-") ? part.substring(part.lastIndexOf('-') + 1) : part);
            if (scoped.matches()) {
                runtime = runtimeOf(scoped.group(1));
                id = scoped.group(2);
            } else if (ID.matcher(part).matches()) {
                id = part;
                runtime = runtimeFromParent(i > 0 ? parts[i - 1] : "", path);
            } else if (part.startsWith("crio-") && ID.matcher(part.substring(5)).matches()) {
                runtime = "cri-o";
                id = part.substring(5);
            } else if (podMatch.matches()) {
                pod = podMatch.group(1).replace('_', '-');
            }
            if (UNIT.matcher(part).matches()) {
                unit = part;
            }
            Matcher slurm = SLURM.matcher(part);
            if (slurm.matches()) {
                job = slurm.group(1);
            }
        }
        Matcher lxc = LXC.matcher(path);
        if (id == null && lxc.find()) {
            runtime = "lxc";
            id = lxc.group(1);
        }
        return new CgroupInfo(path, runtime, id, pod, unit, job, origin);
    }

    private static String runtimeOf(String prefix) {
        return switch (prefix) {
            case "docker" -> "docker";
            case "cri-containerd" -> "containerd";
            case "crio" -> "cri-o";
            default -> "podman";
        };
    }

    /** A bare id under {@code /docker/} or {@code /libpod_parent/}; under a pod it may be any CRI runtime. */
    private static String runtimeFromParent(String parent, String path) {
        if (parent.equals("docker")) {
            return "docker";
        }
        if (parent.startsWith("libpod")) {
            return "podman";
        }
        if (path.contains("kubepods")) {
            return "kubernetes";
        }
        return null;
    }
}
