package dev.uvmctl.model;

import java.util.List;

/**
 * The events that concern one thing (a range, a va_space, a process, a GPU), bounded: the first
 * few and the last few are kept, the rest only counted, so that memory follows what is live and
 * not how long its history is.
 */
public interface EvidenceLog {
    /** How many events were added, kept or not. */
    long total();

    /** Adds the kept events to {@code out}, in no particular order. */
    void addTo(List<Evidence> out);
}
