package dev.uvmctl.ftrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines as the kernel prints them (kernel/trace/trace_output.c, trace_kprobe.c), and lines cut short or from elsewhere. */
class FtraceParserTest {
    private final FtraceParser parser = new FtraceParser();

    private FtraceLine parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parser.parse(b, b.length, 7);
    }

    @Test
    void aKprobeLineWithTheTgidColumnAndFlags() {
        FtraceLine l = parse("     UVM GPU1 BH-1187    (   1187) [011] d..1.  1521.010200: uvm_migrate: "
            + "(uvm_perf_event_notify+0x0/0x90 [nvidia_uvm]) pev=0xffff8f01c2a56c58 ev=7 block=0xffff8f0190c001c0 dst=1 src=0 "
            + "dst_nid=-1 src_nid=-1 addr=0x7f3a40200000 bytes=2097152 mode=1 cause=0");
        assertThat(l.kind()).isEqualTo(FtraceLine.Kind.EVENT);
        assertThat(l.comm()).isEqualTo("UVM GPU1 BH");
        assertThat(l.tid()).isEqualTo(1187);
        assertThat(l.tgid()).isEqualTo(1187);
        assertThat(l.cpu()).isEqualTo(11);
        assertThat(l.nanos()).isEqualTo(1_521_010_200_000L);
        assertThat(l.event()).isEqualTo("uvm_migrate");
        assertThat(l.isProbe()).isTrue();
        assertThat(l.isReturn()).isFalse();
        assertThat(l.probe()).isEqualTo("uvm_perf_event_notify+0x0/0x90 [nvidia_uvm]");
        assertThat(l.fieldCount()).isEqualTo(11);
        assertThat(l.number("pev")).isEqualTo(0xffff8f01c2a56c58L);
        assertThat(l.number("dst_nid")).isEqualTo(-1);
        assertThat(l.number("addr")).isEqualTo(0x7f3a40200000L);
        assertThat(l.number("bytes")).isEqualTo(2 * 1024 * 1024);
        assertThat(l.number("cause")).isZero();
        assertThat(l.number("nothing", 42)).isEqualTo(42);
        assertThat(l.number()).isEqualTo(7);
    }

    /**
     * options/stacktrace and options/userstacktrace record a stack entry after the event: printed
     * with the event's context, then {@code <stack trace>} and a line per frame (trace_output.c:
     * trace_stack_print, trace_user_stack_print). Look-alikes are not.
     */
    @Test
    void aStackTraceEntryAndItsFramesAreStackLines() {
        for (String line : List.of(
            "          python-7300    (   7300) [003] .....    70.000000: <stack trace>",
            "python3-7001  [003]  300.000100: <user stack trace>",
            " => uvm_perf_event_notify+0x5/0x90 [nvidia_uvm]",
            " => [FTRACE TRAMPOLINE]",
            " => <00007f3a4c2d1e2b>",
            "=> do_syscall_64+0x5c/0xc0")) {
            FtraceLine l = parse(line);
            assertThat(l.kind()).as(line).isEqualTo(FtraceLine.Kind.STACK);
            assertThat(l.fieldCount()).as(line).isZero();
            assertThat(FtraceParser.isTraceLine(line)).as(line).isTrue();
        }
        assertThat(parse("          python-7300    (   7300) [003] .....    70.000000: <stack trace> extra").kind())
            .isEqualTo(FtraceLine.Kind.BAD);
        assertThat(parse(" =>uvm_perf_event_notify+0x5/0x90").kind()).isEqualTo(FtraceLine.Kind.BAD);
        assertThat(parse("          python-7300    (   7300) [003] .....    70.000000: <stack").kind()).isEqualTo(FtraceLine.Kind.BAD);
    }

    /**
     * The function tracer's lines (print_fn_trace, kernel/trace/trace_output.c): the function and
     * {@code " <-"} its caller, each with {@code +off/len [module]} under sym-offset, arguments in
     * parentheses under func-args; without print-parent only the form with an offset, since a bare
     * name is also an event line cut after its name.
     */
    @Test
    void aFunctionTracerLineIsAFunctionLine() {
        for (String line : List.of(
            "          python-7300    (   7300) [003] .....    70.000000: uvm_va_space_destroy <-uvm_release",
            "python3-7001  [003]  300.000100: uvm_va_block_evict_chunks.isra.0 <-evict_root_chunk",
            "  python-7300 [003] d..1.    70.000000: uvm_release+0x0/0x90 [nvidia_uvm] <-uvm_release_deferred+0x21/0x40 [nvidia_uvm]",
            "  python-7300 [003] .....    70.000000: uvm_release+0x0/0x90 [nvidia_uvm]",
            "  python-7300 [003] .....    70.000000: uvm_release(filep=0xffff8f0100000000) <-__fput  ")) {
            FtraceLine l = parse(line);
            assertThat(l.kind()).as(line).isEqualTo(FtraceLine.Kind.FUNCTION);
            assertThat(FtraceParser.isTraceLine(line)).as(line).isTrue();
        }
        for (String line : List.of(
            "          python-7300    (   7300) [003] .....    70.000000: uvm_migrate",
            "          python-7300    (   7300) [003] .....    70.000000: uvm_release <-",
            "          python-7300    (   7300) [003] .....    70.000000: uvm_release <- __fput",
            "          python-7300    (   7300) [003] .....    70.000000: uvm_release+0x0 [nvidia_uvm]",
            "          python-7300    (   7300) [003] .....    70.000000: uvm_release <-__fput extra")) {
            assertThat(parse(line).kind()).as(line).isEqualTo(FtraceLine.Kind.BAD);
        }
    }

    /**
     * print_kretprobe_event (kernel/trace/trace_kprobe.c) prints the return address with its
     * offset and module, and the probed function by its name alone (trace_seq_print_sym without
     * an offset looks it up with kallsyms_lookup, which gives no module); a module after the
     * function is read the same.
     */
    @ParameterizedTest
    @ValueSource(strings = {"uvm_va_space_create", "uvm_va_space_create [nvidia_uvm]"})
    void aKretprobeLineNamesTheCallerAndTheFunction(String function) {
        FtraceLine l = parse("          python-4242    (   4242) [003] .....  1520.301356: uvm_vas_create_r: "
            + "(uvm_ioctl+0x7c1/0x1a60 [nvidia_uvm] <- " + function + ") ret=0x4d");
        assertThat(l.kind()).isEqualTo(FtraceLine.Kind.EVENT);
        assertThat(l.isReturn()).isTrue();
        assertThat(l.event()).isEqualTo("uvm_vas_create_r");
        assertThat(l.number("ret")).isEqualTo(0x4d);
        assertThat(l.fieldCount()).isEqualTo(1);
    }

    @Test
    void withoutTheTgidColumnOrFlagsTheThreadIsTheProcess() {
        FtraceLine l = parse("python3-7001  [003]  300.000100: uvm_vas_create: (uvm_va_space_create+0x4/0x5d0 [nvidia_uvm]) flags=0x2");
        assertThat(l.kind()).isEqualTo(FtraceLine.Kind.EVENT);
        assertThat(l.hasTgidColumn()).isFalse();
        assertThat(l.tgid()).isEqualTo(FtraceLine.NO_TGID);
        assertThat(l.pid()).isEqualTo(7001);
        assertThat(l.nanos()).isEqualTo(300_000_100_000L);
        assertThat(l.number("flags")).isEqualTo(2);
    }

    @Test
    void anUnrecordedTgidIsDashes() {
        FtraceLine l = parse("          <idle>-0       (-------) [001] d.h2.   12.000001: sched_process_exit: comm=kworker/1:0 pid=17 prio=120");
        assertThat(l.hasTgidColumn()).isTrue();
        assertThat(l.tgid()).isEqualTo(FtraceLine.NO_TGID);
        assertThat(l.comm()).isEqualTo("<idle>");
    }

    /**
     * The kernel prints {@code <...>} for a pid its table of names does not hold (trace_find_cmdline),
     * as trace-cmd report does, and perf script {@code :TID} for a thread it saw no name of: no name.
     */
    @Test
    void aTaskTheTracerCouldNotNameHasNoName() {
        FtraceLine kernel = parse("           <...>-7001    (   7000) [003] .....   300.000100: uvm_vas_create: (uvm_va_space_create+0x0/0x5d0 [nvidia_uvm]) flags=0x0");
        assertThat(kernel.comm()).isNull();
        assertThat(kernel.tid()).isEqualTo(7001);
        assertThat(kernel.tgid()).isEqualTo(7000);
        FtraceLine perf = parse("          :4243 4242/4243 [003] 1520.301337: uvmctl:uvm_vas_create: (ffffffffc0b3a2f0) flags=0x0");
        assertThat(perf.comm()).isNull();
        assertThat(perf.tid()).isEqualTo(4243);
        assertThat(perf.tgid()).isEqualTo(4242);
        // Names that only look alike are names.
        for (String name : List.of("<..>", "<....>", ":", ":42a", "a:42", "<...>x")) {
            assertThat(parse("  " + name + "-7001 [003] .....   300.000100: sched_process_exit: comm=x pid=7001 prio=120").comm()).isEqualTo(name);
        }
    }

    @Test
    void aTaskNameMayHoldDashesSpacesAndBrackets() {
        FtraceLine l = parse("   my-job [x] 2-31337 (  31300) [002] .....  5.5: mark_victim: pid=31300");
        assertThat(l.comm()).isEqualTo("my-job [x] 2");
        assertThat(l.tid()).isEqualTo(31337);
        assertThat(l.tgid()).isEqualTo(31300);
        assertThat(l.nanos()).isEqualTo(5_500_000_000L);
    }

    @Test
    void tracepointFieldsMayHoldSpacesAndTracepointTextIsKept() {
        FtraceLine fork = parse("  GPU Process-900 (  900) [000] ..... 10.000000: sched_process_fork: comm=GPU Process pid=900 "
            + "child_comm=GPU Process child_pid=901");
        assertThat(fork.string("comm")).isEqualTo("GPU Process");
        assertThat(fork.string("child_comm")).isEqualTo("GPU Process");
        assertThat(fork.number("child_pid")).isEqualTo(901);
        FtraceLine xid = parse("  irq/100-nvidia-612 (  612) [004] d..1. 2000.100000: nvidia_dev_xid: Xid (PCI:0000:3b:00.0): 79, "
            + "pid=1234, name=python, GPU has fallen off the bus.");
        assertThat(xid.isProbe()).isFalse();
        assertThat(xid.payload()).isEqualTo("Xid (PCI:0000:3b:00.0): 79, pid=1234, name=python, GPU has fallen off the bus.");
    }

    @Test
    void stringArgumentsAreQuoted() {
        FtraceLine l = parse("  irq/100-nvidia-612 (  612) [004] ..... 2000.1: uvm_xid: (nv_log_error+0x0/0x110 [nvidia]) domain=0 bus=59 slot=0 "
            + "xid=79 fmt=\"GPU has fallen off the bus.\"");
        assertThat(l.string("fmt")).isEqualTo("GPU has fallen off the bus.");
        assertThat(l.number("xid")).isEqualTo(79);
    }

    @Test
    void aFieldThatCouldNotBeReadIsNoNumber() {
        FtraceLine l = parse("  python-1 (    1) [000] ..... 1.0: uvm_range_mmap: (uvm_va_range_create_mmap+0x0/0x1c0 [nvidia_uvm]) "
            + "vas=0xffff8f01c2a40000 start=(fault) vm_end=(fault)");
        assertThat(l.kind()).isEqualTo(FtraceLine.Kind.EVENT);
        assertThatThrownBy(() -> l.number("start")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void lostEventsHeaderCommentsAndMeta() {
        FtraceLine lost = parse("CPU:9 [LOST 4096 EVENTS]");
        assertThat(lost.kind()).isEqualTo(FtraceLine.Kind.LOST);
        assertThat(lost.cpu()).isEqualTo(9);
        assertThat(lost.lost()).isEqualTo(4096);
        FtraceLine uncounted = parse("CPU:12 [LOST EVENTS]");
        assertThat(uncounted.kind()).as("the trace file's form, since Linux 5.7").isEqualTo(FtraceLine.Kind.LOST);
        assertThat(uncounted.cpu()).isEqualTo(12);
        assertThat(uncounted.lost()).isEqualTo(FtraceLine.UNCOUNTED);
        assertThat(parse("# tracer: nop").kind()).isEqualTo(FtraceLine.Kind.COMMENT);
        FtraceLine started = parse("##### CPU 3 buffer started ####");
        assertThat(started.kind()).isEqualTo(FtraceLine.Kind.BUFFER_STARTED);
        assertThat(started.cpu()).isEqualTo(3);
        FtraceLine entries = parse("# entries-in-buffer/entries-written: 18/4114   #P:16");
        assertThat(entries.kind()).isEqualTo(FtraceLine.Kind.ENTRIES);
        assertThat(entries.lost()).as("written less in buffer: the overruns").isEqualTo(4096);
        assertThat(parse("# entries-in-buffer/entries-written: 57813/57813   #P:12").lost()).isZero();
        assertThat(parse("   ").kind()).isEqualTo(FtraceLine.Kind.BLANK);
        FtraceLine meta = parse("# uvmctl-trace: gpu=1 uuid=GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9 pci=0000:3b:00.0 why=\"not here\"");
        assertThat(meta.kind()).isEqualTo(FtraceLine.Kind.META);
        assertThat(meta.number("gpu")).isEqualTo(1);
        assertThat(meta.string("pci")).isEqualTo("0000:3b:00.0");
        assertThat(meta.string("why")).isEqualTo("not here");
    }

    /** Newer kernels' oom:mark_victim (include/trace/events/oom.h): names with '-', and words with ':' that are no pair. */
    @Test
    void aMarkVictimOfANewerKernelKeepsItsCommApartFromTheFieldsAfterIt() {
        FtraceLine l = parse("  trainer-5001 ( 5001) [003] ..... 71.0: mark_victim: pid=7300 comm=python total-vm=123456kB "
            + "anon-rss=1024kB file-rss:2048kB shmem-rss:0kB uid=1000 pgtables=512kB oom_score_adj=0");
        assertThat(l.string("comm")).isEqualTo("python");
        assertThat(l.number("pid")).isEqualTo(7300);
        assertThat(l.number("uid")).isEqualTo(1000);
        assertThat(l.string("total-vm")).isEqualTo("123456kB");
        assertThat(l.string("anon-rss")).as("a word that is no pair stays with the value before it").isEqualTo("1024kB file-rss:2048kB shmem-rss:0kB");
        assertThat(parse("  p-1 (    1) [000] ..... 1.0: sched_process_exit: comm=UVM GPU1 BH pid=1 prio=120").string("comm"))
            .as("a comm with spaces").isEqualTo("UVM GPU1 BH");
    }

    @Test
    void aCounterClockGivesNoTime() {
        FtraceLine l = parse("  python-1 (    1) [000] ..... 123456789: mark_victim: pid=1");
        assertThat(l.kind()).isEqualTo(FtraceLine.Kind.EVENT);
        assertThat(l.nanos()).isEqualTo(FtraceLine.NO_TIME);
    }

    @Test
    void brokenLinesSayWhy() {
        for (String[] c : List.of(
            new String[] {"         python3-7001    [003] .....   300.5", "no 'TIMESTAMP:'"},
            new String[] {"  python-1 (    1) [000] ..... 1.0: uvm_migrate: (uvm_perf_event_notify+0x0/0x90 [nvidia_u", "has no ')'"},
            new String[] {"  python-1 (    1) [000] ..... 1.0: uvm_migr", "no 'EVENT:'"},
            new String[] {"CPU:9 [LOST 40", "cut short"},
            new String[] {"CPU:9 [LOST EVENTS] x", "cut short"},
            new String[] {"##### CPU x buffer started ####", "not '##### CPU N buffer started ####'"},
            new String[] {"# entries-in-buffer/entries-written: 18/", "not 'E/W'"},
            new String[] {"# entries-in-buffer/entries-written: 1/99999999999999999999   #P:1", "not 'E/W'"},
            new String[] {"[ 1520.301337] NVRM: Xid (PCI:0000:3b:00): 79, pid=1, name=x", "no '[CPU]' column"},
            new String[] {"  python (    1) [000] ..... 1.0: mark_victim: pid=1", "no 'TASK-PID'"},
            new String[] {"  python-1 (  abc) [000] ..... 1.0: mark_victim: pid=1", "TGID"},
            new String[] {"  python-1 (    1) [000] ..... 1.x: mark_victim: pid=1", "timestamp '1.x'"},
            new String[] {"# uvmctl-trace: what is this", "not 'key=value'"})) {
            FtraceLine l = parse(c[0]);
            assertThat(l.kind()).as(c[0]).isEqualTo(FtraceLine.Kind.BAD);
            assertThat(l.problem()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void numbersReadAsTheKernelPrintsThem() {
        FtraceLine l = parse("  p-1 (    1) [000] ..... 1.0: e: a=0xffffffffffffffff b=18446744073709551615 c=-5 d=0x d=12x e=0x12345678901234567");
        assertThat(l.number("a")).isEqualTo(-1L);
        assertThat(l.number("b")).isEqualTo(-1L);
        assertThat(l.number("c")).isEqualTo(-5);
        assertThatThrownBy(() -> l.number("d")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> l.number("e")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void tracepointHexHasNoPrefix() {
        FtraceLine l = parse("  python-4242 ( 4242) [003] ..... 1523.0: task_newtask: pid=4301 comm=python clone_flags=1200011 oom_score_adj=0");
        assertThat(l.hex("clone_flags")).isEqualTo(0x1200011);
        assertThat(l.number("oom_score_adj")).isZero();
        assertThatThrownBy(() -> l.hex("comm")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void recognizesFtraceTextByItsFirstLineAndNotAKernelLog() throws IOException {
        for (Path p : Files.list(Path.of("src/test/resources/ftrace")).toList()) {
            String head = Files.readString(p).lines().findFirst().orElseThrow();
            assertThat(FtraceParser.recognizes(head)).as(p.toString()).isTrue();
        }
        assertThat(FtraceParser.recognizes("CPU:0 [LOST 1 EVENTS]")).isTrue();
        assertThat(FtraceParser.recognizes("CPU:0 [LOST EVENTS]")).isTrue();
        assertThat(FtraceParser.recognizes("[ 1520.301337] NVRM: Xid (PCI:0000:3b:00): 79, pid=1, name=x")).isFalse();
        assertThat(FtraceParser.recognizes("Mar 14 09:41:07 node1 kernel: [ 1520.301337] NVRM: loading NVIDIA UNIX")).isFalse();
        assertThat(FtraceParser.recognizes("{\"type\":\"xid\"}")).isFalse();
        assertThat(FtraceParser.recognizes("# some comment")).isFalse();
    }

    @Test
    void theViewIsReusedAndKeepsNothingOfTheLineBefore() {
        FtraceLine first = parse("  p-1 (    1) [000] ..... 1.0: uvm_evict_r: (a+0x1/0x2 [nvidia_uvm] <- b [nvidia_uvm]) ret=0x0");
        assertThat(first.isReturn()).isTrue();
        FtraceLine second = parse("  q-2 [001] 2.0: mark_victim: pid=2");
        assertThat(second).isSameAs(first);
        assertThat(second.isReturn()).isFalse();
        assertThat(second.isProbe()).isFalse();
        assertThat(second.hasTgidColumn()).isFalse();
        assertThat(second.has("ret")).isFalse();
        assertThat(second.comm()).isEqualTo("q");
        assertThat(second.text()).isEqualTo("  q-2 [001] 2.0: mark_victim: pid=2");
    }

    private FtraceLine at(String timestamp) {
        return parse("  python-1 [000] ..... " + timestamp + ": uvm_vas_destroy: (uvm_va_space_destroy+0x0/0x5d0 [nvidia_uvm]) vas=0x1");
    }

    @Test
    void timestampsAreReadToTheNanosecondAndGarbledOnesAreBad() {
        assertThat(at("0.000001").nanos()).isEqualTo(1_000L);
        assertThat(at("1234567890.123456789").nanos()).isEqualTo(1_234_567_890_123_456_789L);
        assertThat(at("123456789012.5").kind()).isEqualTo(FtraceLine.Kind.EVENT);
        // Decimals beyond the ninth must be digits, and are dropped.
        assertThat(at("12.1234567891").nanos()).isEqualTo(12_123_456_789L);
        assertThat(at("12.5").nanos()).isEqualTo(12_500_000_000L);
        assertThat(at("4242").nanos()).isEqualTo(FtraceLine.NO_TIME);
        for (String bad : new String[] {"1234567890123.5", "12.", ".5", "12.3x", "12.1234567891x", "1x.5", "12,5"}) {
            assertThat(at(bad).kind()).as(bad).isEqualTo(FtraceLine.Kind.BAD);
        }
    }

    @Test
    void onlyASpacedArrowMakesAReturnWhereverItIsAndWhateverLessThanSignsComeAfter() {
        assertThat(parse("  a-1 [000] ..... 1.0: e: (f+0x0/0x9 [m<x]) v=1").isReturn()).isFalse();
        assertThat(parse("  a-1 [000] ..... 1.0: e: (f+0x0/0x9 [m] <-g) v=1").isReturn()).isFalse();
        assertThat(parse("  a-1 [000] ..... 1.0: e: ( <- g) v=1").isReturn()).isTrue();
        assertThat(parse("  a-1 [000] ..... 1.0: e: (c <- f [m<x]) v=1").isReturn()).isTrue();
        assertThat(parse("  a-1 [000] ..... 1.0: e: (c+0x1/0x2 <- f) ret=0x0").isReturn()).isTrue();
        assertThat(parse("  a-1 [000] ..... 1.0: e: (c <- ) ret=0x0").isReturn()).isTrue();
        assertThat(parse("  a-1 [000] ..... 1.0: e: (c <-) ret=0x0").isReturn()).isFalse();
    }

    @Test
    void eventNamesAlternatingAndOfEqualLengthAreEachTheirOwnOneString() {
        String[] names = {"uvm_migrate", "uvm_migrate", "uvm_evict_r", "uvm_migrate", "uvm_evict", "uvm_evict_r", "uvm_migrate"};
        String first = null;
        for (String name : names) {
            FtraceLine l = parse("  a-1 [000] ..... 1.0: " + name + ": v=1");
            assertThat(l.event()).isEqualTo(name);
            if (name.equals("uvm_migrate")) {
                first = first == null ? l.event() : first;
                assertThat(l.event()).isSameAs(first);
            }
        }
    }

    @Test
    void fieldsAreFoundByNameInAnyOrderAmongNamesOfEqualLengthAndPrefixes() {
        FtraceLine l = parse("  a-1 [000] ..... 1.0: uvm_migrate_r23: (f+0x0/0x9 [m]) dst=1 src=2 cause=3 cause_r3=4 ca=5 causes=6 s=\"x\"");
        String[] names = {"dst", "src", "cause", "cause_r3", "ca", "causes", "s"};
        java.util.Random random = new java.util.Random(5);
        for (int round = 0; round < 200; round++) {
            int k = random.nextInt(names.length);
            assertThat(l.field(FtraceLine.name(names[k]))).isEqualTo(k);
            assertThat(l.field(names[k])).isEqualTo(k);
            assertThat(l.number(FtraceLine.name("cause_r3"))).isEqualTo(4);
        }
        for (String missing : new String[] {"", "d", "dsT", "cause_", "causes_", "caus", "c\u00e9", "s\u0000"}) {
            assertThat(l.field(missing)).as(missing).isEqualTo(-1);
            assertThat(l.has(missing)).isFalse();
        }
        assertThatThrownBy(() -> l.number(FtraceLine.name("nothing"))).isInstanceOf(NumberFormatException.class).hasMessageContaining("'nothing'");
    }

    /** Eight hex digits the slow way: -1 when any byte is none. */
    private static long hexByBytes(byte[] b) {
        long v = 0;
        for (byte c : b) {
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    @Test
    void eightHexDigitsAtOnceAgreeWithTheBytewiseReadingForEveryByteInEveryPlace() {
        java.util.Random random = new java.util.Random(8);
        byte[] digits = "0123456789abcdefABCDEF".getBytes(StandardCharsets.US_ASCII);
        byte[] word = new byte[8];
        for (int round = 0; round < 20; round++) {
            for (int at = 0; at < 8; at++) {
                for (int c = 0; c < 256; c++) {
                    for (int i = 0; i < 8; i++) {
                        word[i] = digits[random.nextInt(digits.length)];
                    }
                    word[at] = (byte) c;
                    long x = java.nio.ByteBuffer.wrap(word).getLong();
                    assertThat(FtraceLine.hex8(x)).as("%s", java.util.HexFormat.of().formatHex(word)).isEqualTo(hexByBytes(word));
                }
            }
        }
    }

    @Test
    void hexFieldsOfEveryLengthAndGarbledOnesAnywhere() {
        for (int length = 1; length <= 17; length++) {
            String digits = "fEdCbA9876543210f".substring(0, length);
            FtraceLine l = parse("  a-1 [000] ..... 1.0: e: v=0x" + digits + " w=" + digits);
            if (length <= 16) {
                assertThat(l.number("v")).as(digits).isEqualTo(Long.parseUnsignedLong(digits, 16));
                assertThat(l.hex("w")).as(digits).isEqualTo(Long.parseUnsignedLong(digits, 16));
            } else {
                assertThatThrownBy(() -> l.number("v")).isInstanceOf(NumberFormatException.class).hasMessageContaining("64-bit");
            }
            for (int bad = 0; bad < length && length <= 16; bad++) {
                String garbled = digits.substring(0, bad) + "g" + digits.substring(bad + 1);
                FtraceLine g = parse("  a-1 [000] ..... 1.0: e: v=0x" + garbled);
                assertThatThrownBy(() -> g.number("v")).as(garbled).isInstanceOf(NumberFormatException.class)
                    .hasMessage("not a hex number: " + garbled);
            }
        }
    }

    @Test
    void valuesOfEveryLengthEndAtASpaceOrTabWhereverItFallsInAWord() {
        for (int length = 1; length <= 20; length++) {
            for (String gap : new String[] {" ", "\t", "  ", " \t"}) {
                String value = "v".repeat(length);
                FtraceLine l = parse("  a[1]-1 [000] ..... 1.0: e: (f+0x0/0x9 [m]) x=" + value + gap + "y=" + value.replace('v', '<') + gap + "z=1");
                assertThat(l.kind()).isEqualTo(FtraceLine.Kind.EVENT);
                assertThat(l.comm()).isEqualTo("a[1]");
                assertThat(l.string("x")).isEqualTo(value);
                assertThat(l.string("y")).isEqualTo(value.replace('v', '<'));
                assertThat(l.number("z")).isEqualTo(1);
                assertThat(l.isReturn()).isFalse();
            }
        }
        // The CPU column is the first '[' after a space that holds a number and is followed by a space.
        FtraceLine l = parse("  a [b] [c-1 [012] ..... 1.0: e: v=1");
        assertThat(l.cpu()).isEqualTo(12);
        assertThat(l.comm()).isEqualTo("a [b] [c");
        String longComm = "w".repeat(40);
        assertThat(parse(longComm + "-7 [3] 2.5: e: (c+0x1/0x2 [m] <- f [m<]) ret=0x0").isReturn()).isTrue();
    }

    @Test
    void aValueAskedForFirstStillTakesTheWordsAfterItThatAreNoPairs() {
        FtraceLine l = parse("  a-1 [000] ..... 1.0: e: v=12 and more w=0x10 x=5");
        assertThat(l.string("v")).isEqualTo("12 and more");
        assertThatThrownBy(() -> l.number("v")).isInstanceOf(NumberFormatException.class).hasMessage("not a number: 12 and more");
        FtraceLine m = parse("  a-1 [000] ..... 1.0: e: v=12 and more w=0x10 x=5");
        assertThatThrownBy(() -> m.number("v")).isInstanceOf(NumberFormatException.class).hasMessage("not a number: 12 and more");
        assertThat(m.number("w")).isEqualTo(16);
        assertThat(m.fieldValue(0)).isEqualTo("12 and more");
        FtraceLine n = parse("  a-1 [000] ..... 1.0: e: v=-12\tw=0x10 x=-0x5");
        assertThat(n.number("v")).isEqualTo(-12);
        assertThat(n.number("x")).isEqualTo(-5);
        assertThat(n.number("w")).isEqualTo(16);
        assertThat(n.fieldCount()).isEqualTo(3);
        assertThat(parse("  a-1 [000] ..... 1.0: e: text first v=1").fieldCount()).isZero();
    }

    /** A decimal u64 is read to its largest value (wrapping above Long.MAX_VALUE, as the kernel holds it); one digit more is no number. */
    @Test
    void aDecimalPastTheLargestU64IsNoNumber() {
        FtraceLine l = parse("  a-1 [000] ..... 1.0: e: a=18446744073709551615 b=18446744073709551616 c=99999999999999999999 d=9223372036854775808");
        assertThat(l.number("a")).isEqualTo(-1L);
        assertThat(l.number("d")).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> l.number("b")).isInstanceOf(NumberFormatException.class).hasMessage("more than 64 bits: 18446744073709551616");
        assertThatThrownBy(() -> l.number("c")).isInstanceOf(NumberFormatException.class).hasMessage("more than 64 bits: 99999999999999999999");
    }

    /**
     * The parser reads a field's number while it scans the value; what number() gives must be what
     * parsing the value's text gives, value or error, for every shape a value takes, garbled ones included.
     */
    @Test
    void aNumberReadInTheScanIsTheNumberOfTheValuesText() {
        List<String> values = List.of("0", "7", "-1", "-0", "2097152", "123456789012345678", "1234567890123456789",
            "18446744073709551615", "18446744073709551616", "99999999999999999999", "0x0", "0x4d", "0X4D", "0xffff8f01c2a56c58",
            "0xFFFF8F01C2A56C58", "0x1ffff8f01c2a56c58", "-0x10", "0x", "0xg1", "0x12345678z", "12a", "1-2", "-", "--1", "+5",
            "(fault)", "0x7f3a40200000\u00e9", "\"quoted\"", "0x7f3a4020000\r", "00000000000000000001");
        for (String value : values) {
            FtraceLine l = parse("     UVM GPU1 BH-1187    (   1187) [011] d..1.  1521.010200: uvm_migrate: "
                + "(uvm_perf_event_notify+0x0/0x90 [nvidia_uvm]) pev=" + value + " ev=" + value + " tail words cause=" + value);
            byte[] text = value.getBytes(StandardCharsets.UTF_8);
            Long expected;
            String error = null;
            try {
                expected = FtraceLine.parseNumber(text, 0, text.length);
            } catch (NumberFormatException e) {
                expected = null;
                error = e.getMessage();
            }
            for (String name : List.of("pev", "cause")) {
                if (expected != null) {
                    assertThat(l.number(name)).as(name + "=" + value).isEqualTo(expected);
                    assertThat(l.number(name, 42)).as(name + "=" + value).isEqualTo(expected);
                } else {
                    assertThatThrownBy(() -> l.number(name)).as(name + "=" + value).isInstanceOf(NumberFormatException.class).hasMessage(error);
                    assertThat(l.number(name, 42)).as(name + "=" + value).isEqualTo(42);
                }
            }
            // "tail words" is no pair: it continues ev's value, which is then no number.
            assertThat(l.string("ev")).isEqualTo(value + " tail words");
            assertThatThrownBy(() -> l.number("ev")).isInstanceOf(NumberFormatException.class);
        }
    }
}
