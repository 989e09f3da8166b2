package dev.uvmctl.render;

/** The values of {@code -o}: one renderer each. */
public enum OutputFormat {
    table, json, ndjson
}
