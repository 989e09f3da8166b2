package dev.uvmctl.model;

import dev.uvmctl.event.Event;

/** An event that led to a conclusion, with its place in the replay (for ordering and de-duplication). */
public record Evidence(long sequence, Event event) {
}
