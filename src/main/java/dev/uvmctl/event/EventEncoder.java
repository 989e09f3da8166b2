package dev.uvmctl.event;

import dev.uvmctl.shared.Sizes;
import dev.uvmctl.shared.Diagnostic;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * Writes events in their NDJSON form (docs/events.md): every field of the kind is written, with
 * null for what no input told, so that every record of a type has the same shape; addresses
 * are {@code 0x} hex strings, sizes integers, times decimal seconds. What {@link EventDecoder}
 * reads back is equal to what was written.
 */
public final class EventEncoder {
    private EventEncoder() {
    }

    /** The record that may open a stream, naming its schema. */
    public static void writeHeader(JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("type", EventSchema.HEADER_TYPE);
        g.writeStringProperty("schema", EventSchema.ID);
        g.writeEndObject();
    }

    /** A diagnostic as a record of the stream, so that it survives a round trip through a file. */
    public static void writeDiagnostic(JsonGenerator g, Diagnostic d) {
        g.writeStartObject();
        g.writeStringProperty("type", EventSchema.DIAGNOSTIC_TYPE);
        g.writeStringProperty("input", d.input());
        g.writeNumberProperty("line", d.line());
        g.writeStringProperty("message", d.message());
        g.writeEndObject();
    }

    public static void write(JsonGenerator g, Event e) {
        write(g, e, e.time());
    }

    /** Writes {@code e} at time {@code t}: where replay placed it, for a normalized stream. */
    public static void write(JsonGenerator g, Event e, EventTime t) {
        g.writeStartObject();
        g.writeStringProperty("type", e.kind().name());
        string(g, "boot", t.boot());
        g.writeName("time");
        if (t.hasMono()) {
            g.writeNumber(EventTime.seconds(t.monoNanos()));
        } else {
            g.writeNull();
        }
        string(g, "wall", t.hasWall() ? EventTime.wall(t.wallNanos()) : null);
        fields(g, e);
        g.writeName("src");
        g.writeStartObject();
        g.writeStringProperty("input", e.source().input());
        g.writeNumberProperty("line", e.source().line());
        g.writeStringProperty("text", e.source().text());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, Event event) {
        // A switch expression (its value unused), so the compiler checks that every kind has its case.
        boolean written = switch (event.kind()) {
            case va_space_created -> {
                VaSpaceCreated e = (VaSpaceCreated) event;
                g.writeStringProperty("va_space", e.vaSpace());
                number(g, "pid", e.pid());
                string(g, "comm", e.comm());
                g.writeBooleanProperty("sharing", e.sharing());
                if (e.observed()) {
                    g.writeBooleanProperty("observed", true);
                }
                optional(g, "fd_path", e.fdPath());
                yield true;
            }
            case va_space_destroyed -> {
                VaSpaceDestroyed e = (VaSpaceDestroyed) event;
                g.writeStringProperty("va_space", e.vaSpace());
                // Only where the input said it: a kernel log or a snapshot names no task for a destroy.
                if (e.pid() != null) {
                    g.writeNumberProperty("pid", e.pid());
                }
                yield true;
            }
            case fd_held -> {
                FdHeld e = (FdHeld) event;
                g.writeStringProperty("va_space", e.vaSpace());
                g.writeNumberProperty("pid", e.pid());
                string(g, "comm", e.comm());
                g.writeStringProperty("fd", e.fd().name());
                number(g, "inherited_from", e.inheritedFrom());
                optional(g, "fd_path", e.fdPath());
                yield true;
            }
            case fd_closed -> {
                FdClosed e = (FdClosed) event;
                g.writeStringProperty("va_space", e.vaSpace());
                g.writeNumberProperty("pid", e.pid());
                g.writeStringProperty("fd", e.fd().name());
                yield true;
            }
            case range_created -> {
                RangeCreated e = (RangeCreated) event;
                g.writeStringProperty("va_space", e.vaSpace());
                string(g, "range", e.range());
                address(g, "start", e.start());
                address(g, "end", e.end());
                g.writeStringProperty("range_type", e.rangeType().name());
                g.writeBooleanProperty("observed", e.observed());
                yield true;
            }
            case range_destroyed -> {
                RangeDestroyed e = (RangeDestroyed) event;
                g.writeStringProperty("va_space", e.vaSpace());
                address(g, "start", e.start());
                g.writeBooleanProperty("deferred", e.deferred());
                yield true;
            }
            case range_split -> {
                RangeSplit e = (RangeSplit) event;
                g.writeStringProperty("va_space", e.vaSpace());
                address(g, "start", e.start());
                address(g, "end", e.end());
                yield true;
            }
            case deferred_freed -> {
                g.writeStringProperty("va_space", ((DeferredFreed) event).vaSpace());
                yield true;
            }
            case zombies_cleaned -> {
                g.writeStringProperty("va_space", ((ZombiesCleaned) event).vaSpace());
                yield true;
            }
            case populated -> {
                Populated e = (Populated) event;
                g.writeStringProperty("va_space", e.vaSpace());
                address(g, "address", e.address());
                g.writeNumberProperty("bytes", e.bytes());
                g.writeStringProperty("processor", e.processor());
                yield true;
            }
            case migrated -> {
                Migrated e = (Migrated) event;
                g.writeStringProperty("va_space", e.vaSpace());
                address(g, "address", e.address());
                g.writeNumberProperty("bytes", e.bytes());
                g.writeStringProperty("from", e.from());
                g.writeStringProperty("to", e.to());
                string(g, "cause", e.cause());
                g.writeStringProperty("mode", e.mode().name());
                yield true;
            }
            case evicted -> {
                Evicted e = (Evicted) event;
                g.writeStringProperty("gpu", e.gpu());
                g.writeNumberProperty("bytes", e.bytes());
                string(g, "va_space", e.vaSpace());
                g.writeName("address");
                if (e.address() == null) {
                    g.writeNull();
                } else {
                    g.writeString(hex(e.address()));
                }
                g.writeStringProperty("status", e.status().name());
                string(g, "error", e.error());
                yield true;
            }
            case process_exited -> {
                ProcessExited e = (ProcessExited) event;
                g.writeNumberProperty("pid", e.pid());
                string(g, "comm", e.comm());
                g.writeStringProperty("reason", e.reason().name());
                number(g, "signal", e.signal());
                number(g, "code", e.code());
                identity(g, e.identity());
                yield true;
            }
            case process_forked -> {
                ProcessForked e = (ProcessForked) event;
                g.writeNumberProperty("pid", e.pid());
                g.writeNumberProperty("ppid", e.ppid());
                string(g, "comm", e.comm());
                yield true;
            }
            case process_state -> {
                ProcessState e = (ProcessState) event;
                g.writeNumberProperty("pid", e.pid());
                g.writeStringProperty("state", e.state().name());
                number(g, "ppid", e.ppid());
                string(g, "comm", e.comm());
                identity(g, e.identity());
                yield true;
            }
            case task_blocked -> {
                TaskBlocked e = (TaskBlocked) event;
                number(g, "pid", e.pid());
                string(g, "comm", e.comm());
                g.writeStringProperty("reason", e.reason().name());
                strings(g, "frames", e.frames());
                if (e.tgid() != null) {
                    g.writeNumberProperty("tgid", e.tgid());
                }
                if (e.vaSpace() != null) {
                    g.writeStringProperty("va_space", e.vaSpace());
                }
                yield true;
            }
            case gpu_memory -> {
                GpuMemory e = (GpuMemory) event;
                g.writeStringProperty("gpu", e.gpu());
                number(g, "index", e.index());
                string(g, "uuid", e.uuid());
                string(g, "pci", e.pci());
                g.writeNumberProperty("total", e.total());
                g.writeNumberProperty("used", e.used());
                number(g, "free", e.free());
                number(g, "reserved", e.reserved());
                yield true;
            }
            case gpu_process_memory -> {
                GpuProcessMemory e = (GpuProcessMemory) event;
                g.writeStringProperty("gpu", e.gpu());
                g.writeNumberProperty("pid", e.pid());
                string(g, "comm", e.comm());
                g.writeNumberProperty("used", e.used());
                yield true;
            }
            case gpu_retained -> {
                GpuRetained e = (GpuRetained) event;
                g.writeStringProperty("gpu", e.gpu());
                string(g, "uuid", e.uuid());
                number(g, "uvm_id", e.uvmId());
                number(g, "count", e.count());
                yield true;
            }
            case xid -> {
                Xid e = (Xid) event;
                g.writeStringProperty("gpu", e.gpu());
                g.writeNumberProperty("code", e.code());
                number(g, "pid", e.pid());
                string(g, "comm", e.comm());
                string(g, "message", e.message());
                yield true;
            }
            case gpu_lost -> {
                g.writeStringProperty("gpu", ((GpuLost) event).gpu());
                yield true;
            }
            case driver_loaded -> {
                DriverLoaded e = (DriverLoaded) event;
                g.writeStringProperty("module", e.module());
                string(g, "version", e.version());
                yield true;
            }
            case driver_unloaded -> {
                g.writeStringProperty("module", ((DriverUnloaded) event).module());
                yield true;
            }
            case driver_leak -> {
                g.writeNumberProperty("bytes", ((DriverLeak) event).bytes());
                yield true;
            }
            case driver_fault -> {
                DriverFault e = (DriverFault) event;
                g.writeStringProperty("fault", e.fault().name());
                number(g, "pid", e.pid());
                string(g, "comm", e.comm());
                string(g, "message", e.message());
                strings(g, "frames", e.frames());
                yield true;
            }
            case capture -> {
                if (((Capture) event).allHolders()) {
                    g.writeBooleanProperty("all_holders", true);
                }
                yield true;
            }
            case events_lost -> {
                EventsLost lost = (EventsLost) event;
                number(g, "cpu", lost.cpu());
                number(g, "count", lost.count());
                yield true;
            }
            case suspended, resumed -> true; // no fields of their own
        };
    }

    public static String hex(long address) {
        return Sizes.hex(address);
    }

    private static void address(JsonGenerator g, String name, long address) {
        g.writeStringProperty(name, hex(address));
    }

    /** A process's uid and cgroup, added in schema v2 without changing it: written only when an input told them. */
    private static void identity(JsonGenerator g, ProcessIdentity who) {
        if (who.uid() != null) {
            g.writeNumberProperty("uid", who.uid());
        }
        if (who.cgroup() != null) {
            g.writeStringProperty("cgroup", who.cgroup());
        }
    }

    private static void string(JsonGenerator g, String name, String value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void number(JsonGenerator g, String name, Integer value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void number(JsonGenerator g, String name, Long value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    /** A field only snapshots give: left out, not null, when absent, so that other streams stay as they were. */
    private static void optional(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeName(name);
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
