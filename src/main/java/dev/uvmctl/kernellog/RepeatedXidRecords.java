package dev.uvmctl.kernellog;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.RepeatedXids;
import java.util.function.Consumer;

/**
 * The records of several kernel logs, with an Xid that another log of the same boot already gave
 * left out ({@link RepeatedXids}, the rule the judging commands replay by): {@code uvmctl dmesg}
 * given a {@code dmesg} and a {@code journalctl -k} of one boot lists and counts each Xid once, as
 * {@code uvmctl leaks} does. A log whose records name no boot id is never compared.
 */
public final class RepeatedXidRecords implements RecordSink {
    private final RecordSink sink;
    private final Consumer<Diagnostic> diagnostics;
    private final RepeatedXids xids = new RepeatedXids(false);

    public RepeatedXidRecords(RecordSink sink, Consumer<Diagnostic> diagnostics) {
        this.sink = sink;
        this.diagnostics = diagnostics;
    }

    @Override
    public void accept(KernelRecord record) {
        if (record instanceof XidRecord x && x.gpu() != null && x.origin().kernelMicros() != null) {
            RecordOrigin o = x.origin();
            String gpu = x.gpu().toString();
            RepeatedXids.Earlier e = xids.repeats(o.bootId(), gpu, x.code(), o.kernelMicros() * 1000, o.input());
            if (e != null) {
                String said = xids.saidOnce(x.code(), gpu, e, o.input());
                if (said != null) {
                    diagnostics.accept(Diagnostic.at(o.input(), o.line(), said));
                }
                return;
            }
        }
        sink.accept(record);
    }

    @Override
    public void commit() {
        xids.commit();
        sink.commit();
    }

    @Override
    public void discard() {
        xids.discard();
        sink.discard();
    }
}
