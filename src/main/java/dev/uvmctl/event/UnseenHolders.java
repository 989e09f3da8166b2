package dev.uvmctl.event;

/**
 * What an input showed in use that it gave no event of and no holder for: the va_spaces a trace saw migrate that were made
 * before it began and that it did not see destroyed, where no line told where they are. The driver keeps a va_space while
 * any fd or mapping holds its file ({@code uvm_release}, uvm.c, 535.43.02..595.45.04), and no probe line names that process.
 * Each existed when the input began: where the input gave events, when replay placed its first; where it gave none, at
 * {@code since} of {@code boot}, as its own first line says.
 *
 * @param message one sentence that names them and what would name their holders
 * @param boot    the boot its header names, or null when it names none (then taken as the last replayed)
 * @param since   kernel time (ns) of its first line, or {@link EventTime#UNKNOWN}
 */
public record UnseenHolders(String message, String boot, long since) {
}
