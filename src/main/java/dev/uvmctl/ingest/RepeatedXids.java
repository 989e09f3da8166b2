package dev.uvmctl.ingest;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.Xid;
import dev.uvmctl.shared.Diagnostic;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One Xid that two inputs both report, told apart from two Xids, so that it is counted once.
 *
 * <p>The driver reports each Xid through every channel in one call: {@code nvErrorLog2}
 * (src/nvidia/src/kernel/os/os_init.c, 535..595) prints {@code NVRM: Xid (PCI:…): N, …} through
 * {@code krcReportXid} and then calls {@code osErrorLogV} → {@code nv_log_error}, the function
 * uvmctl's {@code uvm_xid} probe is on, which calls {@code nv_report_error}, where the
 * {@code nvidia:nvidia_dev_xid} tracepoint fires (575.51.02..595). So a trace and a kernel log of
 * one boot show the same Xid of the same GPU, microseconds apart on the same clock; two kernel
 * logs of one boot (a {@code dmesg} and a {@code journalctl -k} of it) show it at the same
 * microsecond. An Xid of one GPU and code that another input reported at most {@link #WINDOW_NANOS}
 * before is that one again, and is left out; an Xid given stands for at most one of each other
 * input, so a burst of the same Xid keeps its count. Xids of one input are never each other: an input reports
 * each Xid once. Without {@code RmLogonRC} the kernel log prints none, and the trace's stand alone.
 */
final class RepeatedXids {
    /** How far apart two inputs' reports of one Xid may be: far more than one call's formatting and printk take. */
    static final long WINDOW_NANOS = 1_000_000_000L;

    /** An Xid given, and the other inputs whose report of it was left out. */
    private record Seen(String boot, String gpu, int code, long time, int input, Set<Integer> repeatedBy) {
    }

    private final ArrayDeque<Seen> recent = new ArrayDeque<>();
    private final Set<String> saidPairs = new HashSet<>();
    private final List<String> names;
    private final Consumer<Diagnostic> diagnostics;

    /** {@code names}: the inputs' names, by number. */
    RepeatedXids(List<String> names, Consumer<Diagnostic> diagnostics) {
        this.names = names;
        this.diagnostics = diagnostics;
    }

    /**
     * Whether {@code x}, placed in {@code boot} at {@code time} and read from input number
     * {@code input}, is an Xid another input already reported: then it is to
     * be left out (said once for each pair of inputs). Xids are given in replay order.
     */
    boolean repeats(Xid x, String boot, long time, int input) {
        if (time == EventTime.UNKNOWN) {
            return false;
        }
        while (!recent.isEmpty() && (!Objects.equals(recent.peekFirst().boot(), boot) || time - recent.peekFirst().time() > WINDOW_NANOS)) {
            recent.pollFirst();
        }
        for (Seen s : recent) {
            if (s.input() != input && s.code() == x.code() && s.gpu().equals(x.gpu()) && s.repeatedBy().add(input)) {
                if (saidPairs.add(s.input() + "," + input)) {
                    diagnostics.accept(Diagnostic.at(names.get(input), x.source().line(), "Xid " + x.code() + " of " + x.gpu()
                        + " is the one " + names.get(s.input()) + " reported " + (time - s.time()) / 1000 + " µs before in the same boot: "
                        + "each Xid both inputs show is counted once, as read first (the driver prints an Xid and fires its probes "
                        + "in one call, nvErrorLog2; two logs of one boot hold the same lines)"));
                }
                return true;
            }
        }
        recent.addLast(new Seen(boot, x.gpu(), x.code(), time, input, new HashSet<>(2)));
        return false;
    }
}
