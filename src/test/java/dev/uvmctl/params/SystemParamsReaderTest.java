package dev.uvmctl.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.DirectorySysRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * uvm_enable_va_space_mm as sysfs shows it (param_get_int: "%i\n", kernel/params.c) and as the
 * driver tests it: {@code UVM_CAN_USE_MMU_NOTIFIERS() && uvm_enable_va_space_mm}
 * (uvm_va_space_mm.c: uvm_va_space_mm_enabled_system, 535.43.02 and 580.95.05), so any integer
 * but 0 enables it.
 */
class SystemParamsReaderTest {
    private static final String FILE = "sys/module/nvidia_uvm/parameters/uvm_enable_va_space_mm";

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private Boolean read(Path root, String value) throws IOException {
        if (value != null) {
            Files.createDirectories(root.resolve(FILE).getParent());
            Files.writeString(root.resolve(FILE), value);
        }
        return SystemParamsReader.vaSpaceMm(new DirectorySysRoot(root), diagnostics::add);
    }

    @Test
    void zeroDisablesItAndAnyOtherIntegerEnablesIt(@TempDir Path tmp) throws IOException {
        assertThat(read(tmp.resolve("zero"), "0\n")).isFalse();
        assertThat(read(tmp.resolve("one"), "1\n")).isTrue();
        assertThat(read(tmp.resolve("minus"), "-1\n")).isTrue();
        assertThat(read(tmp.resolve("two"), "2\n")).isTrue();
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void anAbsentFileIsUnknownWithoutAWord(@TempDir Path tmp) throws IOException {
        assertThat(read(tmp, null)).isNull();
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void aGarbledOrUnreadableValueIsUnknownAndSaid(@TempDir Path tmp) throws IOException {
        assertThat(read(tmp.resolve("word"), "Y\n")).isNull();
        assertThat(read(tmp.resolve("empty"), "")).isNull();
        Path dir = tmp.resolve("dir");
        Files.createDirectories(dir.resolve(FILE));
        assertThat(read(dir, null)).isNull();
        assertThat(diagnostics).extracting(Diagnostic::toString).hasSize(3)
            .anySatisfy(d -> assertThat(d).endsWith("uvm_enable_va_space_mm:1: not an int: 'Y': whether UVM_MM_INITIALIZE makes "
                + "mm fds is unknown: the default (1) is assumed"))
            .anySatisfy(d -> assertThat(d).endsWith("uvm_enable_va_space_mm:1: not an int: '': whether UVM_MM_INITIALIZE makes mm "
                + "fds is unknown: the default (1) is assumed"));
        assertThat(diagnostics.get(2).toString()).contains("uvm_enable_va_space_mm").doesNotContain("not an int");
    }

    @Test
    void beforeTheMmFdsReleaseNoFileIsAnMmFdWhateverTheParameter(@TempDir Path tmp) throws IOException {
        Path old = tmp.resolve("530");
        Files.createDirectories(old.resolve("sys/module/nvidia_uvm"));
        Files.writeString(old.resolve("sys/module/nvidia_uvm/version"), "530.41.03\n");
        assertThat(read(old, "1\n")).isFalse();
        Path first = tmp.resolve("535");
        Files.createDirectories(first.resolve("sys/module/nvidia_uvm"));
        Files.writeString(first.resolve("sys/module/nvidia_uvm/version"), "535.43.02\n");
        assertThat(read(first, "1\n")).isTrue();
        Path garbled = tmp.resolve("garbled");
        Files.createDirectories(garbled.resolve("sys/module/nvidia_uvm"));
        Files.writeString(garbled.resolve("sys/module/nvidia_uvm/version"), "devel\n");
        assertThat(read(garbled, "1\n")).isTrue();
        assertThat(diagnostics).isEmpty();
    }

    /** kmod reads only NAME.conf files and skips hidden ones (an editor's .nvidia.conf), and an earlier directory masks a name. */
    @Test
    void theModprobeFilesKmodReads(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("sys/module/nvidia_uvm/parameters"));
        Files.createDirectories(tmp.resolve("etc/modprobe.d"));
        Files.createDirectories(tmp.resolve("lib/modprobe.d"));
        Files.writeString(tmp.resolve("etc/modprobe.d/uvm.conf"), "options nvidia_uvm uvm_disable_hmm=1\n");
        Files.writeString(tmp.resolve("etc/modprobe.d/.uvm.conf"), "options nvidia_uvm uvm_ats_mode=0\n");
        Files.writeString(tmp.resolve("etc/modprobe.d/uvm.conf.bak"), "options nvidia_uvm uvm_perf_prefetch_enable=0\n");
        Files.writeString(tmp.resolve("lib/modprobe.d/uvm.conf"), "options nvidia_uvm uvm_disable_hmm=0\n");
        Files.createDirectories(tmp.resolve("proc"));
        Files.writeString(tmp.resolve("proc/cmdline"), "BOOT_IMAGE=/vmlinuz nvidia-uvm.uvm_perf_prefetch_threshold=75\n");
        ParamsObservation o = SystemParamsReader.read(new DirectorySysRoot(tmp));
        assertThat(o.configured()).extracting(ConfiguredValue::name, ConfiguredValue::value, ConfiguredValue::source).containsExactly(
            tuple("uvm_disable_hmm", "1", "/etc/modprobe.d/uvm.conf"),
            tuple("uvm_perf_prefetch_threshold", "75", "/proc/cmdline"));
    }
}
