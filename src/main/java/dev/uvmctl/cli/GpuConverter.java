package dev.uvmctl.cli;

import dev.uvmctl.shared.GpuKey;
import java.util.Collection;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --gpu}: an index, a GPU UUID or a PCI bus id in any of the forms the inputs use. */
public final class GpuConverter implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        String key = GpuKey.normalize(value);
        if (key == null) {
            throw new TypeConversionException("'" + value + "' names no GPU: give an index (0), a UUID (GPU-...) or a PCI bus id (0000:3b:00.0)");
        }
        return key;
    }

    /**
     * The usage error for GPUs given with {@code --gpu} that no input mentions: a filter on them
     * would leave nothing, which reads as "nothing happened there".
     */
    static UvmctlException notMentioned(Collection<String> unknown, Collection<String> known) {
        return UvmctlException.usage("--gpu " + String.join(",", unknown) + ": no input mentions "
            + (unknown.size() == 1 ? "this GPU" : "these GPUs") + "; "
            + (known.isEmpty() ? "the inputs mention no GPU" : "the inputs mention " + String.join(", ", known)));
    }
}
