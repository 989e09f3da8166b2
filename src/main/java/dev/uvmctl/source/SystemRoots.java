package dev.uvmctl.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens what {@code --root} or an input names as a system root: a directory (the live {@code /},
 * a fixture tree or an unpacked bundle) or a {@code .tar.gz} bundle. A bundle's refusals are
 * replayed (see {@link RefusingSysRoot}).
 */
public final class SystemRoots {
    private SystemRoots() {
    }

    /** True when {@code path} is a file that can be read as a bundle: a tar archive, gzip-compressed or not. */
    public static boolean isArchive(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return Files.isRegularFile(path) && (name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar"));
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
        return manifest == null || manifest.refused().isEmpty() ? root : new RefusingSysRoot(root, manifest.refused());
    }
}
