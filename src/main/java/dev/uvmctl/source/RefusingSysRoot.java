package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A capture bundle read as the system it was taken from: the paths the capture was refused
 * (listed in its manifest) are refused again, so a bundle taken without root reads as incomplete
 * exactly as the live run did.
 */
public final class RefusingSysRoot extends ForwardingSysRoot {
    private final SysRoot bundle;
    private final Map<String, String> refused;

    public RefusingSysRoot(SysRoot bundle, Map<String, String> refused) {
        this.bundle = bundle;
        this.refused = refused;
    }

    @Override
    protected SysRoot delegate() {
        return bundle;
    }

    private void check(String path) throws IOException {
        String reason = refused.get(path);
        if (reason != null) {
            throw new AccessDeniedException(path, null, reason);
        }
    }

    @Override
    public boolean exists(String path) {
        return refused.containsKey(path) || bundle.exists(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        check(dir);
        return bundle.list(dir);
    }

    @Override
    public InputStream open(String path) throws IOException {
        check(path);
        return bundle.open(path);
    }

    @Override
    public Optional<String> readLink(String path) throws IOException {
        check(path);
        return bundle.readLink(path);
    }
}
