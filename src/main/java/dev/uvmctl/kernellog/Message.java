package dev.uvmctl.kernellog;

/**
 * One kernel message: a printk record, assembled from its first line and any continuation
 * lines, with the prefix facts of its first line.
 */
final class Message {
    final long line;
    long lastLine;
    final String raw;
    /** The text so far; while continuation lines are being added, {@code more} holds it instead. */
    private String text;
    private StringBuilder more;
    final Long kernelMicros;
    final WallTime wall;
    final Integer level;
    final String bootId;
    final LineFormat format;

    Message(LogLine first) {
        this.line = first.number();
        this.lastLine = first.number();
        this.raw = TextCut.cut(first.raw(), RecordOrigin.MAX_RAW);
        this.text = first.message();
        this.kernelMicros = first.kernelMicros();
        this.wall = first.wall();
        this.level = first.level();
        this.bootId = first.bootId();
        this.format = first.format();
    }

    void append(long number, String continuation) {
        if (more == null) {
            more = new StringBuilder(text);
        }
        if (more.length() < 64 * 1024) {
            more.append('\n').append(continuation);
        }
        lastLine = number;
    }

    /** Copied out once, not at every call: most messages are one line, read several times. */
    String text() {
        if (more != null) {
            text = more.toString();
            more = null;
        }
        return text;
    }

    /** Same printk burst: equal kernel time, or equal wall time when there is no kernel time. */
    boolean sameTime(Message o) {
        if (kernelMicros != null || o.kernelMicros != null) {
            return kernelMicros != null && kernelMicros.equals(o.kernelMicros);
        }
        return wall != null && wall.equals(o.wall);
    }
}
