package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The system being inspected: {@code /} on a live machine, a capture bundle or a test fixture.
 * Every read of {@code /proc}, {@code /sys}, {@code /etc} or the kernel log goes through here,
 * named by its absolute path on the inspected system ({@code "/proc/cmdline"}).
 */
public interface SysRoot {

    /**
     * How to name {@code path} in messages and evidence: as it is on the inspected system
     * ({@code /etc/modprobe.d/x.conf}), whether that is the live machine or a capture of one.
     */
    String display(String path);

    /** The root itself in words: {@code the live system} or {@code the system root DIR}. */
    String describe();

    /**
     * What was tried for {@code path}, to name in an error about opening it: the file on this
     * machine where there is one ({@code /srv/fixture/dev/kmsg} for a directory root), else the
     * path and the root it was looked for in.
     */
    default String tried(String path) {
        return display(path) + " in " + describe();
    }

    /** True when something exists at {@code path} (a dangling link counts). */
    boolean exists(String path);

    boolean isDirectory(String path);

    /** The entry names of a directory, sorted. */
    List<String> list(String dir) throws IOException;

    InputStream open(String path) throws IOException;

    /** The target of a symbolic link, or empty when {@code path} is not a link. */
    Optional<String> readLink(String path) throws IOException;

    /**
     * Whether fd {@code fdA} of process {@code pidA} and fd {@code fdB} of {@code pidB} are one open
     * file (one {@code struct file}, as fork() shares it): true, false, or null when this root
     * cannot tell. Only the live system can, through kcmp(2) with {@code KCMP_FILE} (and only with
     * the right to ptrace both); a capture or fixture answers null here and keeps what kcmp said at
     * capture time in a file of its own.
     */
    default Boolean sameOpenFile(int pidA, int fdA, int pidB, int fdB) {
        return null;
    }

    /** Reads a small text file whole (procfs and sysfs files), as UTF-8. */
    default String readString(String path) throws IOException {
        try (InputStream in = open(path)) {
            byte[] bytes = in.readNBytes(MAX_SMALL_FILE);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Larger than any procfs or sysfs file uvmctl reads whole. */
    int MAX_SMALL_FILE = 4 << 20;
}
