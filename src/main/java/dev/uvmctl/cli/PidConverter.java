package dev.uvmctl.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --pid}: a process id, 1 or more (0 and negative numbers name no process: the kernel
 * hands out pids from 1, and a filter on one would silently keep nothing).
 */
public final class PidConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        return parse(value);
    }

    static int parse(String value) {
        int pid;
        try {
            pid = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a process id");
        }
        if (pid < 1) {
            throw new TypeConversionException("'" + value + "' is not a process id: pids are 1 or more");
        }
        return pid;
    }

    /** The same, for options that keep pids as {@code long}s. */
    public static final class AsLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return (long) parse(value);
        }
    }
}
