package dev.uvmctl.kernellog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What each Xid code means: short name, category, whether it concerns memory, and the first
 * thing to do. Read from {@code xid-catalog.tsv} (columns {@code code, short_name, category,
 * memory_relevant, first_action}); a code it does not list is unknown, never dropped.
 */
public final class XidCatalog {
    private static final String RESOURCE = "xid-catalog.tsv";

    /** One row of the catalog. */
    public record Entry(int code, String name, String category, boolean memoryRelevant, String firstAction) {
    }

    private final Map<Integer, Entry> entries;

    private XidCatalog(Map<Integer, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The catalog shipped with uvmctl. */
    public static XidCatalog builtIn() {
        return Holder.BUILT_IN;
    }

    /** Parses the TSV form; a malformed row is a bug in the shipped file, so it throws. */
    public static XidCatalog parse(Reader reader) throws IOException {
        Map<Integer, Entry> entries = new HashMap<>();
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null || !header.startsWith("code\tshort_name\tcategory\tmemory_relevant\tfirst_action")) {
            throw new IOException("xid catalog: unexpected header: " + header);
        }
        int number = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 5 || !(f[3].equals("yes") || f[3].equals("no"))) {
                throw new IOException("xid catalog line " + number + ": expected 5 columns, got: " + line);
            }
            int code = Integer.parseInt(f[0].strip());
            entries.put(code, new Entry(code, f[1], f[2], f[3].equals("yes"), f[4]));
        }
        return new XidCatalog(entries);
    }

    /** The entry for {@code code}, or null when the catalog does not know it. */
    public Entry lookup(int code) {
        return entries.get(code);
    }

    public int size() {
        return entries.size();
    }

    private static final class Holder {
        static final XidCatalog BUILT_IN = load();

        private static XidCatalog load() {
            try (InputStream in = XidCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
