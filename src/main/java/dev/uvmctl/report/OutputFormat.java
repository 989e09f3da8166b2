package dev.uvmctl.report;

/** The values of {@code -o}: one renderer each. */
public enum OutputFormat {
    table, json, ndjson
}
