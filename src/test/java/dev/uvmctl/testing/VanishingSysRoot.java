package dev.uvmctl.testing;

import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A fixture root in which chosen processes exit while they are read: {@code /proc} still lists
 * them, but every path below {@code /proc/PID/<after>} is gone, as when the process exits between
 * the listing and the read. {@code after} is {@code ""} to lose the whole directory, {@code "fd"}
 * to lose it after its status was read.
 */
public final class VanishingSysRoot implements SysRoot {
    private final DirectorySysRoot delegate;
    private final Set<Integer> pids;
    private final String after;

    public VanishingSysRoot(Path root, Set<Integer> pids, String after) {
        this.delegate = new DirectorySysRoot(root);
        this.pids = pids;
        this.after = after;
    }

    private void check(String path) throws IOException {
        for (int pid : pids) {
            String dir = "/proc/" + pid + "/";
            if (path.startsWith(dir) && path.substring(dir.length()).startsWith(after)) {
                throw new NoSuchFileException(path);
            }
        }
    }

    @Override
    public String display(String path) {
        return delegate.display(path);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public boolean exists(String path) {
        return delegate.exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return delegate.isDirectory(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        check(dir + "/");
        return delegate.list(dir);
    }

    @Override
    public InputStream open(String path) throws IOException {
        check(path);
        return delegate.open(path);
    }

    @Override
    public Optional<String> readLink(String path) throws IOException {
        check(path);
        return delegate.readLink(path);
    }
}
