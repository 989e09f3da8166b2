package dev.uvmctl.cli;

import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.procfs.BundlePaths;
import dev.uvmctl.procfs.CaptureRun;
import dev.uvmctl.procfs.SystemReader;
import dev.uvmctl.render.NodeSummary;
import dev.uvmctl.render.NodesOutput;
import dev.uvmctl.render.OutputFormat;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.shared.DiagnosticLog;
import dev.uvmctl.source.BundleManifest;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SysRoot;
import dev.uvmctl.source.SystemRoots;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code uvmctl leaks --each DIR_OR_FILES...}: many nodes' captures at once. Each capture (a
 * bundle or an unpacked root; a directory that is neither holds captures) is a node's: captures
 * of one machine and boot replay as one history, in the order taken, and no two nodes' histories
 * are ever merged. Nodes are analysed in parallel, one per core at a time, and only a summary of
 * each is kept (its findings too with {@code -o ndjson}, until printed).
 */
final class LeaksEach {
    private final LeaksCommand command;
    private final CliContext context;

    private LeaksEach(LeaksCommand command, CliContext context) {
        this.command = command;
        this.context = context;
    }

    /** One capture: where it is, and which machine and boot it is of. */
    record Capture(String name, Path path, String host, String machine, String boot, String capturedAt, String error) {
    }

    static int run(LeaksCommand command, CliContext context, List<String> arguments) {
        OutputFormat format = command.output.format();
        boolean rowPerNode = switch (format) {
            case table, ndjson -> true;
            case json, prometheus, openmetrics -> false;
        };
        if (!rowPerNode) {
            throw UvmctlException.usage("--each prints a table or, with -o ndjson, one record per node and finding: -o " + format
                + " is not one of them");
        }
        if (arguments.isEmpty() || !command.in.events.isEmpty()) {
            throw UvmctlException.usage("--each needs capture bundles, unpacked roots or directories of them as INPUT (and no --events)");
        }
        return new LeaksEach(command, context).run(arguments, format == OutputFormat.ndjson);
    }

    private int run(List<String> arguments, boolean ndjson) {
        List<Path> files = new ArrayList<>();
        List<String> passedOver = new ArrayList<>();
        for (String a : arguments) {
            files.addAll(captures(context.input(a), passedOver));
        }
        if (!passedOver.isEmpty()) {
            // Not evidence, but said: a capture in a shape uvmctl does not know would otherwise vanish from the table unseen.
            context.err().println("uvmctl: passed over, as neither a bundle (.tar.gz) nor a system root nor a capture run: "
                + TerminalText.escape(String.join(", ", passedOver)));
            context.err().flush();
        }
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "uvmctl-each");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Capture> captures = all(pool, files.stream().map(p -> (java.util.concurrent.Callable<Capture>) () -> identify(p)).toList());
            Map<String, List<Capture>> nodes = group(captures);
            Progress progress = new Progress(context, nodes.size());
            List<Future<NodeSummary>> pending = new ArrayList<>();
            for (Map.Entry<String, List<Capture>> node : nodes.entrySet()) {
                pending.add(pool.submit(() -> {
                    NodeSummary s = analyse(node.getKey(), node.getValue(), ndjson);
                    progress.done();
                    return s;
                }));
            }
            List<NodeSummary> rows = new ArrayList<>();
            boolean found = false;
            boolean unreadable = false;
            for (Future<NodeSummary> f : pending) {
                NodeSummary s = get(f);
                found |= s.findingCount() > 0;
                unreadable |= !s.unreadable().isEmpty();
                if (ndjson) {
                    // In node order, each as soon as those before it are done; then forgotten.
                    NodesOutput.records(context.out(), s);
                    rows.add(NodeSummary.unreadable(s.node(), s.captures(), s.unreadable()));
                } else {
                    rows.add(s);
                }
            }
            progress.end();
            if (!ndjson) {
                NodesOutput.table(context.out(), rows, context.terminal().columns(), context.outStyle());
            }
            context.out().flush();
            for (NodeSummary s : rows) {
                for (LeaksReport.Unreadable u : s.unreadable()) {
                    context.err().println("uvmctl: " + TerminalText.escape(s.node()) + ": " + TerminalText.escape(u.input()) + ": "
                        + TerminalText.escape(u.message()));
                }
            }
            context.err().flush();
            return unreadable ? ExitCode.INCOMPLETE : found ? ExitCode.FOUND : ExitCode.OK;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The captures an argument names: itself when it is a bundle or a root, else the bundles and roots in it, by name. */
    private static List<Path> captures(InputFile in, List<String> passedOver) {
        Path p = in.path();
        if (in.isStdin() || !Files.isDirectory(p) || isRoot(p)) {
            return List.of(p);
        }
        try (Stream<Path> entries = Files.list(p)) {
            List<Path> all = entries.sorted().toList();
            List<Path> captures = new ArrayList<>();
            for (Path e : all) {
                if (SystemRoots.isArchive(e) || Files.isDirectory(e) && isRoot(e)) {
                    captures.add(e);
                } else if (!e.getFileName().toString().startsWith(".")) {
                    passedOver.add(e.toString());
                }
            }
            return captures;
        } catch (IOException e) {
            return List.of(p);
        }
    }

    /** A system root, a bundle unpacked, or a run of dev/capture-real.sh ({@link CaptureRun}: its snapshots). */
    private static boolean isRoot(Path dir) {
        return Files.isDirectory(dir.resolve("proc")) || Files.exists(dir.resolve("dev/kmsg")) || Files.exists(dir.resolve("uvmctl"))
            || Files.isDirectory(dir.resolve(CaptureRun.SNAPSHOTS.substring(1)));
    }

    /** Which machine and boot a capture is of: its manifest's host (unless redacted), /etc/machine-id, the boot id. */
    private Capture identify(Path path) {
        String name = path.toString();
        SysRoot root;
        try {
            if (!Files.isDirectory(path) && !SystemRoots.isArchive(path)) {
                return new Capture(name, path, null, null, null, null, "not a capture bundle (.tar.gz) or a system root directory");
            }
            root = context.rootAt(path);
        } catch (UvmctlException e) {
            return new Capture(name, path, null, null, null, null, e.getMessage());
        }
        BundleManifest manifest = BundleManifest.read(root);
        boolean redacted = manifest != null && "true".equals(manifest.fields().get("redacted"));
        String host = redacted ? null : manifest != null && manifest.fields().get("host") != null ? manifest.fields().get("host")
            : read(root, "/proc/sys/kernel/hostname");
        String machine = read(root, "/etc/machine-id");
        String capturedAt = SystemReader.capturedAt(manifest, read(root, BundlePaths.SNAPSHOT_CAPTURED_AT));
        CaptureRun run = CaptureRun.of(root);
        return new Capture(name, path, host, machine, run != null ? run.bootId() : SystemReader.bootId(root), capturedAt, null);
    }

    private static String read(SysRoot root, String path) {
        try {
            String s = root.exists(path) ? root.readString(path).strip() : "";
            return s.isEmpty() ? null : s;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Captures by node: one machine (its machine id, else its hostname; a redacted or nameless
     * capture is a machine of its own) and one boot. A node is named by its hostname, or its file
     * name when the capture does not tell it; a hostname seen in several boots names each with its boot.
     */
    static Map<String, List<Capture>> group(List<Capture> captures) {
        Map<List<String>, List<Capture>> byKey = new LinkedHashMap<>();
        for (Capture c : captures) {
            String machine = c.error() != null ? "file:" + c.name() : c.machine() != null ? "id:" + c.machine()
                : c.host() != null ? "host:" + c.host() : "file:" + c.name();
            byKey.computeIfAbsent(List.of(machine, c.boot() == null ? "" : c.boot()), k -> new ArrayList<>()).add(c);
        }
        Map<String, Integer> hostBoots = new TreeMap<>();
        for (List<Capture> group : byKey.values()) {
            String host = group.get(0).host();
            if (host != null) {
                hostBoots.merge(host, 1, Integer::sum);
            }
        }
        Map<String, List<Capture>> named = new TreeMap<>();
        for (List<Capture> group : byKey.values()) {
            group.sort(Comparator.comparing((Capture c) -> c.capturedAt() == null ? "" : c.capturedAt()).thenComparing(Capture::name));
            Capture first = group.get(0);
            String name = first.host() == null ? Path.of(first.name()).getFileName().toString()
                : hostBoots.get(first.host()) > 1 && first.boot() != null ? first.host() + " (boot " + first.boot().substring(0, Math.min(8, first.boot().length())) + ")"
                : first.host();
            while (named.containsKey(name)) {
                name = name + "'";
            }
            named.put(name, group);
        }
        return named;
    }

    private NodeSummary analyse(String node, List<Capture> captures, boolean keepFindings) {
        List<String> names = captures.stream().map(Capture::name).toList();
        List<LeaksReport.Unreadable> errors = captures.stream().filter(c -> c.error() != null)
            .map(c -> new LeaksReport.Unreadable(c.name(), c.error())).toList();
        if (!errors.isEmpty()) {
            return NodeSummary.unreadable(node, names, errors);
        }
        DiagnosticLog diagnostics = new DiagnosticLog();
        Inputs opened = Inputs.open(context, names, List.of(), command.tolerance.bytes(), diagnostics);
        return NodeSummary.of(node, names, command.analyse(opened, diagnostics, null), keepFindings);
    }

    private static <T> List<T> all(ExecutorService pool, List<java.util.concurrent.Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        for (java.util.concurrent.Callable<T> t : tasks) {
            futures.add(pool.submit(t));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(get(f));
        }
        return out;
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UvmctlException.incomplete("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A progress bar on standard error while it is a terminal; nothing otherwise. */
    private static final class Progress {
        private final PrintWriter err;
        private final int total;
        private final boolean shown;
        private int done;

        Progress(CliContext context, int total) {
            this.err = context.err();
            this.total = total;
            this.shown = context.terminal().stderrTerminal() && !context.quiet();
        }

        synchronized void done() {
            done++;
            if (shown) {
                int width = 30;
                int filled = total == 0 ? width : done * width / total;
                err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " nodes");
                err.flush();
            }
        }

        synchronized void end() {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
