#!/bin/bash
# Slurm Prolog (slurm.conf: Prolog=/etc/slurm/uvmctl-prolog.sh): notes the findings already on
# the node when a job starts, so that its epilog (slurm-epilog.sh) blames the job only for what
# appeared while it ran. Never fails the job: a prolog that exits non-zero drains the node.
UVMCTL=${UVMCTL:-/opt/uvmctl/bin/uvmctl}
STATE=${UVMCTL_STATE:-/run/uvmctl-slurm}
job=${SLURM_JOB_ID:?no SLURM_JOB_ID: run me as a Slurm prolog}

mkdir -p "$STATE" || exit 0
# shellcheck disable=SC2086 # UVMCTL_LEAKS_ARGS is a list of options
"$UVMCTL" leaks -o ndjson $UVMCTL_LEAKS_ARGS 2>/dev/null | grep -F '"type":"finding"' | grep -o '"id":"[^"]*"' | cut -d'"' -f4 \
  > "$STATE/job-$job.before" || true
exit 0
