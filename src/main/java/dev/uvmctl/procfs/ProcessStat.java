package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;

/**
 * The fields of {@code /proc/PID/stat} that {@code status} lacks: process group, session and the
 * start time in clock ticks after boot. A process whose parent is init but whose group or session
 * leader is another process was started by a parent that has since died (a reparented worker);
 * daemons lead their own session.
 */
public record ProcessStat(int pid, String state, int ppid, int pgrp, int session, long startTicks, Provenance origin) {
}
