package dev.uvmctl.tracefs;

import dev.uvmctl.source.SysRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tracefs that behaves as the kernel's does (kernel/trace/trace_kprobe.c, trace_dynevent.c,
 * trace.c, trace_events.c), in memory, with the rest of a system root as plain files:
 * <ul>
 * <li>a definition appended to {@code kprobe_events} appears when it is read back, with its event
 * under {@code events/GROUP/NAME} of the top level and of every instance; one on a function the
 * kernel does not have is refused with ENOENT and a line in {@code error_log}; a second of the same
 * name with EEXIST;</li>
 * <li>{@code -:GROUP/NAME} removes one, refused with EBUSY while it is enabled at the top level or
 * in any instance;</li>
 * <li>a write without append (the shell's {@code >}) clears every definition, refused with EBUSY
 * while any of them is enabled (an enabled tracepoint does not count);</li>
 * <li>{@code kprobe_profile} lists every kprobe event defined, by its name alone (no group), with its hits and misses
 * ({@link #counted}; 0 and 0 until then);</li>
 * <li>{@code mkdir instances/NAME} makes an instance with the events that exist, the top level's
 * options as they are then (trace_array_create), {@code trace_clock} and {@code trace_pipe};
 * {@code rmdir} is refused with EBUSY while its {@code trace_pipe} is open;</li>
 * <li>a write to an instance's {@code trace_marker} is refused with EINVAL while its {@code markers}
 * option is off (tracing_mark_write).</li>
 * </ul>
 * Every write is logged, so that tests can check the order of a teardown.
 */
class FakeTracefs implements SysRoot, TracefsWrites {
    static final String T = "/sys/kernel/tracing";
    private static final Pattern DEFINITION = Pattern.compile("^([pr])\\d*:(\\w+)/(\\w+) (\\S+)(.*)$");

    private record Definition(String group, String name, String text) {
    }

    private final Map<String, String> files = new TreeMap<>();
    private final Set<String> dirs = new TreeSet<>();
    private final LinkedHashMap<String, Definition> definitions = new LinkedHashMap<>();
    private final Set<String> symbols = new HashSet<>();
    private final Set<String> tracepoints = new TreeSet<>();
    /** Instance ("" for the top level) -> enabled events ("group/name"). */
    private final Map<String, Set<String>> enabled = new HashMap<>();
    private final Map<String, Map<String, String>> filters = new HashMap<>();
    private final Set<String> openPipes = new HashSet<>();
    private final Map<String, String> pipeText = new HashMap<>();
    private final Set<String> refuse = new HashSet<>();
    /** "group/name" -> hits and misses, as kprobe_profile shows them. */
    private final Map<String, long[]> counts = new HashMap<>();
    final List<String> log = new ArrayList<>();
    boolean truncated;
    /** Run once as the next claim begins: another run acting between a run's read of the lock and its take-over. */
    private Runnable beforeClaim;

    FakeTracefs() {
        dirs.add(T);
        dirs.add(T + "/instances");
        enabled.put("", new TreeSet<>());
        files.put(T + "/error_log", "");
        // The top level's options as the kernel boots with them (kernel/trace/trace.c: TRACE_DEFAULT_FLAGS).
        for (String[] o : new String[][] {{"context-info", "1"}, {"latency-format", "0"}, {"raw", "0"}, {"hex", "0"}, {"bin", "0"},
            {"sym-addr", "0"}, {"markers", "1"}, {"record-tgid", "0"}}) {
            files.put(T + "/options/" + o[0], o[1] + "\n");
        }
        for (String tp : List.of("sched/sched_process_exit", "sched/sched_process_fork", "task/task_newtask", "oom/mark_victim")) {
            tracepoints.add(tp);
        }
    }

    FakeTracefs file(String path, String text) {
        files.put(path, text);
        return this;
    }

    /** The driver's functions the kernel has, as {@code module:function}; they are listed in /proc/kallsyms too. */
    FakeTracefs symbols(String... names) {
        StringBuilder kallsyms = new StringBuilder(files.getOrDefault("/proc/kallsyms", "ffffffff81000000 T _stext\n"));
        for (String n : names) {
            symbols.add(n);
            String[] mf = n.split(":");
            kallsyms.append("ffffffffc0a12340 t ").append(mf[1]).append("\t[").append(mf[0]).append("]\n");
        }
        files.put("/proc/kallsyms", kallsyms.toString());
        return this;
    }

    FakeTracefs tracepoint(String systemAndName) {
        tracepoints.add(systemAndName);
        return this;
    }

    /** Definitions of another tool's, already there. */
    FakeTracefs defined(String definition) {
        Matcher m = DEFINITION.matcher(definition);
        if (!m.matches()) {
            throw new IllegalArgumentException(definition);
        }
        definitions.put(m.group(2) + "/" + m.group(3), new Definition(m.group(2), m.group(3), definition));
        return this;
    }

    /** The kernel refuses this definition (an argument it cannot fetch): EINVAL and an error_log line. */
    FakeTracefs refuse(String name) {
        refuse.add(name);
        return this;
    }

    /** Someone set an option at the top level ({@code echo VALUE > options/NAME}); an instance made later starts with it. */
    FakeTracefs optionAtTop(String name, String value) {
        files.put(T + "/options/" + name, value + "\n");
        return this;
    }

    /** Someone enabled an event at the top level. */
    FakeTracefs enabledAtTop(String event) {
        enabled.get("").add(event);
        return this;
    }

    /** What the instance's trace_pipe gives when opened. */
    FakeTracefs pipe(String instance, String text) {
        pipeText.put(instance, text);
        return this;
    }

    boolean isEnabled(String instance, String event) {
        return enabled.getOrDefault(instance, Set.of()).contains(event);
    }

    String filter(String instance, String event) {
        return filters.getOrDefault(instance, Map.of()).get(event);
    }

    List<String> definitions() {
        return definitions.values().stream().map(Definition::text).toList();
    }

    boolean instance(String name) {
        return enabled.containsKey(name);
    }

    // --- TracefsWrites -----------------------------------------------------------------------

    @Override
    public void append(String path, String text) throws IOException {
        log.add("append " + rel(path) + " " + text);
        if (path.equals(T + "/kprobe_events")) {
            command(text.strip());
            return;
        }
        String instance = instanceOf(path);
        if (instance != null && path.equals(T + "/instances/" + instance + "/trace_marker")
            && "0\n".equals(files.get(T + "/instances/" + instance + "/options/markers"))) {
            // tracing_mark_write: EINVAL unless the instance's markers option is set.
            throw errno(path, "Invalid argument");
        }
        files.merge(path, text + "\n", String::concat);
    }

    private void command(String text) throws IOException {
        if (text.startsWith("-:")) {
            String key = text.substring(2);
            Definition d = definitions.get(key);
            if (d == null) {
                throw errno(T + "/kprobe_events", "No such file or directory");
            }
            if (enabled.values().stream().anyMatch(s -> s.contains(key))) {
                throw errno(T + "/kprobe_events", "Device or resource busy");
            }
            definitions.remove(key);
            counts.remove(key);
            return;
        }
        Matcher m = DEFINITION.matcher(text);
        if (!m.matches()) {
            error("Invalid command", text);
            throw errno(T + "/kprobe_events", "Invalid argument");
        }
        String key = m.group(2) + "/" + m.group(3);
        if (definitions.containsKey(key)) {
            throw errno(T + "/kprobe_events", "File exists");
        }
        if (!symbols.contains(m.group(4))) {
            error("Failed to register probe event", text);
            throw errno(T + "/kprobe_events", "No such file or directory");
        }
        if (refuse.contains(m.group(3))) {
            error("Invalid fetch argument", text);
            throw errno(T + "/kprobe_events", "Invalid argument");
        }
        definitions.put(key, new Definition(m.group(2), m.group(3), text));
    }

    private void error(String what, String command) {
        files.merge(T + "/error_log", "[ 1234.567890] trace_kprobe: error: " + what + "\n  Command: " + command + "\n             ^\n",
            String::concat);
    }

    @Override
    public void write(String path, String text) throws IOException {
        log.add("write " + rel(path) + " " + text);
        if (path.equals(T + "/kprobe_events")) {
            // O_TRUNC: probes_open -> dyn_events_release_all(&trace_kprobe_ops), EBUSY while a kprobe event (not a tracepoint) is enabled
            if (enabled.values().stream().flatMap(Set::stream).anyMatch(definitions::containsKey)) {
                throw errno(path, "Device or resource busy");
            }
            truncated = true;
            definitions.clear();
            command(text.strip());
            return;
        }
        String instance = instanceOf(path);
        if (instance != null) {
            String in = path.substring((T + "/instances/" + instance + "/").length());
            if (in.startsWith("events/") && (in.endsWith("/enable") || in.endsWith("/filter"))) {
                String event = in.substring("events/".length(), in.lastIndexOf('/'));
                if (!events().contains(event)) {
                    throw errno(path, "No such file or directory");
                }
                if (in.endsWith("/enable")) {
                    if (text.strip().equals("1")) {
                        enabled.get(instance).add(event);
                    } else {
                        enabled.get(instance).remove(event);
                    }
                } else {
                    filters.computeIfAbsent(instance, k -> new HashMap<>()).put(event, text.strip());
                }
                return;
            }
            if (!exists(path)) {
                throw errno(path, "No such file or directory");
            }
        }
        files.put(path, text + "\n");
    }

    @Override
    public void mkdir(String path) throws IOException {
        log.add("mkdir " + rel(path));
        String name = instanceOf(path);
        if (name == null || !path.equals(T + "/instances/" + name)) {
            dirs.add(path);
            return;
        }
        if (enabled.containsKey(name)) {
            throw new FileAlreadyExistsException(path);
        }
        enabled.put(name, new TreeSet<>());
        // trace_array_create: an instance starts with the top level's options as they are now.
        for (String option : List.copyOf(files.keySet())) {
            if (option.startsWith(T + "/options/")) {
                files.put(path + option.substring(T.length()), files.get(option));
            }
        }
        files.put(path + "/trace_clock", "[local] global counter uptime perf mono mono_raw boot\n");
        files.put(path + "/buffer_size_kb", "1408\n");
    }

    @Override
    public void rmdir(String path) throws IOException {
        log.add("rmdir " + rel(path));
        String name = instanceOf(path);
        if (name == null || !enabled.containsKey(name)) {
            throw new NoSuchFileException(path);
        }
        if (openPipes.contains(name)) {
            throw errno(path, "Device or resource busy");
        }
        enabled.remove(name);
        filters.remove(name);
        files.keySet().removeIf(p -> p.startsWith(path + "/"));
    }

    @Override
    public void create(String path, String text) throws IOException {
        log.add("create " + path);
        if (files.containsKey(path)) {
            throw new FileAlreadyExistsException(path);
        }
        files.put(path, text);
    }

    FakeTracefs beforeClaim(Runnable r) {
        beforeClaim = r;
        return this;
    }

    @Override
    public void claim(String path, String stale, String text) throws IOException {
        Runnable other = beforeClaim;
        beforeClaim = null;
        if (other != null) {
            other.run();
        }
        log.add("claim " + path);
        if (!stale.equals(files.get(path))) {
            throw new FileAlreadyExistsException(path, null, "the lock changed since it was read");
        }
        files.put(path, text);
    }

    @Override
    public void replace(String path, String text) {
        log.add("replace " + path);
        files.put(path, text);
    }

    @Override
    public void delete(String path) {
        log.add("delete " + path);
        files.remove(path);
    }

    // --- SysRoot -----------------------------------------------------------------------------

    private Set<String> events() {
        Set<String> out = new TreeSet<>(tracepoints);
        for (Definition d : definitions.values()) {
            out.add(d.group() + "/" + d.name());
        }
        return out;
    }

    private static String instanceOf(String path) {
        String prefix = T + "/instances/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private String virtual(String path) {
        if (path.equals(T + "/kprobe_events")) {
            StringBuilder b = new StringBuilder();
            definitions.values().forEach(d -> b.append(d.text()).append('\n'));
            return b.toString();
        }
        if (path.equals(T + "/kprobe_profile")) {
            // trace_kprobe.c: probes_profile_seq_show, "  %-44s %15lu %15lu\n" with trace_probe_name (the event's name, no group)
            StringBuilder b = new StringBuilder();
            definitions.forEach((key, d) -> {
                long[] c = counts.getOrDefault(key, new long[2]);
                b.append(String.format("  %-44s %15d %15d%n", d.name(), c[0], c[1]));
            });
            return b.toString();
        }
        return null;
    }

    /** The kernel counted {@code hits} and {@code misses} of the kprobe event {@code groupAndName} so far. */
    FakeTracefs counted(String groupAndName, long hits, long misses) {
        counts.put(groupAndName, new long[] {hits, misses});
        return this;
    }

    @Override
    public String display(String path) {
        return path;
    }

    @Override
    public String describe() {
        return "a fake tracefs";
    }

    @Override
    public boolean exists(String path) {
        if (files.containsKey(path) || dirs.contains(path) || virtual(path) != null) {
            return true;
        }
        for (String event : events()) {
            if (path.equals(T + "/events/" + event) || path.startsWith(T + "/events/" + event + "/")) {
                return true;
            }
        }
        String instance = instanceOf(path);
        if (instance != null && enabled.containsKey(instance)) {
            String base = T + "/instances/" + instance;
            if (path.equals(base) || path.equals(base + "/trace_pipe")) {
                return true;
            }
            for (String event : events()) {
                String dir = base + "/events/" + event;
                if (path.equals(dir) || path.equals(dir + "/enable") || path.equals(dir + "/filter")) {
                    return true;
                }
            }
        }
        String prefix = path + "/";
        return files.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    @Override
    public boolean isDirectory(String path) {
        return exists(path) && !files.containsKey(path) && virtual(path) == null;
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Set<String> names = new TreeSet<>();
        String prefix = dir + "/";
        for (String p : files.keySet()) {
            if (p.startsWith(prefix)) {
                names.add(p.substring(prefix.length()).split("/")[0]);
            }
        }
        if (names.isEmpty() && !exists(dir)) {
            throw new NoSuchFileException(dir);
        }
        return new ArrayList<>(names);
    }

    @Override
    public InputStream open(String path) throws IOException {
        String instance = instanceOf(path);
        if (instance != null && path.endsWith("/trace_pipe") && enabled.containsKey(instance)) {
            openPipes.add(instance);
            return new ByteArrayInputStream(pipeText.getOrDefault(instance, "").getBytes(StandardCharsets.UTF_8)) {
                @Override
                public void close() {
                    openPipes.remove(instance);
                }
            };
        }
        String text = virtual(path) != null ? virtual(path) : files.get(path);
        if (text == null) {
            throw new NoSuchFileException(path);
        }
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<String> readLink(String path) {
        return Optional.empty();
    }

    private static IOException errno(String path, String reason) {
        return new FileSystemException(path, null, reason);
    }

    private static String rel(String path) {
        return path.startsWith(T + "/") ? path.substring(T.length() + 1) : path;
    }
}
