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
            RecordFields src = f.object(RecordKey.src);
            String text = src == null ? null : src.string(RecordKey.text);
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
        int start = raw.start();
        return decoded(fields.readFast(raw.array(), start, start + raw.length()) ? fields : parse(raw.text(), fields), raw);
    }

    /**
     * Reads the record at {@code b[from]} where it lies in a reader's buffer ({@code
     * LineReader#peek}), {@code limit} bounding what may be read, in one pass that also finds its
     * line's end: the index of the newline that ends its line, then {@link #decodeRead} makes the
     * event; or -1, and the line is to be read with {@link #decode(LineReader.RawLine)} (the
     * record goes past the buffer, or is anything but a plain object followed by its newline).
     */
    public int read(byte[] b, int from, int limit) {
        return fields.readLine(b, from, limit);
    }

    /** The event of {@code raw}, the line that {@link #read} has just read (taken with {@code LineReader#take}). */
    public Event decodeRead(LineReader.RawLine raw) throws BadRecordException {
        return decoded(fields, raw);
    }

    private Event decoded(RecordFields f, LineReader.RawLine raw) throws BadRecordException {
        return decoded(f, raw::text, raw.number(), again == null ? -1 : FileLines.where(raw.offset(), raw.length()));
    }

    /** {@code where}: the line's place for {@link #again} ({@code FileLines#where}), or -1 when its text must be kept. */
    private Event decoded(RecordFields f, Supplier<String> text, long line, long where) throws BadRecordException {
        String type = f.requiredName(RecordKey.type);
        if (type.equals(EventSchema.HEADER_TYPE)) {
            String mismatch = EventSchema.mismatch(f.string(RecordKey.schema));
            if (mismatch != null) {
                diagnostics.accept(Diagnostic.at(input, line, mismatch));
            }
            return null;
        }
        if (type.equals(EventSchema.DIAGNOSTIC_TYPE)) {
            Long at = f.longValue(RecordKey.line);
            diagnostics.accept(Diagnostic.at(f.requiredString(RecordKey.input), at == null ? 0 : at, f.requiredString(RecordKey.message)));
            return null;
        }
        Builder builder = builderOf(type);
        if (builder == null) {
            throw new BadRecordException("unknown event type \"" + type + "\" (docs/events.md lists the types)");
        }
        EventTime time = new EventTime(f.name(RecordKey.boot), f.seconds(RecordKey.time), f.wall(RecordKey.wall));
        return builder.build(f, time, provenance(f, text, line, where));
    }

    /** The last type read and its builder: a type is one shared string ({@link Names}), lines run in types. */
    private String lastType;
    private Builder lastBuilder;

    private Builder builderOf(String type) {
        if (type != lastType) {
            EventKind kind = EventKind.named(type);
            lastBuilder = kind == null ? null : BUILDERS[kind.ordinal()];
            lastType = type;
        }
        return lastBuilder;
    }

    /** Makes the event of one kind from a record's fields. */
    @FunctionalInterface
    private interface Builder {
        Event build(RecordFields f, EventTime t, Provenance s) throws BadRecordException;
    }

    /**
     * One builder per kind, by ordinal, made once by {@link #builder}'s switch. An event is built
     * through this table, not a switch on every line: the JIT compiles each kind's builder as a
     * method of its own when that kind is hot, and a kind first seen late in a stream is one more
     * receiver of a virtual call, where a switch compiled without that case would be thrown away
     * and compiled again with everything inlined into it.
     */
    private static final Builder[] BUILDERS;

    static {
        EventKind[] kinds = EventKind.values();
        BUILDERS = new Builder[kinds.length];
        for (EventKind k : kinds) {
            BUILDERS[k.ordinal()] = builder(k);
        }
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
            throw new BadRecordException("not valid JSON: " + withoutParserHint(String.valueOf(e.getOriginalMessage())));
        }
    }

    /**
     * The JSON parser's message without its advice to its own programmer ("enable
     * `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"), which a reader of the diagnostic cannot follow.
     */
    static String withoutParserHint(String message) {
        int tick = message.indexOf('`');
        if (tick < 0) {
            return message;
        }
        int cut = Math.max(message.lastIndexOf(':', tick), message.lastIndexOf('(', tick));
        return cut > 0 ? message.substring(0, cut).strip() : message;
    }

    private Provenance provenance(RecordFields f, Supplier<String> text, long line, long where) throws BadRecordException {
        RecordFields src = f.object(RecordKey.src);
        if (src == null) {
            return where < 0 ? new Provenance(input, line, text.get()) : Provenance.at(input, line, again, where);
        }
        long at = src.longValue(RecordKey.line, 0);
        boolean readAgain = where >= 0 && src.isString(RecordKey.text);
        String kept = readAgain ? null : src.string(RecordKey.text);
        String srcInput = src.requiredName(RecordKey.input);
        return readAgain ? Provenance.at(srcInput, at, srcText, where) : new Provenance(srcInput, at, kept == null ? "" : kept);
    }

    private static Builder builder(EventKind kind) {
        return switch (kind) {
            case va_space_created -> (f, t, s) -> new VaSpaceCreated(t, s, f.requiredName(RecordKey.va_space), f.pid(RecordKey.pid), f.name(RecordKey.comm), f.bool(RecordKey.sharing),
                f.bool(RecordKey.observed), f.string(RecordKey.fd_path));
            case va_space_destroyed -> (f, t, s) -> new VaSpaceDestroyed(t, s, f.requiredName(RecordKey.va_space), f.pid(RecordKey.pid));
            case fd_held -> (f, t, s) -> new FdHeld(t, s, f.requiredName(RecordKey.va_space), f.requiredPid(RecordKey.pid), f.name(RecordKey.comm),
                f.requiredEnum(RecordKey.fd, FdKind.class), f.pid(RecordKey.inherited_from), f.string(RecordKey.fd_path));
            case fd_closed -> (f, t, s) -> new FdClosed(t, s, f.requiredName(RecordKey.va_space), f.requiredPid(RecordKey.pid), f.requiredEnum(RecordKey.fd, FdKind.class));
            case range_created -> EventDecoder::rangeCreated;
            case range_destroyed -> (f, t, s) -> new RangeDestroyed(t, s, f.requiredName(RecordKey.va_space), f.requiredAddress(RecordKey.start), f.bool(RecordKey.deferred));
            case range_split -> (f, t, s) -> new RangeSplit(t, s, f.requiredName(RecordKey.va_space), f.requiredAddress(RecordKey.start), f.requiredAddress(RecordKey.end));
            case deferred_freed -> (f, t, s) -> new DeferredFreed(t, s, f.requiredName(RecordKey.va_space));
            case zombies_cleaned -> (f, t, s) -> new ZombiesCleaned(t, s, f.requiredName(RecordKey.va_space));
            case populated -> (f, t, s) -> new Populated(t, s, f.requiredName(RecordKey.va_space), f.requiredAddress(RecordKey.address), f.requiredSize(RecordKey.bytes),
                f.requiredProcessor(RecordKey.processor));
            case migrated -> (f, t, s) -> new Migrated(t, s, f.requiredName(RecordKey.va_space), f.requiredAddress(RecordKey.address), f.requiredSize(RecordKey.bytes),
                f.requiredProcessor(RecordKey.from), f.requiredProcessor(RecordKey.to), f.name(RecordKey.cause), f.enumValue(RecordKey.mode, TransferMode.class));
            case evicted -> (f, t, s) -> new Evicted(t, s, f.requiredGpu(RecordKey.gpu), f.requiredSize(RecordKey.bytes), f.name(RecordKey.va_space), f.address(RecordKey.address),
                f.requiredEnum(RecordKey.status, EvictStatus.class), f.string(RecordKey.error));
            case process_exited -> (f, t, s) -> new ProcessExited(t, s, f.requiredPid(RecordKey.pid), f.name(RecordKey.comm), f.requiredEnum(RecordKey.reason, ExitReason.class),
                f.integer(RecordKey.signal), f.integer(RecordKey.code), identity(f));
            case process_forked -> (f, t, s) -> new ProcessForked(t, s, f.requiredPid(RecordKey.pid), f.requiredPid(RecordKey.ppid), f.name(RecordKey.comm));
            case process_state -> (f, t, s) -> new ProcessState(t, s, f.requiredPid(RecordKey.pid), f.requiredEnum(RecordKey.state, ProcState.class), f.pid(RecordKey.ppid),
                f.name(RecordKey.comm), identity(f));
            case task_blocked -> (f, t, s) -> new TaskBlocked(t, s, f.pid(RecordKey.pid), f.name(RecordKey.comm), f.requiredEnum(RecordKey.reason, BlockReason.class),
                f.strings(RecordKey.frames), f.pid(RecordKey.tgid), f.name(RecordKey.va_space));
            case gpu_memory -> EventDecoder::gpuMemory;
            case gpu_process_memory -> (f, t, s) -> new GpuProcessMemory(t, s, f.requiredGpu(RecordKey.gpu), f.requiredPid(RecordKey.pid), f.name(RecordKey.comm), f.requiredSize(RecordKey.used));
            case gpu_retained -> EventDecoder::gpuRetained;
            case xid -> (f, t, s) -> new Xid(t, s, f.requiredGpu(RecordKey.gpu), f.requiredInteger(RecordKey.code), f.pid(RecordKey.pid),
                f.name(RecordKey.comm), f.string(RecordKey.message));
            case gpu_lost -> (f, t, s) -> new GpuLost(t, s, f.requiredGpu(RecordKey.gpu));
            case driver_loaded -> (f, t, s) -> new DriverLoaded(t, s, module(f), f.string(RecordKey.version));
            case driver_unloaded -> (f, t, s) -> new DriverUnloaded(t, s, module(f));
            case driver_leak -> (f, t, s) -> new DriverLeak(t, s, f.requiredSize(RecordKey.bytes));
            case driver_fault -> (f, t, s) -> new DriverFault(t, s, f.requiredEnum(RecordKey.fault, FaultKind.class), f.pid(RecordKey.pid), f.name(RecordKey.comm),
                f.string(RecordKey.message), f.strings(RecordKey.frames));
            case suspended -> (f, t, s) -> new Suspended(t, s);
            case resumed -> (f, t, s) -> new Resumed(t, s);
            case capture -> (f, t, s) -> new Capture(t, s, f.bool(RecordKey.all_holders));
            case events_lost -> (f, t, s) -> new EventsLost(t, s, f.integer(RecordKey.cpu), f.size(RecordKey.count));
        };
    }

    private static RangeCreated rangeCreated(RecordFields f, EventTime t, Provenance s) throws BadRecordException {
        long start = f.requiredAddress(RecordKey.start);
        long end = f.requiredAddress(RecordKey.end);
        if (Long.compareUnsigned(end, start) < 0) {
            throw new BadRecordException("\"end\" 0x" + Long.toHexString(end) + " is below \"start\" 0x" + Long.toHexString(start)
                + " (end is inclusive)");
        }
        return new RangeCreated(t, s, f.requiredName(RecordKey.va_space), f.string(RecordKey.range), start, end,
            f.requiredEnum(RecordKey.range_type, RangeType.class), f.bool(RecordKey.observed));
    }

    private static GpuRetained gpuRetained(RecordFields f, EventTime t, Provenance s) throws BadRecordException {
        Integer uvmId = f.integer(RecordKey.uvm_id);
        if (uvmId != null && (uvmId < 1 || uvmId > GpuRetained.MAX_UVM_ID)) {
            throw new BadRecordException("\"uvm_id\" " + uvmId + " is no GPU's UVM processor id (1 to " + GpuRetained.MAX_UVM_ID + ")");
        }
        return new GpuRetained(t, s, f.requiredGpu(RecordKey.gpu), f.gpu(RecordKey.uuid), uvmId, f.size(RecordKey.count));
    }

    private static GpuMemory gpuMemory(RecordFields f, EventTime t, Provenance s) throws BadRecordException {
        Integer index = f.integer(RecordKey.index);
        if (index != null && index < 0) {
            throw new BadRecordException("\"index\" is negative");
        }
        String uuid = f.gpu(RecordKey.uuid);
        if (uuid != null && !GpuKey.isUuid(uuid)) {
            throw new BadRecordException("\"uuid\" is not a GPU UUID");
        }
        String pci = f.gpu(RecordKey.pci);
        if (pci != null && !GpuKey.isPci(pci)) {
            throw new BadRecordException("\"pci\" is not a PCI bus id");
        }
        return new GpuMemory(t, s, f.requiredGpu(RecordKey.gpu), index, uuid, pci, f.requiredSize(RecordKey.total), f.requiredSize(RecordKey.used),
            f.size(RecordKey.free), f.size(RecordKey.reserved));
    }

    /** Module names as lsmod spells them: {@code nvidia-uvm} and {@code nvidia_uvm} are one module. */
    /** {@code uid} and {@code cgroup}, written only when an input told them. */
    private static ProcessIdentity identity(RecordFields f) throws BadRecordException {
        return ProcessIdentity.of(f.integer(RecordKey.uid), f.string(RecordKey.cgroup));
    }

    private static String module(RecordFields f) throws BadRecordException {
        return f.requiredString(RecordKey.module).replace('-', '_');
    }
}
