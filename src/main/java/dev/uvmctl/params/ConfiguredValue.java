package dev.uvmctl.params;

/**
 * A parameter value set in the configuration: a modprobe.d {@code options} line or the kernel
 * command line. {@code module} uses underscores ({@code nvidia_uvm}) as the kernel does.
 */
public record ConfiguredValue(String module, String name, String value, String source, long line) {

    /** {@code file:line}, or the file alone for the kernel command line. */
    public String location() {
        return line > 0 ? source + ":" + line : source;
    }
}
