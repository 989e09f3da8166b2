package dev.uvmctl.model;

import dev.uvmctl.shared.TeardownFunctions;
import java.util.List;

/**
 * Recognizes the driver's teardown in a call trace, by the functions of
 * {@link TeardownFunctions} (uvm_va_space.c: uvm_va_space_destroy; 515..595).
 */
public final class Teardown {
    private Teardown() {
    }

    /** The first frame (innermost) that is a teardown function, or null. */
    public static String frame(List<String> frames) {
        for (String frame : frames) {
            String function = function(frame);
            if (TeardownFunctions.is(function)) {
                return function;
            }
        }
        return null;
    }

    /**
     * The function of the first (innermost) frame in an nvidia module ({@code [nvidia]},
     * {@code [nvidia_uvm]}, ...), or of the first frame when none names its module (an assert
     * names only its function); null when there is no frame.
     */
    public static String driverFrame(List<String> frames) {
        for (String frame : frames) {
            if (frame.contains(" [nvidia")) {
                return function(frame);
            }
        }
        return frames.isEmpty() || frames.get(0).contains(" [") ? null : function(frames.get(0));
    }

    /** {@code "? uvm_va_space_destroy+0x2a1/0x500 [nvidia_uvm]"} → {@code uvm_va_space_destroy}. */
    static String function(String frame) {
        String s = frame.strip();
        if (s.startsWith("? ")) {
            s = s.substring(2).strip();
        }
        int end = 0;
        while (end < s.length() && s.charAt(end) != '+' && s.charAt(end) != ' ') {
            end++;
        }
        return s.substring(0, end);
    }
}
