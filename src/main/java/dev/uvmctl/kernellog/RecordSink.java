package dev.uvmctl.kernellog;

/**
 * Where selected records go. Records are accepted tentatively: when a later boot shows that the
 * records since the last commit do not belong to the boot asked for, they are discarded.
 */
public interface RecordSink {
    void accept(KernelRecord record);

    /** The records accepted since the last commit are final. */
    void commit();

    /** Forget the records accepted since the last commit. */
    void discard();

    /**
     * {@code sink} until {@code stop} says nobody wants its output any more ({@code | head}): from
     * then on records are dropped, so no more work goes into rendering them.
     */
    static RecordSink until(java.util.function.BooleanSupplier stop, RecordSink sink) {
        return new RecordSink() {
            @Override
            public void accept(KernelRecord record) {
                if (!stop.getAsBoolean()) {
                    sink.accept(record);
                }
            }

            @Override
            public void commit() {
                if (!stop.getAsBoolean()) {
                    sink.commit();
                }
            }

            @Override
            public void discard() {
                sink.discard();
            }
        };
    }

    /** Both sinks, in order. */
    static RecordSink both(RecordSink a, RecordSink b) {
        return new RecordSink() {
            @Override
            public void accept(KernelRecord record) {
                a.accept(record);
                b.accept(record);
            }

            @Override
            public void commit() {
                a.commit();
                b.commit();
            }

            @Override
            public void discard() {
                a.discard();
                b.discard();
            }
        };
    }
}
