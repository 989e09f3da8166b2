package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;

/**
 * Which container, pod, systemd unit or batch job a process belongs to, read from its cgroup path.
 * {@code runtime} is {@code docker}, {@code containerd}, {@code cri-o}, {@code podman}, {@code lxc}
 * or null; {@code containerId} the full 64-hex id when the path has one; {@code podUid} the
 * Kubernetes pod UID (dashes restored); {@code unit} the innermost systemd unit; {@code slurmJob}
 * the Slurm job id.
 */
public record CgroupInfo(String path, String runtime, String containerId, String podUid, String unit, String slurmJob,
                         Provenance origin) {

    /** {@code docker:0123456789ab}: runtime and the 12-character short id users know from {@code docker ps}. */
    public String shortContainer() {
        if (containerId == null) {
            return null;
        }
        String id = containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
        return runtime == null ? id : runtime + ":" + id;
    }
}
