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

/**
 * A fixture root in which chosen paths cannot be read, as for a non-root user: tests run as
 * root, where file permissions make nothing unreadable.
 */
public final class FailingSysRoot extends ForwardingSysRoot {
    private final DirectorySysRoot root;
    private final Set<String> denied;

    public FailingSysRoot(Path root, Set<String> denied) {
        this.root = new DirectorySysRoot(root);
        this.denied = denied;
    }

    @Override
    protected SysRoot delegate() {
        return root;
    }

    private void check(String path) throws IOException {
        if (denied.contains(path)) {
            throw new AccessDeniedException(path);
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
