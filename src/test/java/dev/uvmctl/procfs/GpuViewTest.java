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

    /**
     * The UVM processor id a trace names the GPU by: each info's {@code GPU ID N}. On 535 and 545 a GPU's MIG
     * instances print their parent's id (one id); from 550.40.07 each its own, and no one id is the GPU's.
     */
    @Test
    void theGpusUvmIdIsTheOneIdItsInfosAgreeOn() {
        assertThat(withInfos().uvmId()).as("UVM does not retain it").isNull();
        assertThat(withInfos(3).uvmId()).isEqualTo(3);
        assertThat(withInfos(2, 2).uvmId()).as("MIG on 535/545").isEqualTo(2);
        assertThat(withInfos(2, 3).uvmId()).as("MIG from 550.40.07").isNull();
        assertThat(withInfos(2, null).uvmId()).as("an info whose first line was unreadable").isNull();
    }

    private static GpuView withInfos(Integer... ids) {
        List<UvmGpuInfo> infos = new java.util.ArrayList<>();
        for (Integer id : ids) {
            infos.add(new UvmGpuInfo("GPU-x/" + infos.size(), id, null, UUID, null, 1L, null, null, null, java.util.Map.of(), null));
        }
        return new GpuView(BUS, UUID, 0, 0, "A100", null, infos, null, null, 0);
    }

    private static SmiProcess line(Integer index, String uuid, PciAddress bus) {
        return new SmiProcess(index, uuid, bus, null, null, 4242, "C", "python3", 1L << 30, null, null);
    }
}
