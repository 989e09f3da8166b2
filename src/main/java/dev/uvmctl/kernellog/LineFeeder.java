package dev.uvmctl.kernellog;

/**
 * The {@link KernelLogScanner}'s line selection for input that is already split into text lines
 * (the sections of a bug report): relevant lines go to the parser with the lines before them
 * available for looking back, the others are skipped unless the parser asks for them.
 */
final class LineFeeder {
    private static final int RING = 128;

    private final KernelLogParser parser;
    private final long[] numbers = new long[RING];
    private final String[] texts = new String[RING];
    private int head;
    private int count;
    private long seen;
    private KernelLogParser.Next next = KernelLogParser.Next.SKIP;

    LineFeeder(KernelLogParser parser) {
        this.parser = parser;
    }

    void line(long number, String text) {
        boolean unusual = text.isEmpty() || text.charAt(0) != parser.usualStart();
        seen++;
        if (next == KernelLogParser.Next.ALWAYS || next == KernelLogParser.Next.UNUSUAL && unusual
            || Markers.relevant(text) || text.startsWith("-- ")) {
            parser.line(number, text, lookback, false);
            next = parser.next();
        } else if (seen <= KernelLogScanner.PROBE_LINES) {
            parser.probe(text);
        }
        head = (head + 1) % RING;
        numbers[head] = number;
        texts[head] = text;
        count = Math.min(count + 1, RING);
    }

    void end() {
        parser.end();
    }

    private final KernelLogParser.Lookback lookback = new KernelLogParser.Lookback() {
        @Override
        public int available() {
            return count;
        }

        @Override
        public long number(int back) {
            return numbers[slot(back)];
        }

        @Override
        public String text(int back) {
            return texts[slot(back)];
        }

        private int slot(int back) {
            return ((head - back + 1) % RING + RING) % RING;
        }
    };
}
