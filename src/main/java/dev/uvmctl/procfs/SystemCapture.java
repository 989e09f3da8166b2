package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.BundleManifest;
import dev.uvmctl.source.BundleWriter;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.RecordingSysRoot;
import dev.uvmctl.source.Redactor;
import dev.uvmctl.source.SysRoot;
import dev.uvmctl.source.SystemRoots;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code uvmctl capture}: reads the system as every uvmctl command does, through a recording root,
 * then writes what was read into a bundle that is itself a system root (docs/capture.md): the
 * same paths, fd links kept as links, the outputs of nvidia-smi and dmesg under
 * {@link BundlePaths#COMMANDS}, a manifest, and the va-spaces snapshot of the bundle.
 */
public final class SystemCapture {
    /** Files every capture tries, beyond what the readers read: the kernel and driver identity. */
    static final List<String> EXTRA_FILES = List.of("/proc/cmdline", "/proc/version", "/proc/uptime", "/proc/modules",
        "/proc/driver/nvidia/version", "/proc/driver/nvidia/params", "/sys/module/nvidia/version");
    /**
     * The live system's kernel log is saved as dmesg's output (/dev/kmsg never ends); a root that
     * is not the live system keeps its kernel log as files ({@link BundlePaths#KERNEL_LOGS}), which
     * the bundle keeps too, so that it reads as the root did.
     */
    static final List<String> DMESG = List.of("dmesg");
    private static final Pattern PRIVATE = Pattern.compile("/proc/(\\d+)(?:/task/\\d+)?/(maps|fd/\\d+)");
    private static final Pattern CMDLINE = Pattern.compile("/proc/\\d+/cmdline");
    private static final Pattern PROCESS_FILE = Pattern.compile("/proc/\\d+/.+");

    /** What to capture: where to, whether to redact, the root's name, and whether it is the live system. */
    public record Options(Path target, boolean redact, String label, boolean live, CommandRunner runner, Instant now, String version) {
    }

    /** What was written: the bundle, its manifest and the snapshot of the bundle. */
    public record Result(Path target, BundleManifest manifest, SystemSnapshot snapshot) {
    }

    private SystemCapture() {
    }

    /**
     * Captures {@code root}; {@code otherReaders} read through the recording root too (module
     * parameters); {@code vaSpaceMm} says of the bundle whether its driver makes mm fds (a module
     * parameter, which this package does not read), and what reading it said, for the text snapshot to keep.
     */
    public static Result run(SysRoot root, Options o, Consumer<SysRoot> otherReaders,
                             BiFunction<SysRoot, Consumer<Diagnostic>, Boolean> vaSpaceMm)
            throws IOException {
        Instant now = o.now().truncatedTo(ChronoUnit.SECONDS);
        RecordingSysRoot rec = new RecordingSysRoot(root);
        otherReaders.accept(rec);
        for (String path : EXTRA_FILES) {
            readQuietly(rec, path);
        }
        if (!o.live()) {
            for (String path : BundlePaths.KERNEL_LOGS) {
                readQuietly(rec, path);
            }
        }
        BundleManifest source = o.live() ? null : BundleManifest.read(root);
        SystemSnapshot scanned = SystemReader.read(rec, o.label(), false, CommandRunner.none(), now);
        Set<Integer> holders = scanned.scan().holders().stream().map(HolderProcess::pid).collect(Collectors.toSet());
        Redactor redactor = o.redact() ? Redactor.of(hostNames(root), readQuietly(root, "/etc/passwd")) : Redactor.none();
        List<BundleManifest.Command> commands = new ArrayList<>();
        List<String> smiNotes = new ArrayList<>();
        Map<String, byte[]> outputs = new TreeMap<>();
        if (o.live()) {
            runCommands(o.runner(), commands, smiNotes, outputs);
        } else if (source != null) {
            commands.addAll(source.commands());
            smiNotes.addAll(source.smiNotes());
        }
        try (BundleWriter writer = BundleWriter.create(o.target())) {
            List<String> copied = new ArrayList<>();
            Map<String, String> refused = new LinkedHashMap<>();
            Set<Integer> withheld = new java.util.TreeSet<>();
            for (Map.Entry<String, RecordingSysRoot.Access> e : rec.accesses().entrySet()) {
                copy(root, e.getKey(), e.getValue(), holders, redactor, writer, copied, refused, withheld);
            }
            for (Map.Entry<String, byte[]> out : outputs.entrySet()) {
                writer.file(out.getKey(), redactor.text(new String(out.getValue(), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
                copied.add(out.getKey());
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("captured_at", now.toString());
            fields.put("source", o.label());
            fields.put("live", String.valueOf(o.live()));
            put(fields, "host", redactor.text(scanned.capture().host()));
            put(fields, "kernel", scanned.capture().kernel());
            fields.put("uvmctl_version", o.version());
            fields.put("redacted", String.valueOf(o.redact()));
            fields.put("processes", String.valueOf(scanned.scan().read()));
            fields.put("holders", String.valueOf(holders.size()));
            fields.put("unreadable_processes", String.valueOf(scanned.scan().unreadableProcesses()));
            List<String> notCopied = withheld.isEmpty() ? List.of() : List.of("maps and fd links of " + withheld.size()
                + " processes that hold no NVIDIA device: not needed to read the bundle, and private to their owners");
            BundleManifest manifest = new BundleManifest(fields, refused, commands.stream().map(c -> new BundleManifest.Command(
                c.path(), redactor.text(c.command()), c.exitStatus(), redactor.text(c.note()))).toList(), smiNotes, copied, notCopied,
                scanned.scan().vanishedPids());
            StringWriter json = new StringWriter();
            manifest.write(json);
            writer.file(BundlePaths.MANIFEST, (json + "\n").getBytes(StandardCharsets.UTF_8));
            if ("kcmp".equals(scanned.sameFiles().source())) {
                // The bundle cannot run kcmp on the processes it was taken from: it keeps what the kernel said.
                writer.file(BundlePaths.KCMP, KcmpRecordParser.write(scanned.sameFiles()).getBytes(StandardCharsets.UTF_8));
                copied.add(BundlePaths.KCMP);
            }
            SysRoot staged = SystemRoots.open(writer.staging());
            // What reading it said is kept too, so that the text snapshot says what its bundle says.
            List<Diagnostic> said = new ArrayList<>();
            SystemSnapshot bundled = SystemReader.read(staged, o.label(), false, CommandRunner.none(), now)
                .withVaSpaceMm(vaSpaceMm.apply(staged, said::add), said);
            StringWriter text = new StringWriter();
            SnapshotTextWriter.write(bundled, new PrintWriter(text));
            writer.file(BundlePaths.VA_SPACES, text.toString().getBytes(StandardCharsets.UTF_8));
            writer.finish(now);
            return new Result(o.target(), manifest, bundled);
        }
    }

    private static void copy(SysRoot root, String path, RecordingSysRoot.Access access, Set<Integer> holders, Redactor redactor,
                             BundleWriter writer, List<String> copied, Map<String, String> refused, Set<Integer> withheld) throws IOException {
        if (path.equals(BundlePaths.MANIFEST) || path.equals(BundlePaths.VA_SPACES)) {
            return;
        }
        Matcher m = PRIVATE.matcher(path);
        boolean read = access.kind() == RecordingSysRoot.Kind.file || access.kind() == RecordingSysRoot.Kind.link;
        if (read && m.matches() && !holders.contains(Integer.valueOf(m.group(1)))) {
            withheld.add(Integer.valueOf(m.group(1)));
            return;
        }
        // A switch expression (its value unused), so the compiler checks that every kind has its case.
        boolean kept = switch (access.kind()) {
            case directory -> {
                writer.directory(path);
                yield true;
            }
            case link -> {
                writer.link(path, redactor.text(access.detail()));
                copied.add(path);
                yield true;
            }
            case file -> {
                byte[] content;
                try (InputStream in = root.open(path)) {
                    content = in.readNBytes(SysRoot.MAX_SMALL_FILE * 16);
                } catch (IOException e) {
                    refused.put(path, "changed while captured: " + IoErrors.describe(e));
                    yield false;
                }
                if (redactor.active() && CMDLINE.matcher(path).matches()) {
                    content = (redactor.cmdline(new String(content, StandardCharsets.ISO_8859_1)) + "\0").getBytes(StandardCharsets.UTF_8);
                } else if (redactor.active()) {
                    content = redactor.text(new String(content, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
                }
                writer.file(path, content);
                copied.add(path);
                yield true;
            }
            case refused -> {
                refused.put(path, access.detail());
                parentOf(path, writer);
                yield false;
            }
            case missing -> {
                parentOf(path, writer);
                yield false;
            }
        };
    }

    /**
     * A process file that was gone or refused keeps its directory, so a process that exited
     * mid-scan reads the same way again; elsewhere nothing is made up for a missing file.
     */
    private static void parentOf(String path, BundleWriter writer) throws IOException {
        int slash = path.lastIndexOf('/');
        if (slash > 0 && PROCESS_FILE.matcher(path).matches()) {
            writer.directory(path.substring(0, slash));
        }
    }

    private static void runCommands(CommandRunner runner, List<BundleManifest.Command> commands, List<String> smiNotes,
                                    Map<String, byte[]> outputs) {
        for (SmiReader.Output out : SmiReader.run(runner, smiNotes)) {
            String path = out.input().equals(String.join(" ", SmiCommands.QUERY_APPS)) ? BundlePaths.SMI_QUERY_APPS : BundlePaths.SMI_QUERY_GPU;
            outputs.put(path, out.text().getBytes(StandardCharsets.UTF_8));
            commands.add(new BundleManifest.Command(path, out.input(), out.exitStatus(), null));
        }
        for (String note : smiNotes) {
            commands.add(new BundleManifest.Command(null, SmiCommands.PROGRAM, null, note));
        }
        if (runner.available(SmiCommands.PROGRAM)) {
            saved(runner, SmiCommands.TABLE, BundlePaths.SMI_TABLE, commands, outputs);
            saved(runner, SmiCommands.QUERY, BundlePaths.SMI_Q, commands, outputs);
        }
        if (runner.available(DMESG.get(0))) {
            saved(runner, DMESG, BundlePaths.DMESG, commands, outputs);
        } else {
            commands.add(new BundleManifest.Command(null, "dmesg", null, "dmesg is not on the PATH: no kernel log in the bundle"));
        }
    }

    private static void saved(CommandRunner runner, List<String> command, String path, List<BundleManifest.Command> commands,
                              Map<String, byte[]> outputs) {
        List<String> notes = new ArrayList<>();
        SmiReader.Output out = SmiReader.runOne(runner, command, notes, false);
        if (out != null) {
            outputs.put(path, out.text().getBytes(StandardCharsets.UTF_8));
        }
        commands.add(new BundleManifest.Command(out == null ? null : path, String.join(" ", command), out == null ? null : out.exitStatus(),
            notes.isEmpty() ? null : String.join("; ", notes)));
    }

    private static List<String> hostNames(SysRoot root) {
        List<String> names = new ArrayList<>();
        String host = readQuietly(root, "/proc/sys/kernel/hostname");
        if (host != null && !host.isBlank()) {
            String h = host.strip();
            names.add(h);
            if (h.contains(".")) {
                names.add(h.substring(0, h.indexOf('.')));
            }
        }
        return names;
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    private static String readQuietly(SysRoot root, String path) {
        try {
            return root.exists(path) ? root.readString(path) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
