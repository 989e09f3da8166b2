package dev.uvmctl.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Copies of fixture trees for a test to damage: links stay links (a root's fd entries). */
public final class Trees {
    private Trees() {
    }

    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /**
     * {@code from} written as {@code tar -C FROM -czf TO .} does: every entry under {@code ./}, directories with a
     * trailing slash, links as links.
     */
    public static void tarGz(Path from, Path to) throws IOException {
        try (OutputStream out = Files.newOutputStream(to);
             GZIPOutputStream gz = new GZIPOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            try (Stream<Path> all = Files.walk(from)) {
                for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
                    String name = "./" + from.relativize(p).toString().replace('\\', '/');
                    TarArchiveEntry e;
                    if (Files.isSymbolicLink(p)) {
                        e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                        e.setLinkName(Files.readSymbolicLink(p).toString());
                    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        e = new TarArchiveEntry(name.equals("./") ? name : name + "/");
                    } else {
                        e = new TarArchiveEntry(name);
                        e.setSize(Files.size(p));
                    }
                    tar.putArchiveEntry(e);
                    if (!Files.isSymbolicLink(p) && Files.isRegularFile(p)) {
                        Files.copy(p, tar);
                    }
                    tar.closeArchiveEntry();
                }
            }
        }
    }
}
