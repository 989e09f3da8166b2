package dev.uvmctl.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A capture bundle read straight from its {@code .tar.gz}: the archive is loaded into memory once
 * (bundles hold small procfs files) and served as a system root, links included. An archive
 * packed the usual way, with the directory the root was in ({@code tar czf node.tar.gz node7/}),
 * is read from inside that directory.
 */
public final class ArchiveSysRoot implements SysRoot {
    /** An archive member: a file's bytes, a link's target, or a directory (neither). */
    private record Member(byte[] content, String linkTarget) {
    }

    private final Path archive;
    /** The directory the archive was packed with, whose content is the root; null when the root is the archive's top. */
    private final String packedDirectory;
    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, TreeSet<String>> children = new HashMap<>();

    private ArchiveSysRoot(Path archive, String packedDirectory) {
        this.archive = archive;
        this.packedDirectory = packedDirectory;
        children.put("", new TreeSet<>());
    }

    /**
     * The directories a Linux root has at its top, and a bundle's own: an archive whose members
     * all lie under one directory not named so was packed with the directory it was in
     * ({@code tar czf node.tar.gz node7/}), and that directory is the root.
     */
    private static final Set<String> ROOT_DIRECTORIES = Set.of("bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64",
        "media", "mnt", "opt", "proc", "run", "sbin", "srv", "sys", "tmp", "usr", "var", "uvmctl");

    public static ArchiveSysRoot open(Path archive) throws IOException {
        Map<String, Member> read = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(InputFile.decompressIfGzip(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = normalize(e.getName());
                if (name.isEmpty()) {
                    continue;
                }
                if (e.isDirectory()) {
                    read.put(name, new Member(null, null));
                } else if (e.isSymbolicLink()) {
                    read.put(name, new Member(null, e.getLinkName()));
                } else if (e.isFile()) {
                    read.put(name, new Member(tar.readNBytes(MAX_SMALL_FILE * 4), null));
                }
            }
        }
        String top = packedDirectory(read.keySet());
        ArchiveSysRoot root = new ArchiveSysRoot(archive, top);
        read.forEach((name, member) -> {
            if (top == null) {
                root.add(name, member);
            } else if (name.length() > top.length()) {
                root.add(name.substring(top.length() + 1), member);
            }
        });
        return root;
    }

    /** The one directory every member lies under, when it is not a directory of the root itself; else null. */
    private static String packedDirectory(Collection<String> names) {
        String top = null;
        boolean under = false;
        for (String name : names) {
            int slash = name.indexOf('/');
            String first = slash < 0 ? name : name.substring(0, slash);
            if (top != null && !top.equals(first)) {
                return null;
            }
            top = first;
            under |= slash >= 0;
        }
        return !under || ROOT_DIRECTORIES.contains(top) ? null : top;
    }

    private void add(String name, Member m) {
        members.put(name, m);
        String child = name;
        int slash;
        while ((slash = child.lastIndexOf('/')) >= 0) {
            String parent = child.substring(0, slash);
            children.computeIfAbsent(parent, k -> new TreeSet<>()).add(child.substring(slash + 1));
            members.putIfAbsent(parent, new Member(null, null));
            child = parent;
        }
        children.get("").add(child);
        if (m.content() == null && m.linkTarget() == null) {
            children.computeIfAbsent(name, k -> new TreeSet<>());
        }
    }

    private static String normalize(String path) {
        String p = path;
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.startsWith("./") ? p.substring(2) : p.substring(1);
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Override
    public String display(String path) {
        return path;
    }

    @Override
    public String describe() {
        return "the capture bundle " + archive + (packedDirectory == null ? "" : " (its " + packedDirectory + "/)");
    }

    @Override
    public boolean exists(String path) {
        String p = normalize(path);
        return p.isEmpty() || members.containsKey(p);
    }

    @Override
    public boolean isDirectory(String path) {
        String p = normalize(path);
        Member m = members.get(p);
        return p.isEmpty() || (m != null && m.content() == null && m.linkTarget() == null);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        String p = normalize(dir);
        if (!exists(p)) {
            throw new NoSuchFileException(dir);
        }
        if (!isDirectory(p)) {
            throw new NotDirectoryException(dir);
        }
        return new ArrayList<>(children.getOrDefault(p, new TreeSet<>()));
    }

    @Override
    public InputStream open(String path) throws IOException {
        Member m = members.get(normalize(path));
        if (m == null || m.linkTarget() != null) {
            throw new NoSuchFileException(path);
        }
        if (m.content() == null) {
            throw new IOException("is a directory, expected a file");
        }
        return new ByteArrayInputStream(m.content());
    }

    @Override
    public Optional<String> readLink(String path) throws IOException {
        Member m = members.get(normalize(path));
        if (m == null) {
            throw new NoSuchFileException(path);
        }
        return Optional.ofNullable(m.linkTarget());
    }
}
