package dev.uvmctl.cli;

import dev.uvmctl.shared.GpuKey;
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
}
