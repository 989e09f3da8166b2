package dev.uvmctl.testing;

import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.source.ForwardingSysRoot;
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
 * the listing and the read. {@code after} is {@code ""} to lose the whole directory (the directory
 * itself then no longer exists either), {@code "fd"} to lose only what is named so.
 */
public final class VanishingSysRoot extends ForwardingSysRoot {
    private final DirectorySysRoot root;
    private final Set<Integer> pids;
    private final String after;

    public VanishingSysRoot(Path root, Set<Integer> pids, String after) {
        this.root = new DirectorySysRoot(root);
        this.pids = pids;
        this.after = after;
    }

    @Override
    protected SysRoot delegate() {
        return root;
    }

    private void check(String path) throws IOException {
        for (int pid : pids) {
            String dir = "/proc/" + pid + "/";
            if (path.startsWith(dir) && path.substring(dir.length()).startsWith(after)) {
                throw new NoSuchFileException(path);
            }
        }
    }

    private boolean gone(String path) {
        try {
            check(path + "/");
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public boolean exists(String path) {
        return !gone(path) && root.exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return !gone(path) && root.isDirectory(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        check(dir + "/");
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
