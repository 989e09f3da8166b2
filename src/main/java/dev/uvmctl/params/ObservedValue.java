package dev.uvmctl.params;

/**
 * A parameter as an input showed it: its value (null when the input lists the parameter
 * without a value, as modinfo does), the type the input declared (null when it did not), and
 * where it was read.
 */
public record ObservedValue(String name, String value, String declaredType, String source, long line) {

    public String location() {
        return line > 0 ? source + ":" + line : source;
    }
}
