package dev.uvmctl.render;

/**
 * The values of {@code -o}: one renderer each. {@code prometheus} (the text format) and
 * {@code openmetrics} are metrics, which only {@code leaks} and {@code dmesg} write.
 */
public enum OutputFormat {
    table, json, ndjson, prometheus, openmetrics;

    /** True for the metrics formats. */
    public boolean metrics() {
        return switch (this) {
            case table, json, ndjson -> false;
            case prometheus, openmetrics -> true;
        };
    }
}
