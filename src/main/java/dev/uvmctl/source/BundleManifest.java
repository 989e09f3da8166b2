package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * A capture bundle's {@code uvmctl/manifest.json} (docs/capture.md): when and where it was taken,
 * its top-level fields as strings, the paths the capture was refused (with why, so that reading
 * the bundle refuses them again), the commands it ran (with the bundle path of each output), what
 * nvidia-smi said when it could not answer, the processes that exited while they were read
 * ({@code exitedDuringCapture}: the bundle keeps their directories, which read as exited, not as
 * unreadable), and the paths it copied (read back so that one lost from the bundle since reads as
 * unreadable, never as absent).
 */
public record BundleManifest(Map<String, String> fields, Map<String, String> refused, List<Command> commands, List<String> smiNotes,
                             List<String> copied, List<String> notCopied, List<Integer> exitedDuringCapture) {
    public static final String PATH = "/uvmctl/manifest.json";
    public static final String SCHEMA = "uvmctl.capture/v1";
    /** The pids of the processes that exited while the capture read them. */
    private static final String EXITED = "exited_during_capture";
    /** The fields written as JSON numbers. */
    private static final java.util.Set<String> COUNTS = java.util.Set.of("processes", "holders", "unreadable_processes");

    /** A command the capture ran: its output's path in the bundle (null when there is none), command line, exit status and note. */
    public record Command(String path, String command, Integer exitStatus, String note) {
    }

    /** The command line whose output the bundle keeps at {@code path}, or null. */
    public String commandAt(String path) {
        return commands.stream().filter(c -> path.equals(c.path())).map(Command::command).findFirst().orElse(null);
    }

    /** The manifest of {@code root}, or null when it has none or it is not readable JSON. */
    public static BundleManifest read(SysRoot root) {
        if (!root.exists(PATH)) {
            return null;
        }
        try (InputStream in = root.open(PATH); JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), in)) {
            return parse(p);
        } catch (IOException | JacksonException e) {
            return null;
        }
    }

    private static BundleManifest parse(JsonParser p) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        List<Command> commands = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Integer> exited = new ArrayList<>();
        List<String> copied = new ArrayList<>();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                fields.put(name, p.getString());
            } else if (t == JsonToken.START_ARRAY && name.equals("refused")) {
                for (Map<String, String> o : objects(p)) {
                    if (o.get("path") != null) {
                        refused.put(o.get("path"), o.getOrDefault("reason", "refused"));
                    }
                }
            } else if (t == JsonToken.START_ARRAY && name.equals("commands")) {
                for (Map<String, String> o : objects(p)) {
                    commands.add(new Command(o.get("path"), o.get("command"),
                        exitStatus(o.get("exit_status")), o.get("note")));
                }
            } else if (t == JsonToken.START_ARRAY && name.equals("nvidia_smi_notes")) {
                strings(p, notes);
            } else if (t == JsonToken.START_ARRAY && name.equals("copied")) {
                strings(p, copied);
            } else if (t == JsonToken.START_ARRAY && name.equals(EXITED)) {
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    if (v == JsonToken.VALUE_NUMBER_INT) {
                        exited.add(p.getIntValue());
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return new BundleManifest(fields, refused, commands, notes, List.copyOf(copied), List.of(), List.copyOf(exited));
    }

    /** The strings of an array, into {@code out}; anything else in it is skipped. */
    private static void strings(JsonParser p, List<String> out) {
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
            if (v == JsonToken.VALUE_STRING) {
                out.add(p.getString());
            } else {
                p.skipChildren();
            }
        }
    }

    /** A command's exit status as the manifest gives it; null (not known) when absent or not a whole number. */
    private static Integer exitStatus(String value) {
        if (value == null || !value.matches("-?[0-9]{1,9}")) {
            return null;
        }
        return Integer.valueOf(value);
    }

    /** The objects of an array of flat objects, their scalar values as strings. */
    private static List<Map<String, String>> objects(JsonParser p) {
        List<Map<String, String>> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Map<String, String> o = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                    o.put(key, p.getString());
                } else {
                    p.skipChildren();
                }
            }
            out.add(o);
        }
        return out;
    }

    /** Writes the manifest; {@code fields} first, as JSON strings, booleans ("true"/"false") or, for the counts, numbers. */
    public void write(Writer out) {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        // The caller's writer stays open: it may be standard output.
        JsonFactory factory = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        try (JsonGenerator g = factory.createGenerator(new ObjectWriteContext.Base() {
            @Override
            public tools.jackson.core.PrettyPrinter getPrettyPrinter() {
                return pretty;
            }

            @Override
            public boolean hasPrettyPrinter() {
                return true;
            }
        }, out)) {
            g.writeStartObject();
            g.writeStringProperty("schema", SCHEMA);
            fields.forEach((k, v) -> {
                if (COUNTS.contains(k)) {
                    g.writeNumberProperty(k, Long.parseLong(v));
                } else if (v.equals("true") || v.equals("false")) {
                    g.writeBooleanProperty(k, Boolean.parseBoolean(v));
                } else {
                    g.writeStringProperty(k, v);
                }
            });
            g.writeName("commands");
            g.writeStartArray();
            for (Command c : commands) {
                g.writeStartObject();
                nullable(g, "path", c.path());
                g.writeStringProperty("command", c.command());
                g.writeName("exit_status");
                if (c.exitStatus() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(c.exitStatus());
                }
                nullable(g, "note", c.note());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("nvidia_smi_notes");
            strings(g, smiNotes);
            g.writeName(EXITED);
            g.writeStartArray();
            for (int pid : exitedDuringCapture) {
                g.writeNumber(pid);
            }
            g.writeEndArray();
            g.writeName("refused");
            g.writeStartArray();
            refused.forEach((path, reason) -> {
                g.writeStartObject();
                g.writeStringProperty("path", path);
                g.writeStringProperty("reason", reason);
                g.writeEndObject();
            });
            g.writeEndArray();
            g.writeName("not_copied");
            strings(g, notCopied);
            g.writeName("copied");
            strings(g, copied);
            g.writeEndObject();
        }
    }

    private static void nullable(JsonGenerator g, String name, String value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void strings(JsonGenerator g, List<String> values) {
        g.writeStartArray();
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }
}
