package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The parts of a capture bundle's {@code uvmctl/manifest.json} that reading the bundle needs: its
 * top-level string fields (capture time, host, kernel) and the paths the capture was refused,
 * with why, so that reading the bundle refuses them the same way.
 */
public record BundleManifest(Map<String, String> fields, Map<String, String> refused) {
    public static final String PATH = "/uvmctl/manifest.json";

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
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_STRING) {
                fields.put(name, p.getString());
            } else if (name.equals("refused") && t == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String path = null;
                    String reason = null;
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        if (key.equals("path")) {
                            path = p.getString();
                        } else if (key.equals("reason")) {
                            reason = p.getString();
                        } else {
                            p.skipChildren();
                        }
                    }
                    if (path != null) {
                        refused.put(path, reason == null ? "refused" : reason);
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return new BundleManifest(Map.copyOf(fields), Map.copyOf(refused));
    }
}
