package dev.uvmctl.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition, by series as written ({@code name{a="1",b="2"}},
 * labels in the writer's order): enough for tests to read a value back. The format itself is
 * checked by promtool ({@link Prometheus#checkMetrics}).
 */
public final class Samples {
    private Samples() {
    }

    public static Map<String, Double> of(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
        }
        return out;
    }

    /** The series of {@code name} only (its {@code name{...}} keys). */
    public static Map<String, Double> family(String text, String name) {
        Map<String, Double> out = new LinkedHashMap<>();
        of(text).forEach((k, v) -> {
            if (k.equals(name) || k.startsWith(name + "{")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
