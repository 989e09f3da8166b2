package dev.uvmctl.cli;

/** The exit statuses every uvmctl command uses (docs/architecture.md, "Conventions"). */
public final class ExitCode {
    /** Ran and found nothing to report. */
    public static final int OK = 0;
    /** Ran and found something: unreleased memory, a failing check. */
    public static final int FOUND = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** Could not read what was needed: the answer would be incomplete. */
    public static final int INCOMPLETE = 3;
    /** A bug in uvmctl. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
