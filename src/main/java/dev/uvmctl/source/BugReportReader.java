package dev.uvmctl.source;

import java.io.Closeable;
import java.io.IOException;

/**
 * Splits an {@code nvidia-bug-report.log} into its sections. nvidia-bug-report.sh starts every
 * section with a line of 44 underscores and a blank line; the first non-blank line after that is
 * the section's title ({@code *** /proc/driver/nvidia/params}, {@code dmesg:}, {@code Scanning
 * kernel log files for NVIDIA kernel messages:}, a command line, ...). Streams: only the
 * current line is held.
 *
 * <pre>
 * for (Section s = r.nextSection(); s != null; s = r.nextSection()) {
 *     for (LineReader.Line l = r.nextLine(); l != null; l = r.nextLine()) { ... }
 * }
 * </pre>
 */
public final class BugReportReader implements Closeable {
    public static final String SEPARATOR = "____________________________________________";
    /** The prologue's first words (the section after the first separator). */
    public static final String PROLOGUE = "Start of NVIDIA bug report log file.";

    /** A section: its title and the line number of the title. */
    public record Section(String title, long line) {
    }

    private final LineReader lines;
    private LineReader.Line pending;
    private boolean inSection;

    public BugReportReader(LineReader lines) {
        this.lines = lines;
    }

    /**
     * True when the first kilobytes of an input look like a bug report: its prologue, or (for an
     * excerpt) a section separator followed by a blank line.
     */
    public static boolean looksLike(String head) {
        return head.contains(PROLOGUE) || head.startsWith(SEPARATOR + "\n\n") || head.startsWith(SEPARATOR + "\r\n\r\n");
    }

    /**
     * Moves to the next section, skipping what is left of the current one and sections with
     * nothing in them; null at the end.
     */
    public Section nextSection() throws IOException {
        while (inSection && nextLine() != null) {
            // the rest of the current section is not wanted
        }
        LineReader.Line l = take();
        while (l != null) {
            if (isSeparator(l)) {
                l = take();
                while (l != null && l.text().isBlank()) {
                    l = take();
                }
                if (l != null && !isSeparator(l)) {
                    inSection = true;
                    return new Section(l.text().strip(), l.number());
                }
            } else {
                l = take();
            }
        }
        return null;
    }

    /** The next line of the current section, or null at its end. */
    public LineReader.Line nextLine() throws IOException {
        if (!inSection) {
            return null;
        }
        LineReader.Line l = take();
        if (l == null || isSeparator(l)) {
            pending = l;
            inSection = false;
            return null;
        }
        return l;
    }

    private LineReader.Line take() throws IOException {
        if (pending != null) {
            LineReader.Line l = pending;
            pending = null;
            return l;
        }
        return lines.next();
    }

    private static boolean isSeparator(LineReader.Line l) {
        return l.text().equals(SEPARATOR);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
