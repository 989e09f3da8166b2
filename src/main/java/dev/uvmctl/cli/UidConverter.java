package dev.uvmctl.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --uid}: a numeric user id, 0 or more (as /proc/PID/status prints it; names are not looked up). */
public final class UidConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        try {
            int uid = Integer.parseInt(value.trim());
            if (uid >= 0) {
                return uid;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new TypeConversionException("'" + value + "' is not a numeric user id (0 or more; id -u NAME gives it)");
    }
}
