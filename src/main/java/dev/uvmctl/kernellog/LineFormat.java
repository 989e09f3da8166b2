package dev.uvmctl.kernellog;

/** The line formats kernel logs come in, by the name reported in {@code summary.inputs[].formats}. */
public enum LineFormat {
    /** {@code [  123.456789] text}: dmesg, also with {@code dmesg -d} deltas. */
    DMESG("dmesg"),
    /** {@code <4>[  123.456789] text}: {@code dmesg -r}, pstore dumps. */
    DMESG_RAW("dmesg-raw"),
    /** {@code kern  :warn  : [  123.456789] text}: {@code dmesg -x}. */
    DMESG_DECODED("dmesg-x"),
    /** {@code [Fri Nov 27 12:00:01 2026] text}: {@code dmesg -T}. */
    DMESG_CTIME("dmesg-T"),
    /**
     * {@code [Dec 7 07:00] text} and {@code [  +0.000123] text}: {@code dmesg -e}, {@code -H}
     * ({@code --reltime}); its records carry no time (the form gives a minute without seconds, and deltas).
     */
    DMESG_RELTIME("dmesg-reltime"),
    /** {@code [<    0.000123>] text}: {@code dmesg -d -t}, {@code --time-format delta}; no time either. */
    DMESG_DELTA("dmesg-delta"),
    /** {@code 2026-11-27T12:00:01,123456+01:00 text}: {@code dmesg --time-format iso}. */
    DMESG_ISO("dmesg-iso"),
    /** {@code {"dmesg": [{"pri": 4, "time": 123.456789, "msg": "text"}, ...]}}: {@code dmesg --json}, one document. */
    DMESG_JSON("dmesg-json"),
    /** {@code 6,1234,5678901,-;text}: {@code /dev/kmsg}. */
    KMSG("kmsg"),
    /** {@code Nov 27 12:00:01 host kernel: [ts] text}: kern.log, messages, {@code journalctl -k} short. */
    SYSLOG("syslog"),
    /** {@code 2026-11-27T12:00:01.123456+01:00 host kernel: text}: RFC 3339 syslog, {@code journalctl -o short-iso}. */
    SYSLOG_ISO("syslog-iso"),
    /**
     * {@code <4>1 2026-11-27T12:00:01.123456+01:00 host kernel - - - text}: RFC 5424 syslog (rsyslog's
     * {@code RSYSLOG_SyslogProtocol23Format}, syslog-ng's {@code syslog-protocol}, remote collectors).
     */
    SYSLOG_5424("syslog-5424"),
    /** {@code [  123.456789] host kernel: text}: {@code journalctl -o short-monotonic}. */
    JOURNAL_MONOTONIC("journal-monotonic"),
    /** {@code 1764241201.123456 host kernel: text}: {@code journalctl -o short-unix}. */
    JOURNAL_UNIX("journal-unix"),
    /** {@code Fri 2026-11-27 12:00:01 CET host kernel: text}: {@code journalctl -o short-full}. */
    JOURNAL_FULL("journal-full"),
    /** {@code host: kern: warning: [RFC 3339]: text}: remote syslog as Talos writes it. */
    REMOTE("remote-syslog"),
    /** {@code 2026-12-07T07:00:01Z {host="node", job="kernel"} text}: Loki's {@code logcli query} output. */
    LOKI("loki-logcli"),
    /** One JSON object per line: {@code journalctl -o json}. */
    JOURNAL_JSON("journal-json"),
    /**
     * {@code __CURSOR=...} then {@code KEY=value} lines, a blank line between entries:
     * {@code journalctl -o export}. Recognized, not read ({@link #notRead}).
     */
    JOURNAL_EXPORT("journal-export"),
    /**
     * {@code Fri 2026-11-27 12:00:01.123456 CET [s=...;i=...]} then indented {@code KEY=value}
     * lines: {@code journalctl -o verbose}. Recognized, not read ({@link #notRead}).
     */
    JOURNAL_VERBOSE("journal-verbose"),
    /** {@code -- Boot 1a2b... --}, {@code -- Reboot --}: journalctl's own lines between entries. */
    JOURNAL_MARKER("journal-marker"),
    /** Text with no prefix: a pasted excerpt with the host and time stripped. */
    BARE("bare");

    private final String label;

    LineFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Why a log in this form is not read, saying what to give uvmctl instead; null for the forms
     * that are read. In journalctl's export and verbose forms a message is on one line and its
     * time, level and boot on others, which the line scanner does not keep together: read line
     * by line, every NVRM line would lose them.
     */
    public String notRead() {
        return switch (this) {
            case JOURNAL_EXPORT, JOURNAL_VERBOSE -> "is journalctl -o " + (this == JOURNAL_EXPORT ? "export" : "verbose")
                + " output, whose messages, times and boots are on lines of their own: not read; give uvmctl the output of "
                + "journalctl -k -o json (or -o short-monotonic) instead";
            case DMESG, DMESG_RAW, DMESG_DECODED, DMESG_CTIME, DMESG_RELTIME, DMESG_DELTA, DMESG_ISO, DMESG_JSON, KMSG, SYSLOG,
                SYSLOG_ISO, SYSLOG_5424, JOURNAL_MONOTONIC, JOURNAL_UNIX, JOURNAL_FULL, REMOTE, LOKI, JOURNAL_JSON, JOURNAL_MARKER, BARE -> null;
        };
    }
}
