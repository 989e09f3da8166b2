package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A directory of another root read as a root of its own: a snapshot under {@code snapshots/NAME/}
 * of what {@code dev/capture-real.sh} writes, in a directory or a {@code .tar.gz} alike. Paths are
 * the inspected system's ({@code /proc/5120/maps}); link targets are as they were read there.
 */
public final class SubtreeSysRoot implements SysRoot {
    private final SysRoot parent;
    private final String dir;
    private final String name;

    /** {@code dir}: where the subtree is in {@code parent} ({@code /snapshots/while-running}); {@code name}: the subtree in words. */
    public SubtreeSysRoot(SysRoot parent, String dir, String name) {
        this.parent = parent;
        this.dir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        this.name = name;
    }

    private String in(String path) {
        return path.equals("/") ? dir : dir + path;
    }

    @Override
    public String display(String path) {
        return path;
    }

    @Override
    public String tried(String path) {
        return parent.tried(in(path));
    }

    @Override
    public String describe() {
        return "the system root " + name;
    }

    @Override
    public boolean exists(String path) {
        return parent.exists(in(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return parent.isDirectory(in(path));
    }

    @Override
    public List<String> list(String path) throws IOException {
        return parent.list(in(path));
    }

    @Override
    public InputStream open(String path) throws IOException {
        return parent.open(in(path));
    }

    @Override
    public Optional<String> readLink(String path) throws IOException {
        return parent.readLink(in(path));
    }
}
