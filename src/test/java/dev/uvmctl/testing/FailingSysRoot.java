package dev.uvmctl.testing;

import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.source.ForwardingSysRoot;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A fixture root in which chosen paths cannot be read, as for a non-root user: tests run as
 * root, where file permissions make nothing unreadable.
 */
public final class FailingSysRoot extends ForwardingSysRoot {
    private final DirectorySysRoot root;
    private final Set<String> denied;
    private final Function<String, IOException> failure;

    public FailingSysRoot(Path root, Set<String> denied) {
        this(root, denied, AccessDeniedException::new);
    }

    /** {@code failure}: what reading one of {@code denied} throws, given its path (an I/O error, say). */
    public FailingSysRoot(Path root, Set<String> denied, Function<String, IOException> failure) {
        this.root = new DirectorySysRoot(root);
        this.denied = denied;
        this.failure = failure;
    }

    @Override
    protected SysRoot delegate() {
        return root;
    }

    private void check(String path) throws IOException {
        if (denied.contains(path)) {
            throw failure.apply(path);
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        check(dir);
        return root.list(dir);
    }

    @Override
    public InputStream open(String path) throws IOException {
        check(path);
        return root.open(path);
    }

    @Override
    public Optional<String> readLink(String path) throws IOException {
        check(path);
        return root.readLink(path);
    }
}
