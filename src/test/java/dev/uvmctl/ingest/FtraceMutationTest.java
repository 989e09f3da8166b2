package dev.uvmctl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.cli.CliRun;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.shared.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garbled traces never crash uvmctl: every trace under src/test/resources/ftrace, mutated a few
 * lines at a time by a seeded generator (a field dropped, a value garbled, lines duplicated,
 * swapped or cut short, the last newline gone, a return without its entry, an entry without its
 * return, a lost-events marker, a pid reused, another tracepoint's line, non-ASCII bytes, NULs),
 * read the way {@code uvmctl events -o ndjson} and {@code uvmctl leaks -o json} read it: no
 * exception escapes, the exit code is never 70, and a line made unreadable is named by a
 * diagnostic at its input and line.
 */
class FtraceMutationTest {
    private static final Path DIR = Path.of("src/test/resources/ftrace");
    /** Seeds per trace: bounded for 'mvn verify' (a few seconds a trace); -Duvmctl.mutation.seeds=N runs more to search. */
    private static final int SEEDS_PER_TRACE = Integer.getInteger("uvmctl.mutation.seeds", 100);
    private static final Pattern FIELD = Pattern.compile("([a-z_]+)=(\\S+)");

    /** Values no field of a UVM or scheduler line may take. */
    private static final String[] INVALID = {"", "0xzz", "0x", "zz", "0x1g2", "99999999999999999999999999", "99999999999999999999", "0x1ffffffffffffffffff"};
    /** Values that are odd but may be legal for some field (signed numbers, the largest ones): only never a crash. */
    private static final String[] ODD = {"-1", "-0x5", "0", "0xffffffffffffffff", "18446744073709551615", "4294967296"};

    static Stream<String> traces() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace")).sorted().toList().stream();
        }
    }

    /** A mutated trace: its bytes (ISO-8859-1 characters, one byte each) and the lines made unreadable, by their number. */
    private record Mutated(String text, List<Integer> unreadable, List<String> done) {
        byte[] bytes() {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean isEvent(String line) {
        return !line.isBlank() && !line.startsWith("#");
    }

    /** The first character of the line's fields, after the probe's "(...) " or the tracepoint's ": ". */
    private static int fieldsStart(String line) {
        int close = line.indexOf(") ", line.indexOf(": ") + 1);
        return close > 0 && line.indexOf(": (") >= 0 ? close + 2 : Math.max(0, line.indexOf(": ", line.indexOf("]") + 1) + 2);
    }

    static Mutated mutate(List<String> original, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>(original);
        // A line made unreadable is tracked by identity of its slot until the end, when numbers are given.
        List<Boolean> bad = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            bad.add(false);
        }
        List<String> done = new ArrayList<>();
        boolean noFinalNewline = false;
        int count = 1 + r.nextInt(3);
        for (int m = 0; m < count; m++) {
            int i = r.nextInt(lines.size());
            String line = lines.get(i);
            int kind = r.nextInt(15);
            switch (kind) {
                case 0, 1 -> { // garble a value
                    Matcher f = FIELD.matcher(line);
                    List<int[]> spans = new ArrayList<>();
                    while (f.find()) {
                        if (f.start() >= fieldsStart(line)) {
                            spans.add(new int[] {f.start(2), f.end(2)});
                        }
                    }
                    if (!isEvent(line) || spans.isEmpty()) {
                        continue;
                    }
                    int[] s = spans.get(r.nextInt(spans.size()));
                    boolean invalid = r.nextBoolean();
                    String v = invalid ? INVALID[r.nextInt(INVALID.length)] : ODD[r.nextInt(ODD.length)];
                    lines.set(i, line.substring(0, s[0]) + v + line.substring(s[1]));
                    done.add("garble " + (i + 1) + " to '" + v + "'");
                    if (invalid && readField(line.substring(0, s[0]))) {
                        bad.set(i, true);
                    }
                }
                case 2 -> { // drop a field
                    Matcher f = FIELD.matcher(line);
                    List<int[]> spans = new ArrayList<>();
                    while (f.find()) {
                        if (f.start() >= fieldsStart(line)) {
                            spans.add(new int[] {f.start(), f.end()});
                        }
                    }
                    if (!isEvent(line) || spans.isEmpty()) {
                        continue;
                    }
                    int[] s = spans.get(r.nextInt(spans.size()));
                    lines.set(i, line.substring(0, s[0]) + line.substring(Math.min(line.length(), s[1] + 1)));
                    done.add("drop field at " + (i + 1));
                }
                case 3 -> { // duplicate a line
                    lines.add(i, line);
                    bad.add(i, bad.get(i));
                    done.add("duplicate " + (i + 1));
                }
                case 4 -> { // swap two lines
                    int j = r.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                    boolean b = bad.get(i);
                    bad.set(i, bad.get(j));
                    bad.set(j, b);
                    done.add("swap " + (i + 1) + " " + (j + 1));
                }
                case 5 -> { // cut a line short
                    if (line.isEmpty()) {
                        continue;
                    }
                    lines.set(i, line.substring(0, r.nextInt(line.length())));
                    done.add("cut " + (i + 1));
                }
                case 6 -> {
                    noFinalNewline = true;
                    done.add("no final newline");
                }
                case 7 -> { // a return line without its entry: a return line copied elsewhere, or an entry removed
                    int ret = find(lines, r, "_r: (");
                    if (ret < 0) {
                        continue;
                    }
                    lines.add(i, lines.get(ret));
                    bad.add(i, false);
                    done.add("lone return at " + (i + 1));
                }
                case 8 -> { // an entry repeated without its return
                    int entry = find(lines, r, "+0x0/");
                    if (entry < 0) {
                        continue;
                    }
                    lines.add(i, lines.get(entry));
                    bad.add(i, false);
                    done.add("lone entry at " + (i + 1));
                }
                case 9 -> {
                    lines.add(i, "CPU:" + r.nextInt(64) + " [LOST " + (1 + r.nextInt(5000)) + " EVENTS]");
                    bad.add(i, false);
                    done.add("lost marker at " + (i + 1));
                }
                case 10 -> { // a pid reused: a line's task given another process's pid
                    Matcher p = Pattern.compile("-(\\d+) +\\( *(\\d+)\\)").matcher(line);
                    if (!p.find()) {
                        continue;
                    }
                    int other = 4242 + r.nextInt(3);
                    lines.set(i, line.substring(0, p.start(1)) + other + line.substring(p.end(1), p.start(2)) + other + line.substring(p.end(2)));
                    done.add("pid " + other + " at " + (i + 1));
                }
                case 11 -> {
                    String other = r.nextBoolean()
                        ? "          <idle>-0       (      0) [002] d..2.  1521.650000: sched_switch: prev_comm=swapper/2 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=python next_pid=4242 next_prio=120"
                        : "          python-4242    (   4242) [003] .....  1521.650000: kmalloc: call_site=uvm_kvmalloc+0x50/0x90 [nvidia_uvm] ptr=0xffff8f01c2a40000 bytes_req=4096 bytes_alloc=4096 gfp_flags=GFP_KERNEL";
                    lines.add(i, other);
                    bad.add(i, false);
                    done.add("other tracepoint at " + (i + 1));
                }
                case 12 -> {
                    int at = r.nextInt(line.length() + 1);
                    String junk = r.nextBoolean() ? "\u00e9\u00ff\u00c3" : "\u00e2\u0080\u0094";
                    lines.set(i, line.substring(0, at) + junk + line.substring(at));
                    done.add("non-ASCII at " + (i + 1) + ":" + at);
                }
                case 13 -> {
                    int at = r.nextInt(line.length() + 1);
                    lines.set(i, line.substring(0, at) + "\u0000\u0000" + line.substring(at));
                    done.add("NUL at " + (i + 1) + ":" + at);
                }
                default -> { // a line removed
                    if (lines.size() < 2) {
                        continue;
                    }
                    lines.remove(i);
                    bad.remove(i);
                    done.add("remove " + (i + 1));
                }
            }
        }
        List<Integer> unreadable = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (bad.get(i)) {
                unreadable.add(i + 1);
            }
        }
        String text = String.join("\n", lines) + (noFinalNewline ? "" : "\n");
        return new Mutated(text, unreadable, done);
    }

    /**
     * The fields the trace path reads from the lines that carry them (a garbled pointer of a probe
     * the model needs nothing of, uvm_fd_release's filp=, or a migration's dst_nid=, a range event's pev=, is not read).
     */
    private static final Pattern READ = Pattern.compile(
        "(?:: (?:uvm_vas_create|uvm_vas_init|uvm_vas_create_r|uvm_vas_destroy|uvm_range_mmap|uvm_range_mmap_r|uvm_range_ev"
            + "|uvm_migrate|uvm_evict|uvm_evict_r|uvm_pma_evict|uvm_pma_evict_r|uvm_pma_evrange|uvm_pma_evrange_r): .*[ )]"
            + "(?:flags|vas|ret|start|vm_end|end|ev|block|dst|src|addr|bytes|mode|cause|gpu|root_pa|pmm)"
            + "|: (?:uvm_vas_init|uvm_migrate): .*[ )]pev"
            + "|: (?:sched_process_fork: .*child_pid|task_newtask: (?:.* )?(?:pid|clone_flags)))=$");

    /** Whether the field garbled (its line up to its value) is one the trace path reads. */
    private static boolean readField(String before) {
        return READ.matcher(before).find();
    }

    private static int find(List<String> lines, Random r, String marker) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                at.add(i);
            }
        }
        return at.isEmpty() ? -1 : at.get(r.nextInt(at.size()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void aMutatedTraceNeverCrashesAndNamesWhatItLeftOut(String name, @TempDir Path tmp) throws IOException {
        List<String> original = List.of(Files.readString(DIR.resolve(name), StandardCharsets.ISO_8859_1).split("\n", -1));
        List<String> lines = original.get(original.size() - 1).isEmpty() ? original.subList(0, original.size() - 1) : original;
        for (int seed = 0; seed < SEEDS_PER_TRACE; seed++) {
            long s = name.hashCode() * 1000L + seed;
            Mutated m = mutate(lines, s);
            String what = name + " seed " + s + " " + m.done();
            Path file = tmp.resolve("m" + seed + ".trace");
            Files.write(file, m.bytes());

            List<Diagnostic> diagnostics = new ArrayList<>();
            try (EventReader r = new FtraceEventSource().open(new ByteArrayInputStream(m.bytes()), "m.trace", diagnostics::add)) {
                while (r.next() != null) {
                    // read to the end
                }
            } catch (RuntimeException e) {
                throw new AssertionError(what + ": " + e, e);
            }
            for (int line : m.unreadable()) {
                // Named at its line, or its whole probe left out by the layout checks (which name the first line they failed on).
                assertThat(diagnostics).as(what + "\n" + m.text()).map(Diagnostic::toString)
                    .anyMatch(d -> d.contains("m.trace:" + line + ":") || d.contains("the probe is left out"));
            }

            CliRun.Result events = new CliRun().run("events", file.toString(), "-o", "ndjson");
            // 3: a trace whose header was cut is not recognized as one, and nothing could be read from it.
            assertThat(events.exitCode()).as(what + "\n" + events).isIn(0, 1, 3);
            assertThat(events.err()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
            CliRun.Result leaks = new CliRun().run("leaks", file.toString(), "-o", "json");
            assertThat(leaks.exitCode()).as(what + "\n" + leaks).isIn(0, 1, 3);
            assertThat(leaks.err()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
            if (!m.unreadable().isEmpty() && events.exitCode() != 3) {
                assertThat(events.out()).as(what + "\n" + events).contains("\"type\":\"diagnostic\"");
            }
        }
    }
}
