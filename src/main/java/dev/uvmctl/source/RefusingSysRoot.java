package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A capture bundle read as the system it was taken from: the paths the capture was refused
 * (listed in its manifest) are refused again, so a bundle taken without root reads as incomplete
 * exactly as the live run did. The paths the manifest lists as copied that the bundle no longer
 * has ({@code lost}: a damaged or hand-edited bundle) are unreadable too, and listed in their
 * directory, so that what needed them is incomplete (exit 3) instead of taken as never there.
 */
public final class RefusingSysRoot extends ForwardingSysRoot {
    /** Why a lost path cannot be read. */
    public static final String LOST = "missing from the bundle, though its manifest lists it as copied (the bundle is damaged)";
    private final SysRoot bundle;
    private final Map<String, String> refused;
    private final Set<String> lost;

    public RefusingSysRoot(SysRoot bundle, Map<String, String> refused) {
        this(bundle, refused, List.of());
    }

    public RefusingSysRoot(SysRoot bundle, Map<String, String> refused, List<String> lost) {
        this.bundle = bundle;
        this.refused = refused;
        this.lost = Set.copyOf(lost);
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
        if (lost.contains(path)) {
            throw new IOException(LOST);
        }
    }

    @Override
    public boolean exists(String path) {
        return refused.containsKey(path) || lost.contains(path) || bundle.exists(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        check(dir);
        List<String> under = lostUnder(dir);
        List<String> names = bundle.exists(dir) || under.isEmpty() ? bundle.list(dir) : List.of();
        List<String> missing = under.stream().filter(n -> !names.contains(n)).toList();
        if (missing.isEmpty()) {
            return names;
        }
        List<String> all = new ArrayList<>(names);
        all.addAll(missing);
        Collections.sort(all);
        return all;
    }

    /** The names directly under {@code dir} of the lost paths in it (a lost file, or a directory on the way to one). */
    private List<String> lostUnder(String dir) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        return lost.stream().filter(p -> p.startsWith(prefix)).map(p -> p.substring(prefix.length()).split("/", 2)[0]).distinct().toList();
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
