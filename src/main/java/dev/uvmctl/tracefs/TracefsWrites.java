package dev.uvmctl.tracefs;

import java.io.IOException;

/**
 * The writes {@code uvmctl trace} makes on the inspected system, named by their absolute path
 * there: tracefs's control files and uvmctl's own lock file. Reads go through the
 * {@link dev.uvmctl.source.SysRoot} as every read does. Tests give a fake tracefs that behaves as
 * the kernel does; the live one writes to files under the root.
 */
public interface TracefsWrites {

    /**
     * Opens {@code path} for appending, writes {@code text} in one write and closes it: what
     * {@code kprobe_events} needs, one definition per write. Opening it without append (the
     * shell's {@code >}) would delete every probe on the system.
     */
    void append(String path, String text) throws IOException;

    /** Writes a control file whole ({@code enable}, {@code filter}, {@code buffer_size_kb}, an option). */
    void write(String path, String text) throws IOException;

    /** Creates a directory: in tracefs's {@code instances/}, a trace instance. */
    void mkdir(String path) throws IOException;

    /** Removes a directory: a trace instance (refused while its {@code trace_pipe} is open). */
    void rmdir(String path) throws IOException;

    /** Creates {@code path} with {@code text}, failing when it exists: the lock. Parent directories are made. */
    void create(String path, String text) throws IOException;

    /**
     * Takes over the lock {@code path} of a run that ended: replaces it with {@code text} only while it
     * still holds {@code stale}, what was read and judged, so that of two runs that found the same
     * ended one, only one takes it. {@link java.nio.file.FileAlreadyExistsException} when another
     * took it, or changed it, since it was read.
     */
    void claim(String path, String stale, String text) throws IOException;

    /** Replaces the whole content of a file of uvmctl's own (the lock's state). */
    void replace(String path, String text) throws IOException;

    /** Deletes a file of uvmctl's own; nothing when it is gone. */
    void delete(String path) throws IOException;
}
