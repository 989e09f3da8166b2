package dev.uvmctl.event;

import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.FileLines;
import dev.uvmctl.source.LineReader;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one line of the event NDJSON (docs/events.md) into an {@link Event}. The line's own
 * input, number and text are its provenance unless the record carries a {@code "src"} object
 * (written by {@code uvmctl events}), which names the line the event was first read from.
 */
public final class EventDecoder {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final String input;
    private final Consumer<Diagnostic> diagnostics;
    private final Names names = new Names();
    private final RecordFields fields = new RecordFields(names);
    /** The input's lines read again by where they are ({@code source.FileLines}), or null: then each event keeps its text. */
    private final Provenance.Lines again;
    /** {@code src.text} of the input's line at a place, decoded from the line read again. */
    private final Provenance.Lines srcText;

    /** {@code diagnostics} receives the diagnostic records the stream carries through. */
    public EventDecoder(String input, Consumer<Diagnostic> diagnostics) {
        this(input, diagnostics, null);
    }

    /**
     * A decoder of an input whose lines {@code again} reads again by where they are
     * ({@code source.FileLines#where}), so that an event keeps where its text is, not the text: its
     * line's, or the {@code src.text} in it, decoded only when a report shows it.
     */
    public EventDecoder(String input, Consumer<Diagnostic> diagnostics, Provenance.Lines again) {
        this.input = input;
        this.diagnostics = diagnostics;
        this.again = again;
        this.srcText = again == null ? null : where -> srcText(again.text(where));
    }

    /** The {@code src.text} of {@code line} as it reads again; what the input gave instead (it changed since) when that is no record. */
    private static String srcText(String line) {
        try {
            RecordFields f = parse(line, new RecordFields(new Names()));
            RecordFields src = f.object("src");
            String text = src == null ? null : src.string("text");
            return text == null ? "" : text;
        } catch (BadRecordException e) {
            return line;
        }
    }

    /**
     * The event on {@code text}, line {@code line} of the input, or null for a line that holds
     * no event: the schema header, or a diagnostic passed through.
     */
    public Event decode(String text, long line) throws BadRecordException {
        return decoded(parse(text, fields), () -> text, line, -1);
    }

    /**
     * {@link #decode(String, long)} of a line read as bytes: the line is decoded to text only when
     * the event's provenance is the line itself and it cannot be read again.
     */
    public Event decode(LineReader.RawLine raw) throws BadRecordException {
        RecordFields f = fields.readFast(raw.bytes(), 0, raw.length()) ? fields : parse(raw.text(), fields);
        return decoded(f, raw::text, raw.number(), again == null ? -1 : FileLines.where(raw.offset(), raw.length()));
    }

    /** {@code where}: the line's place for {@link #again} ({@code FileLines#where}), or -1 when its text must be kept. */
    private Event decoded(RecordFields f, Supplier<String> text, long line, long where) throws BadRecordException {
        String type = f.requiredName("type");
        if (type.equals(EventSchema.HEADER_TYPE)) {
            String mismatch = EventSchema.mismatch(f.string("schema"));
            if (mismatch != null) {
                diagnostics.accept(Diagnostic.at(input, line, mismatch));
            }
            return null;
        }
        if (type.equals(EventSchema.DIAGNOSTIC_TYPE)) {
            Long at = f.longValue("line");
            diagnostics.accept(Diagnostic.at(f.requiredString("input"), at == null ? 0 : at, f.requiredString("message")));
            return null;
        }
        EventKind kind = EventKind.named(type);
        if (kind == null) {
            throw new BadRecordException("unknown event type \"" + type + "\" (docs/events.md lists the types)");
        }
        EventTime time = new EventTime(f.name("boot"), f.seconds("time"), f.wall("wall"));
        return build(kind, f, time, provenance(f, text, line, where));
    }

    private static RecordFields parse(String text, RecordFields f) throws BadRecordException {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRecordException("not a JSON object");
            }
            f.read(p);
            if (p.nextToken() != null) {
                throw new BadRecordException("more than one JSON value on the line");
            }
            return f;
        } catch (JacksonException e) {
            throw new BadRecordException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    private Provenance provenance(RecordFields f, Supplier<String> text, long line, long where) throws BadRecordException {
        RecordFields src = f.object("src");
        if (src == null) {
            return where < 0 ? new Provenance(input, line, text.get()) : Provenance.at(input, line, again, where);
        }
        Long srcLine = src.longValue("line");
        boolean readAgain = where >= 0 && src.isString("text");
        String kept = readAgain ? null : src.string("text");
        String srcInput = src.requiredName("input");
        long at = srcLine == null ? 0 : srcLine;
        return readAgain ? Provenance.at(srcInput, at, srcText, where) : new Provenance(srcInput, at, kept == null ? "" : kept);
    }

    private static Event build(EventKind kind, RecordFields f, EventTime t, Provenance s) throws BadRecordException {
        return switch (kind) {
            case va_space_created -> new VaSpaceCreated(t, s, f.requiredName("va_space"), f.pid("pid"), f.name("comm"), f.bool("sharing"),
                f.bool("observed"), f.string("fd_path"));
            case va_space_destroyed -> new VaSpaceDestroyed(t, s, f.requiredName("va_space"));
            case fd_held -> new FdHeld(t, s, f.requiredName("va_space"), f.requiredPid("pid"), f.name("comm"),
                f.requiredEnum("fd", FdKind.class), f.pid("inherited_from"), f.string("fd_path"));
            case fd_closed -> new FdClosed(t, s, f.requiredName("va_space"), f.requiredPid("pid"), f.requiredEnum("fd", FdKind.class));
            case range_created -> rangeCreated(f, t, s);
            case range_destroyed -> new RangeDestroyed(t, s, f.requiredName("va_space"), f.requiredAddress("start"), f.bool("deferred"));
            case range_split -> new RangeSplit(t, s, f.requiredName("va_space"), f.requiredAddress("start"), f.requiredAddress("end"));
            case deferred_freed -> new DeferredFreed(t, s, f.requiredName("va_space"));
            case zombies_cleaned -> new ZombiesCleaned(t, s, f.requiredName("va_space"));
            case populated -> new Populated(t, s, f.requiredName("va_space"), f.requiredAddress("address"), f.requiredSize("bytes"),
                f.requiredProcessor("processor"));
            case migrated -> new Migrated(t, s, f.requiredName("va_space"), f.requiredAddress("address"), f.requiredSize("bytes"),
                f.requiredProcessor("from"), f.requiredProcessor("to"), f.string("cause"), f.enumValue("mode", TransferMode.class));
            case evicted -> new Evicted(t, s, f.requiredGpu("gpu"), f.requiredSize("bytes"), f.name("va_space"), f.address("address"),
                f.requiredEnum("status", EvictStatus.class), f.string("error"));
            case process_exited -> new ProcessExited(t, s, f.requiredPid("pid"), f.name("comm"), f.requiredEnum("reason", ExitReason.class),
                f.integer("signal"), f.integer("code"), identity(f));
            case process_state -> new ProcessState(t, s, f.requiredPid("pid"), f.requiredEnum("state", ProcState.class), f.pid("ppid"),
                f.name("comm"), identity(f));
            case task_blocked -> new TaskBlocked(t, s, f.pid("pid"), f.name("comm"), f.requiredEnum("reason", BlockReason.class),
                f.strings("frames"), f.pid("tgid"));
            case gpu_memory -> gpuMemory(f, t, s);
            case gpu_process_memory -> new GpuProcessMemory(t, s, f.requiredGpu("gpu"), f.requiredPid("pid"), f.name("comm"), f.requiredSize("used"));
            case gpu_retained -> new GpuRetained(t, s, f.requiredGpu("gpu"), f.gpu("uuid"), f.requiredSize("count"));
            case xid -> new Xid(t, s, f.requiredGpu("gpu"), f.requiredInteger("code"), f.pid("pid"),
                f.name("comm"), f.string("message"));
            case gpu_lost -> new GpuLost(t, s, f.requiredGpu("gpu"));
            case driver_loaded -> new DriverLoaded(t, s, module(f), f.string("version"));
            case driver_unloaded -> new DriverUnloaded(t, s, module(f));
            case driver_leak -> new DriverLeak(t, s, f.requiredSize("bytes"));
            case driver_fault -> new DriverFault(t, s, f.requiredEnum("fault", FaultKind.class), f.pid("pid"), f.name("comm"),
                f.string("message"), f.strings("frames"));
            case suspended -> new Suspended(t, s);
            case resumed -> new Resumed(t, s);
            case capture -> new Capture(t, s, f.bool("all_holders"));
        };
    }

    private static RangeCreated rangeCreated(RecordFields f, EventTime t, Provenance s) throws BadRecordException {
        long start = f.requiredAddress("start");
        long end = f.requiredAddress("end");
        if (Long.compareUnsigned(end, start) < 0) {
            throw new BadRecordException("\"end\" 0x" + Long.toHexString(end) + " is below \"start\" 0x" + Long.toHexString(start)
                + " (end is inclusive)");
        }
        return new RangeCreated(t, s, f.requiredName("va_space"), f.string("range"), start, end,
            f.requiredEnum("range_type", RangeType.class), f.bool("observed"));
    }

    private static GpuMemory gpuMemory(RecordFields f, EventTime t, Provenance s) throws BadRecordException {
        Integer index = f.integer("index");
        if (index != null && index < 0) {
            throw new BadRecordException("\"index\" is negative");
        }
        String uuid = f.gpu("uuid");
        if (uuid != null && !GpuKey.isUuid(uuid)) {
            throw new BadRecordException("\"uuid\" is not a GPU UUID");
        }
        String pci = f.gpu("pci");
        if (pci != null && !GpuKey.isPci(pci)) {
            throw new BadRecordException("\"pci\" is not a PCI bus id");
        }
        return new GpuMemory(t, s, f.requiredGpu("gpu"), index, uuid, pci, f.requiredSize("total"), f.requiredSize("used"),
            f.size("free"), f.size("reserved"));
    }

    /** Module names as lsmod spells them: {@code nvidia-uvm} and {@code nvidia_uvm} are one module. */
    /** {@code uid} and {@code cgroup}, written only when an input told them. */
    private static ProcessIdentity identity(RecordFields f) throws BadRecordException {
        return ProcessIdentity.of(f.integer("uid"), f.string("cgroup"));
    }

    private static String module(RecordFields f) throws BadRecordException {
        return f.requiredString("module").replace('-', '_');
    }
}
