#!/bin/bash
# Slurm Epilog (slurm.conf: Epilog=/etc/slurm/uvmctl-epilog.sh), with slurm-prolog.sh as Prolog:
# after each job, checks that the job left no GPU memory behind, and drains the node when it did.
#  - Only what this job left counts: findings that a process of the job's user (SLURM_JOB_UID) in
#    the job's cgroup owns or holds (uvmctl leaks --uid --cgroup), since other jobs may share the
#    node. A process of the job that ended still counts when its end told whose it was: an OOM
#    kill's lines name the victim's uid and memory cgroup, so memory an OOM-killed job left drains
#    the node. UVMCTL_JOB_CGROUP is the cgroup glob (default '**/job_ID{,/**}', which matches
#    Slurm's cgroup v1 '/slurm/uid_U/job_ID/step_S/...' and v2
#    '/system.slice/slurmstepd.scope/job_ID/step_S/...' layouts); set it empty where Slurm does not
#    put jobs in cgroups (then the uid alone tells). Memory whose processes all ended with no
#    identity told (an exit the log does not show) names no user, so it is never blamed on a job
#    here: the node health check (uvmctl.nhc) or the metrics see it.
#  - Only what appeared while the job ran counts: the findings its prolog noted are left out, so
#    a leak of an earlier job (already drained or accepted) is not blamed on this one.
#  - Teardown can take seconds after the job's processes are killed: a finding must still be
#    there after UVMCTL_GRACE seconds (default 15) to count.
#  - uvmctl exit 3 (it could not see: permissions, a missing kernel log) is logged, never a drain.
# The drain reason is the finding's one-line summary, quoted. The epilog itself exits 0 always:
# a failing epilog would drain the node with Slurm's own, less useful, reason.
UVMCTL=${UVMCTL:-/opt/uvmctl/bin/uvmctl}
STATE=${UVMCTL_STATE:-/run/uvmctl-slurm}
GRACE=${UVMCTL_GRACE:-15}
job=${SLURM_JOB_ID:?no SLURM_JOB_ID: run me as a Slurm epilog}
uid=${SLURM_JOB_UID:?no SLURM_JOB_UID: run me as a Slurm epilog}
cgroup=${UVMCTL_JOB_CGROUP-"**/job_$job{,/**}"}
only=(--uid "$uid")
[ -n "$cgroup" ] && only+=(--cgroup "$cgroup")
node=${SLURMD_NODENAME:-$(hostname -s)}

# To syslog, and to standard error (slurmd's log, with SlurmdDebug high enough).
log() {
  logger -t uvmctl-epilog -- "job $job: $*" 2>/dev/null
  echo "uvmctl-epilog: job $job: $*" >&2
}

before="$STATE/job-$job.before"
[ -f "$before" ] || before=/dev/null

# The ids of the job's findings that are new since the prolog, one per line; exit status of uvmctl.
new_findings() {
  local out status
  # shellcheck disable=SC2086 # UVMCTL_LEAKS_ARGS is a list of options
  out=$("$UVMCTL" leaks -o ndjson "${only[@]}" $UVMCTL_LEAKS_ARGS 2>/dev/null)
  status=$?
  printf '%s\n' "$out" | grep -o '^{"type":"finding","id":"[^"]*"' | cut -d'"' -f8 | grep -vxF -f "$before"
  return $status
}

ids=$(new_findings)
status=$?
if [ "$status" -eq 3 ]; then
  log "uvmctl could not read what it needs (exit 3): not draining; check its permissions"
  rm -f "$STATE/job-$job.before"
  exit 0
fi
if [ -z "$ids" ]; then
  rm -f "$STATE/job-$job.before"
  exit 0
fi

sleep "$GRACE"
later=$(new_findings)
status=$?
rm -f "$STATE/job-$job.before"
if [ "$status" -eq 3 ]; then
  log "uvmctl could not read what it needs (exit 3) after the grace period: not draining"
  exit 0
fi
# Those still there after the grace period.
stayed=$(printf '%s\n' "$ids" | grep -xF -f <(printf '%s\n' "$later"))
if [ -z "$stayed" ]; then
  log "GPU memory the job left was released within ${GRACE}s"
  exit 0
fi

first=$(printf '%s\n' "$stayed" | head -n 1)
# shellcheck disable=SC2086
summary=$("$UVMCTL" leaks "${only[@]}" $UVMCTL_LEAKS_ARGS 2>/dev/null | grep -m 1 "^$first  " | sed "s/^$first  //")
reason="uvmctl: job $job left GPU memory: ${summary:-$first}"
reason=${reason:0:250}
log "draining $node: $reason"
scontrol update nodename="$node" state=drain reason="$reason" || log "scontrol update failed"
exit 0
