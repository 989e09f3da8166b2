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
# The drain reason, quoted and at most 250 characters, is one line from uvmctl's NDJSON records:
# the summary of the incident the first finding that stayed belongs to (who ended, how, when,
# what it left: it names an OOM-killed process), else that finding's own summary. The epilog
# itself exits 0 always: a failing epilog would drain the node with Slurm's own, less useful, reason.
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

# uvmctl's NDJSON records of the job's findings, in $records; exit status of uvmctl.
records=
leaks() {
  # shellcheck disable=SC2086 # UVMCTL_LEAKS_ARGS is a list of options
  records=$("$UVMCTL" leaks -o ndjson "${only[@]}" $UVMCTL_LEAKS_ARGS 2>/dev/null)
}

# The ids of the findings in $records that are new since the prolog, one per line. jq may be
# absent on a node: a finding's record is the line with "type":"finding", wherever the key is, and
# its id the one "id" key of the line (no nested object of a finding has one).
new_findings() {
  printf '%s\n' "$records" | grep -F '"type":"finding"' | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | grep -vxF -f "$before"
}

# The summary that says what finding $1 left: its incident's (the "type":"incident" record whose
# "findings" list names it) when it has one, else its own. The incident is looked up on the whole
# node: the job's findings alone may be too few to make one (an OOM-killed job's process leaves an
# unattributed finding here, and a retained GPU that names no user). A string-valued "summary" key
# is at the top level of those records only; the value is JSON-unescaped, a line break or tab as a
# space.
summary_of() {
  local line
  # shellcheck disable=SC2086
  line=$("$UVMCTL" leaks -o ndjson $UVMCTL_LEAKS_ARGS 2>/dev/null | grep -F '"type":"incident"' | grep -m 1 -F "\"$1\"")
  [ -n "$line" ] || line=$(printf '%s\n' "$records" | grep -F '"type":"finding"' | grep -m 1 -F "\"id\":\"$1\"")
  printf '%s\n' "$line" | grep -o '"summary":"\([^"\\]\|\\.\)*"' | head -n 1 \
    | sed -e 's/^"summary":"//' -e 's/"$//' -e 's/\\\\/\x01/g' -e 's/\\[nrt]/ /g' -e 's/\\\(["/]\)/\1/g' -e 's/\x01/\\/g'
}

leaks
status=$?
ids=$(new_findings)
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
leaks
status=$?
later=$(new_findings)
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
summary=$(summary_of "$first")
reason="uvmctl: job $job left GPU memory: ${summary:-$first}"
reason=${reason:0:250}
log "draining $node: $reason"
scontrol update nodename="$node" state=drain reason="$reason" || log "scontrol update failed"
exit 0
