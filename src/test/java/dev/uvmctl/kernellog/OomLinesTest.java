package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kill line is read by hand; these tests hold it to the regular expressions it replaced
 * (kept here as the reference) on the kernel's forms, their near misses and random mutations.
 */
class OomLinesTest {
    private static final Pattern KILLED = Pattern.compile("^(?:(.*?): )?Killed process (\\d{1,10}) \\((.*)\\)(.*)$");
    private static final Pattern SIZE = Pattern.compile("\\b(total-vm|anon-rss|file-rss|shmem-rss|pgtables):(\\d{1,15})kB");
    private static final Pattern UID = Pattern.compile("\\bUID:(\\d{1,10})");
    private static final Pattern ADJ = Pattern.compile("\\boom_score_adj:(-?\\d{1,5})");
    private static final RecordOrigin ORIGIN = new RecordOrigin("kern.log", null, 1, 1, "", 1, null, null, null, null);

    private static final List<String> LINES = List.of(
        "Out of memory: Killed process 43924 (python3) total-vm:98765432kB, anon-rss:65432100kB, file-rss:123456kB, "
            + "shmem-rss:0kB, UID:1000 pgtables:130000kB oom_score_adj:0",
        "Memory cgroup out of memory: Killed process 46606 (pt_main_thread) total-vm:1kB, anon-rss:2kB, file-rss:3kB, "
            + "shmem-rss:4kB, UID:0 pgtables:5kB oom_score_adj:-1000",
        "Killed process 2211 (java) total-vm:4048kB, anon-rss:1024kB, file-rss:0kB",
        "Killed process 2211 (a (b) c) total-vm:4048kB",
        ": Killed process 7 () ",
        "Out of memory: Killed process 12345678901 (x) total-vm:1kB",
        "Out of memory: Killed process 99 x) total-vm:1kB",
        "Out of memory: Killed process  (x)",
        "Killed process x: Killed process 5 (late) UID:1",
        "a: b: Killed process 5 (c) xtotal-vm:9kB total-vm:8kB total-vm:7kB _UID:3 UID:12345678901234 oom_score_adj:-",
        "Out of memory: Killed process 5 (c) total-vm:1234567890123456kB oom_score_adj:-123456 oom_score_adj:4",
        "Out of memory: Killed process 5 (c) éUID:4 UID:5",
        "Killed process",
        "");

    @Test
    void readsTheKernelsForm() {
        OomKill k = OomLines.killed(ORIGIN, LINES.get(1), null, true);
        assertThat(k).isNotNull();
        assertThat(k.pid()).isEqualTo(46606L);
        assertThat(k.process()).isEqualTo("pt_main_thread");
        assertThat(k.cgroup()).isTrue();
        assertThat(k.totalVm()).isEqualTo(1024L);
        assertThat(k.pageTables()).isEqualTo(5 * 1024L);
        assertThat(k.uid()).isZero();
        assertThat(k.oomScoreAdj()).isEqualTo(-1000);
        assertThat(k.gpuProcess()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
    void agreesWithTheRegularExpressions(int index) {
        assertAgrees(LINES.get(index));
    }

    @Test
    void agreesOnMutatedLines() {
        Random random = new Random(20261127);
        String alphabet = "0123456789 ():-_kBxé,Killed process UID:oom_score_adj:total-vm:";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder(LINES.get(random.nextInt(LINES.size())));
            for (int edits = random.nextInt(4); edits > 0; edits--) {
                int at = line.length() == 0 ? 0 : random.nextInt(line.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> line.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> line.delete(at, Math.min(line.length(), at + 1 + random.nextInt(3)));
                    default -> line.insert(at, alphabet, random.nextInt(40), 40 + random.nextInt(alphabet.length() - 40));
                }
            }
            assertAgrees(line.toString());
        }
    }

    private static void assertAgrees(String line) {
        assertThat(describe(OomLines.killed(ORIGIN, line, null, false))).as(line).isEqualTo(reference(line));
    }

    private static List<Object> describe(OomKill k) {
        if (k == null) {
            return null;
        }
        List<Object> d = new ArrayList<>();
        d.add(k.pid());
        d.add(k.process());
        d.add(k.cgroup());
        d.add(k.totalVm());
        d.add(k.anonRss());
        d.add(k.fileRss());
        d.add(k.shmemRss());
        d.add(k.pageTables());
        d.add(k.uid());
        d.add(k.oomScoreAdj());
        return d;
    }

    private static List<Object> reference(String line) {
        Matcher m = KILLED.matcher(line);
        if (!m.find()) {
            return null;
        }
        String tail = m.group(4);
        Long[] sizes = new Long[5];
        List<String> names = List.of("total-vm", "anon-rss", "file-rss", "shmem-rss", "pgtables");
        Matcher s = SIZE.matcher(tail);
        while (s.find()) {
            sizes[names.indexOf(s.group(1))] = Long.parseLong(s.group(2)) * 1024;
        }
        Matcher u = UID.matcher(tail);
        Matcher a = ADJ.matcher(tail);
        List<Object> d = new ArrayList<>();
        d.add(Long.parseLong(m.group(2)));
        d.add(m.group(3));
        d.add(m.group(1) != null && m.group(1).startsWith("Memory cgroup"));
        d.addAll(Arrays.asList(sizes));
        d.add(u.find() ? Long.valueOf(u.group(1)) : null);
        d.add(a.find() ? Integer.valueOf(a.group(1)) : null);
        return d;
    }
}
