package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;

/** An input being read: its name, the format that reads it, and the reader. */
public record OpenedInput(String name, String format, EventReader reader) {
}
