package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A system root that passes every call to another one: the base of the roots that add one
 * behaviour (refusing paths a capture was refused, recording what is read, failing on purpose
 * in tests) and leave the rest alone.
 */
public abstract class ForwardingSysRoot implements SysRoot {

    /** The root calls go to; it may change between calls. */
    protected abstract SysRoot delegate();

    @Override
    public String display(String path) {
        return delegate().display(path);
    }

    @Override
    public String tried(String path) {
        return delegate().tried(path);
    }

    @Override
    public Boolean sameOpenFile(int pidA, int fdA, int pidB, int fdB) {
        return delegate().sameOpenFile(pidA, fdA, pidB, fdB);
    }

    @Override
    public String describe() {
        return delegate().describe();
    }

    @Override
    public boolean exists(String path) {
        return delegate().exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return delegate().isDirectory(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return delegate().list(dir);
    }

    @Override
    public InputStream open(String path) throws IOException {
        return delegate().open(path);
    }

    @Override
    public Optional<String> readLink(String path) throws IOException {
        return delegate().readLink(path);
    }
}
