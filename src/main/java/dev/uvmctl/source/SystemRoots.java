package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Opens what {@code --root} or an input names as a system root: a directory (the live {@code /},
 * a fixture tree or an unpacked bundle) or a {@code .tar.gz} bundle. A bundle's refusals are
 * replayed, and the paths its manifest lists as copied that it no longer has read as unreadable
 * (see {@link RefusingSysRoot}).
 */
public final class SystemRoots {
    private static final int TAR_MAGIC_AT = 257;
    private static final byte[] TAR_MAGIC = {'u', 's', 't', 'a', 'r'};

    private SystemRoots() {
    }

    /** True when an input names a system root: a directory, or a bundle archive ({@link #isArchive}). */
    public static boolean isRoot(InputFile input) {
        return input.isDirectory() || !input.isStdin() && isArchive(input.path());
    }

    /**
     * True when {@code path} is a file to read as a bundle: a tar archive, gzip-compressed or not,
     * by its name ({@code .tar.gz}, {@code .tgz}, {@code .tar}) or, whatever it is called, by its
     * content (the {@code ustar} magic of its first header).
     */
    public static boolean isArchive(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!Files.isRegularFile(path)) {
            return false;
        }
        return name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar") || isTar(path);
    }

    /** The first tar header's magic, {@code ustar} at byte 257 (POSIX and GNU tar both write it). */
    private static boolean isTar(Path path) {
        try (InputStream in = InputFile.decompressIfGzip(Files.newInputStream(path))) {
            byte[] header = in.readNBytes(TAR_MAGIC_AT + TAR_MAGIC.length);
            return header.length == TAR_MAGIC_AT + TAR_MAGIC.length
                && Arrays.equals(header, TAR_MAGIC_AT, header.length, TAR_MAGIC, 0, TAR_MAGIC.length);
        } catch (IOException e) {
            // Not readable as a tar: it is read as a file, which says what is wrong with it.
            return false;
        }
    }



    public static SysRoot open(Path path) {
        SysRoot root;
        if (Files.isDirectory(path)) {
            root = new DirectorySysRoot(path);
        } else {
            try {
                root = ArchiveSysRoot.open(path);
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": not a readable capture bundle (" + IoErrors.describe(e) + ")", e);
            }
        }
        BundleManifest manifest = BundleManifest.read(root);
        if (manifest == null) {
            return root;
        }
        SysRoot bundle = root;
        List<String> lost = manifest.copied().stream().filter(p -> !bundle.exists(p)).toList();
        return manifest.refused().isEmpty() && lost.isEmpty() ? root : new RefusingSysRoot(root, manifest.refused(), lost);
    }
}
