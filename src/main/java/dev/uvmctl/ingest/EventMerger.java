package dev.uvmctl.ingest;

import dev.uvmctl.event.BootIds;
import dev.uvmctl.event.Capture;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.Xid;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.RepeatedXids;
import dev.uvmctl.source.IoErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Merges the events of several inputs into replay order: by boot, then kernel time, then input
 * (in the order given); each input keeps its own order. Boots are ordered by first appearance.
 *
 * <p>Each input is read in its own order: an event whose time goes backwards is kept where the
 * input has it (with a diagnostic), an event without time stays after its predecessor, and an
 * event with only wall-clock time is placed in the boot whose wall-clock start a capture gave
 * (captures are applied as soon as they are read, and the first record of every input is read
 * before anything is merged). Only one event per input is held at a time. An Xid that another
 * input already reported is given once ({@link RepeatedXids}).
 */
public final class EventMerger {
    /** An input that failed part way: its events up to the failure were merged. */
    public record Failure(String input, String message) {
    }

    /** Where an input's first event was placed in replay: its boot (null when no input named one) and kernel time, or unknown. */
    public record Start(String boot, long time) {
    }

    private static final class Input {
        final OpenedInput opened;
        final int index;
        /** The input's next event, placed at {@code lastBoot} and {@code lastTime}. */
        Event head;
        int lastBoot = -1;
        String lastBootName;
        long lastTime = EventTime.UNKNOWN;
        long events;
        boolean wallNoted;
        /** Where its first event was placed: the boot (null: none named) and kernel time ({@link EventTime#UNKNOWN}: none). */
        Start start;

        Input(OpenedInput opened, int index) {
            this.opened = opened;
            this.index = index;
        }
    }

    private final List<Input> inputs = new ArrayList<>();
    private final PriorityQueue<Input> queue = new PriorityQueue<>(EventMerger::compare);
    private final Map<String, Integer> bootOrder = new HashMap<>();
    private final List<String> bootNames = new ArrayList<>();
    /** Where the boots named by a boot id start in replay order (see {@link #ordinal}). */
    private static final int IDENTIFIED = 1 << 24;
    private boolean anyIdentified;
    private boolean anyUnidentified;
    private boolean saidMixed;
    private final Map<String, Long> bootWallStart = new HashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final Consumer<Diagnostic> diagnostics;
    /** The Xids two inputs both report, given once (the same Xid in a trace and the kernel log, or in two logs of one boot). */
    private final RepeatedXids xids = new RepeatedXids(true);

    private Event event;
    private String boot;
    private long time;

    public EventMerger(List<OpenedInput> opened, Consumer<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
        for (OpenedInput o : opened) {
            inputs.add(new Input(o, inputs.size()));
        }
        // Every input's first record is read before any is placed, so that a snapshot's capture
        // (typically its first record) can place the wall-clock-only inputs listed before it.
        List<Event> firsts = new ArrayList<>();
        Set<String> firstBoots = new LinkedHashSet<>();
        Map<String, Long> starts = new HashMap<>();
        for (Input in : inputs) {
            Event e = read(in);
            firsts.add(e);
            if (e instanceof Capture) {
                learnBootStart(e.time(), e.time().boot());
            }
            if (e != null && e.time().boot() != null) {
                firstBoots.add(e.time().boot());
                if (e.time().hasMono() && e.time().hasWall()) {
                    starts.putIfAbsent(e.time().boot(), e.time().wallNanos() - e.time().monoNanos());
                }
            }
        }
        numberFirstBoots(firstBoots, starts);
        for (int i = 0; i < inputs.size(); i++) {
            if (firsts.get(i) != null) {
                place(inputs.get(i), firsts.get(i));
                queue.add(inputs.get(i));
            }
        }
    }

    /** Moves to the next event in replay order; false at the end of every input. */
    public boolean advance() {
        while (true) {
            Input in = queue.poll();
            if (in == null) {
                event = null;
                return false;
            }
            event = in.head;
            boot = in.lastBootName;
            time = in.lastTime;
            if (fill(in)) {
                queue.add(in);
            }
            if (!(event instanceof Xid x) || !repeated(x, in)) {
                return true;
            }
        }
    }

    /** Whether the current event, an Xid read from {@code in}, is one another input already gave: said once for each pair of inputs. */
    private boolean repeated(Xid x, Input in) {
        RepeatedXids.Earlier e = xids.repeats(boot, x.gpu(), x.code(), time == EventTime.UNKNOWN ? -1 : time, in.opened.name());
        String said = e == null ? null : xids.saidOnce(x.code(), x.gpu(), e, in.opened.name());
        if (said != null) {
            diagnostics.accept(Diagnostic.at(in.opened.name(), x.source().line(), said));
        }
        return e != null;
    }

    public Event event() {
        return event;
    }

    /** The boot the current event was placed in (null: the input names none). */
    public String boot() {
        return boot;
    }

    /** The kernel time the current event was placed at, or {@link EventTime#UNKNOWN}. */
    public long time() {
        return time;
    }

    /**
     * The current event's time as replay uses it: its boot (inherited from the input when the
     * event names none) and the kernel time it was placed at; an event that told no time at all
     * keeps none, since a place in the order is not a time any input told.
     */
    public EventTime placedTime() {
        EventTime own = event.time();
        long mono = own.hasMono() || own.hasWall() ? time : EventTime.UNKNOWN;
        return new EventTime(boot, mono, own.wallNanos());
    }

    public List<Failure> failures() {
        return Collections.unmodifiableList(failures);
    }

    /** How many events each input gave, by input, in the order given; its reports of lost events are not counted. */
    public Map<OpenedInput, Long> counts() {
        Map<OpenedInput, Long> counts = new LinkedHashMap<>();
        for (Input in : inputs) {
            counts.put(in.opened, in.events);
        }
        return counts;
    }

    /** Where each input's first event was placed, by input, for those that gave any. */
    public Map<OpenedInput, Start> starts() {
        Map<OpenedInput, Start> starts = new LinkedHashMap<>();
        for (Input in : inputs) {
            if (in.start != null) {
                starts.put(in.opened, in.start);
            }
        }
        return starts;
    }

    /** Closes every reader; call once merging is done. */
    public void close() throws IOException {
        IOException first = null;
        for (Input in : inputs) {
            try {
                in.opened.reader().close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Reads the input's next event and works out where it goes; false at its end. */
    private boolean fill(Input in) {
        Event e = read(in);
        if (e == null) {
            return false;
        }
        place(in, e);
        return true;
    }

    /** The input's next event, or null at its end or when it fails (the failure is kept). */
    private Event read(Input in) {
        in.head = null;
        try {
            Event e = in.opened.reader().next();
            if (e != null && e.kind().ofHistory()) {
                in.events++;
            }
            return e;
        } catch (IOException ex) {
            failures.add(new Failure(in.opened.name(), "could not be read after " + in.events + " events: " + IoErrors.describe(ex)));
            return null;
        }
    }

    private void learnBootStart(EventTime t, String bootName) {
        if (t.hasMono() && t.hasWall()) {
            bootWallStart.put(key(bootName), t.wallNanos() - t.monoNanos());
        }
    }

    private void place(Input in, Event e) {
        EventTime t = e.time();
        String bootName = t.boot() != null ? t.boot() : in.lastBootName;
        if (bootName == null && t.hasMono() && in.lastBoot < 0) {
            bootName = unnamedJoins(in, e);
        }
        long mono = t.monoNanos();
        if (e instanceof Capture) {
            learnBootStart(t, bootName);
        }
        boolean placed = t.hasMono();
        if (!placed && t.hasWall()) {
            String wallBoot = bootOfWall(bootName, t.wallNanos());
            if (wallBoot != null || bootWallStart.containsKey(key(bootName))) {
                bootName = wallBoot != null ? wallBoot : bootName;
                mono = t.wallNanos() - bootWallStart.get(key(bootName));
                placed = true;
            } else if (!in.wallNoted) {
                in.wallNoted = true;
                diagnostics.accept(Diagnostic.at(e.source().input(), e.source().line(),
                    "only wall-clock time, and no capture gives the boot's wall-clock start: this input's events are kept in their own order"));
            }
        }
        // An input's events are mostly of the boot before them: its number is the input's last one (no map look-up).
        int bootIndex = in.lastBoot >= 0 && Objects.equals(bootName, in.lastBootName) ? in.lastBoot : ordinal(bootName);
        if (!placed) {
            bootIndex = Math.max(bootIndex, in.lastBoot);
            bootName = bootIndex == in.lastBoot ? in.lastBootName : bootName;
            mono = bootIndex == in.lastBoot ? in.lastTime : EventTime.UNKNOWN;
        } else if (bootIndex < in.lastBoot || (bootIndex == in.lastBoot && mono < in.lastTime)) {
            diagnostics.accept(Diagnostic.at(e.source().input(), e.source().line(), backwards(in, bootIndex, bootName, mono)));
            bootIndex = in.lastBoot;
            bootName = in.lastBootName;
            mono = in.lastTime;
        }
        sayMixed(e);
        in.head = e;
        in.lastBoot = bootIndex;
        in.lastBootName = bootName;
        in.lastTime = mono;
        if (in.start == null) {
            in.start = new Start(bootName, mono);
        }
    }

    /**
     * An input that names no boot (a snapshot without a boot id) is taken to be of the latest boot
     * the other inputs named when it began, with a diagnostic: its records then interleave with
     * theirs by time, rather than making a boot of their own that the next one would end. Null
     * when no input names a boot.
     */
    private String unnamedJoins(Input in, Event e) {
        String latest = null;
        for (String name : bootNames) {
            latest = name != null ? name : latest;
        }
        if (latest != null) {
            diagnostics.accept(Diagnostic.at(e.source().input(), e.source().line(), in.opened.name()
                + " names no boot: taken to be of boot " + latest + ", the latest the other inputs named when it began"));
        }
        return latest;
    }

    private static String backwards(Input in, int bootIndex, String bootName, long mono) {
        if (bootIndex < in.lastBoot) {
            return "boot " + bootName + " comes after boot " + in.lastBootName + " in this input: kept in input order";
        }
        return "time goes backwards (" + EventTime.seconds(mono) + " s after " + EventTime.seconds(in.lastTime)
            + " s): kept in input order";
    }

    /** The named boot, with a known wall-clock start at or before {@code wall}, that started last. */
    private String bootOfWall(String named, long wall) {
        if (named != null) {
            return null;
        }
        String best = null;
        long bestStart = Long.MIN_VALUE;
        for (Map.Entry<String, Long> e : bootWallStart.entrySet()) {
            long start = e.getValue();
            if (start <= wall && start >= bestStart && !e.getKey().equals(key(null))) {
                best = e.getKey();
                bestStart = start;
            }
        }
        return best;
    }

    /**
     * The boots the inputs' first records name, numbered before anything is placed: those named
     * after an input first, as they appear; then those named by a boot id whose wall-clock start a
     * first record tells (wall-clock time less kernel time: a snapshot's capture, a journal
     * record), earliest first; then the other boots named by an id, as they appear. A journal of
     * every boot given after a capture of its last one begins with an older boot: by appearance
     * that older boot would replay after the capture's, ending it as a reboot; by start it comes
     * before, as it did.
     */
    private void numberFirstBoots(Set<String> boots, Map<String, Long> starts) {
        for (String b : boots) {
            if (!BootIds.isBootId(b)) {
                ordinal(b);
            }
        }
        boots.stream().filter(b -> BootIds.isBootId(b) && starts.containsKey(b)).sorted(Comparator.comparingLong(starts::get)).forEach(this::ordinal);
        for (String b : boots) {
            ordinal(b);
        }
    }

    /**
     * A boot's place in replay order. Boots come in the order they first appear, but every boot
     * named by a boot id comes after every boot an input could only name after itself (a kernel log
     * without boot ids: {@code dmesg.txt#1}; an event stream's own names): which of two such boots
     * came first cannot be known, and a boot replayed after another ends everything of it, as a
     * reboot releases what the boot before held. A plain {@code dmesg} given after a snapshot or a
     * trace of the running boot would otherwise end that boot and leave nothing to judge; given
     * first, it did not. Said once, when both kinds are there.
     */
    private int ordinal(String bootName) {
        Integer i = bootOrder.get(key(bootName));
        if (i == null) {
            boolean identified = BootIds.isBootId(bootName);
            i = (identified ? IDENTIFIED : 0) + bootNames.size();
            bootOrder.put(key(bootName), i);
            bootNames.add(bootName);
            anyIdentified |= identified;
            anyUnidentified |= !identified;
        }
        return i;
    }

    /** Says once that boots named by id and boots named by no id are both there, and in which order they replay. */
    private void sayMixed(Event e) {
        if (!anyIdentified || !anyUnidentified || saidMixed) {
            return;
        }
        saidMixed = true;
        List<String> without = bootNames.stream().filter(b -> !BootIds.isBootId(b)).map(b -> b == null ? "(unnamed)" : b).toList();
        List<String> with = bootNames.stream().filter(BootIds::isBootId).toList();
        diagnostics.accept(Diagnostic.at(e.source().input(), e.source().line(), "boots named by no boot id (" + String.join(", ", without)
            + ") are replayed before the boots named by one (" + String.join(", ", with) + "), since their order cannot be known: "
            + "a log of the same boot merges with them only when it names its boot id (journalctl -k -o json, or a root or bundle "
            + "that keeps proc/sys/kernel/random/boot_id)"));
    }

    /** Maps keys cannot hold null: the unnamed boot gets a name no input can write. */
    private static String key(String bootName) {
        return bootName == null ? "\0" : bootName;
    }

    private static int compare(Input a, Input b) {
        int c = Integer.compare(a.lastBoot, b.lastBoot);
        if (c == 0) {
            c = Long.compare(a.lastTime, b.lastTime);
        }
        return c != 0 ? c : Integer.compare(a.index, b.index);
    }
}
