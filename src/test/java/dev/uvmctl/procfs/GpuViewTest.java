package dev.uvmctl.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.PciAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One rule places a process line on a GPU, in the view builder's join and in the va-spaces table. */
class GpuViewTest {
    private static final PciAddress BUS = PciAddress.parse("00000000:3B:00.0").orElseThrow();
    private static final String UUID = "GPU-5c3d2f1e-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    private static final GpuView GPU = new GpuView(BUS, UUID, 0, 0, "A100", null, List.of(), null, null, 0);

    @Test
    void aProcessLineIsOnTheGpuItsBusUuidOrTableIndexNames() {
        assertThat(GPU.runs(line(null, null, PciAddress.parse("0000:3b:00.0").orElseThrow()))).as("bus id in another form").isTrue();
        assertThat(GPU.runs(line(null, UUID.toUpperCase(), null))).as("UUID in another case").isTrue();
        assertThat(GPU.runs(line(0, null, null))).as("nvidia-smi's table names only the index").isTrue();
        assertThat(GPU.runs(line(1, null, null))).isFalse();
        // An index beside a bus id or UUID is the listing's order, not a key: the bus id decides.
        assertThat(GPU.runs(line(0, null, PciAddress.parse("0000:86:00.0").orElseThrow()))).isFalse();
    }

    private static SmiProcess line(Integer index, String uuid, PciAddress bus) {
        return new SmiProcess(index, uuid, bus, null, null, 4242, "C", "python3", 1L << 30, null, null);
    }
}
