package dev.uvmctl.event;

/**
 * What an input shows in use without showing who holds it: va_spaces a trace saw migrate that were made before it began and
 * that it did not see destroyed. The driver keeps a va_space while any fd or mapping holds its file ({@code uvm_release}, uvm.c,
 * 535.43.02..595.45.04), and no probe line of them names that process, so whether their memory should have been released is not
 * known, unless a snapshot that listed every holder of {@code /dev/nvidia-uvm} was taken after {@code since} in {@code boot}:
 * each of them existed then, and it names them with their holders (those it did not list were destroyed before it, in the trace).
 *
 * @param boot    the boot the input is of, or null when it names none
 * @param since   kernel time (ns) of the input's first event, by which they all existed, or {@link EventTime#UNKNOWN}
 * @param message one sentence that names them and what would show their holders
 */
public record UnseenHolders(String boot, long since, String message) {
}
