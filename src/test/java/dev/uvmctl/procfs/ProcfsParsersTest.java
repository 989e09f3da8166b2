package dev.uvmctl.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcfsParsersTest {
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    @Test
    void status() {
        String text = "Name:\tpt_data_worker\nUmask:\t0022\nState:\tZ (zombie)\nTgid:\t4000\nPid:\t4000\nPPid:\t1\n"
            + "Uid:\t1000\t1000\t1000\t1000\nNSpid:\t4000\t31\nThreads:\t3\n";
        assertThat(StatusParser.parse(text, 4000, "s", diagnostics)).isEqualTo(
            new ProcessStatus(4000, "pt_data_worker", "Z", 1, 4000, 1000, List.of(4000, 31), 3, Provenance.of("s")));
        assertThat(StatusParser.parse("Name:\tx\nState:\tS (sleeping)\nPPid:\tabc\n", 5, "b", diagnostics).ppid()).isNull();
        assertThat(StatusParser.parse("", 5, "e", diagnostics)).isNull();
        assertThat(diagnostics).containsExactly(Diagnostic.at("b", 3, "PPid is not a number: 'abc'"),
            Diagnostic.of("e", "no Name line: not a status file"));
    }

    @Test
    void statWithACommHoldingSpacesAndParentheses() {
        String text = "4000 (pt (data) worker) S 1 3900 3800 0 -1 4194560 1000 0 0 0 10 5 0 0 20 0 1 0 8000000 123 2000\n";
        assertThat(StatParser.parse(text, "st", diagnostics)).isEqualTo(new ProcessStat(4000, "S", 1, 3900, 3800, 8000000, Provenance.at("st", 1)));
        assertThat(StatParser.parse("4000 (x) S 1 2", "short", diagnostics)).isNull();
        assertThat(StatParser.parse("garbage", "g", diagnostics)).isNull();
        assertThat(diagnostics).hasSize(2);
    }

    @Test
    void cgroupsOfEachRuntime() {
        String id = "3f4e5d6c7b8a99887766554433221100ffeeddccbbaa00998877665544332211";
        assertThat(cgroup("0::/system.slice/docker-" + id + ".scope")).isEqualTo(
            new CgroupInfo("/system.slice/docker-" + id + ".scope", "docker", id, null, "docker-" + id + ".scope", null, Provenance.at("c", 1)));
        assertThat(cgroup("12:memory:/docker/" + id + "\n11:pids:/docker/" + id).runtime()).isEqualTo("docker");
        CgroupInfo k8s = cgroup("0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod8d3e6f1a_2b4c_4d5e_9f60_718293a4b5c6.slice/cri-containerd-" + id + ".scope");
        assertThat(k8s.runtime()).isEqualTo("containerd");
        assertThat(k8s.podUid()).isEqualTo("8d3e6f1a-2b4c-4d5e-9f60-718293a4b5c6");
        assertThat(k8s.shortContainer()).isEqualTo("containerd:3f4e5d6c7b8a");
        CgroupInfo cgroupfs = cgroup("4:devices:/kubepods/besteffort/pod8d3e6f1a-2b4c-4d5e-9f60-718293a4b5c6/" + id);
        assertThat(cgroupfs.runtime()).isEqualTo("kubernetes");
        assertThat(cgroupfs.podUid()).isEqualTo("8d3e6f1a-2b4c-4d5e-9f60-718293a4b5c6");
        assertThat(cgroup("0::/kubepods.slice/kubepods-pod11223344_5566_7788_99aa_bbccddeeff00.slice/crio-" + id + ".scope").runtime()).isEqualTo("cri-o");
        assertThat(cgroup("0::/machine.slice/libpod-" + id + ".scope/container").runtime()).isEqualTo("podman");
        assertThat(cgroup("0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + id + ".scope").containerId()).isEqualTo(id);
        assertThat(cgroup("0::/lxc.payload.web1/system.slice").containerId()).isEqualTo("web1");
        CgroupInfo slurm = cgroup("0::/system.slice/slurmstepd.scope/job_4242/step_0/user/task_0");
        assertThat(slurm.slurmJob()).isEqualTo("4242");
        assertThat(slurm.containerId()).isNull();
        assertThat(cgroup("0::/system.slice/nvidia-persistenced.service").unit()).isEqualTo("nvidia-persistenced.service");
        assertThat(cgroup("1:name=systemd:/user.slice\n0::/\n").path()).isEqualTo("/");
        assertThat(CgroupParser.parse("nonsense\n", "bad", diagnostics)).isNull();
        assertThat(diagnostics).containsExactly(Diagnostic.at("bad", 1, "not a cgroup line: 'nonsense'"), Diagnostic.of("bad", "no cgroup line"));
    }

    private CgroupInfo cgroup(String text) {
        return CgroupParser.parse(text, "c", diagnostics);
    }

    @Test
    void fdinfoFlagsAndDeviceFiles() {
        assertThat(FdinfoParser.flags("pos:\t0\nflags:\t02100002\nmnt_id:\t25\n", "f", diagnostics)).isEqualTo(02100002L);
        assertThat(new FdLink(4, "/dev/nvidia-uvm", DeviceFile.of("/dev/nvidia-uvm"), 02100002L, Provenance.of("f")).closeOnExec()).isTrue();
        assertThat(new FdLink(4, "/dev/nvidia-uvm", DeviceFile.of("/dev/nvidia-uvm"), 0100002L, Provenance.of("f")).closeOnExec()).isFalse();
        assertThat(FdinfoParser.flags("flags:\t0x9\n", "bad", diagnostics)).isNull();
        assertThat(diagnostics).containsExactly(Diagnostic.at("bad", 1, "flags is not an octal number: '0x9'"));
        assertThat(DeviceFile.of("/dev/nvidia-uvm (deleted)")).isEqualTo(new DeviceFile(DeviceFile.Kind.uvm, "/dev/nvidia-uvm", null));
        assertThat(DeviceFile.of("/dev/nvidia12")).isEqualTo(new DeviceFile(DeviceFile.Kind.gpu, "/dev/nvidia12", 12));
        assertThat(DeviceFile.of("/dev/nvidia-caps/nvidia-cap21").kind()).isEqualTo(DeviceFile.Kind.caps);
        assertThat(DeviceFile.of("/dev/nvidia-nvswitch3").kind()).isEqualTo(DeviceFile.Kind.fabric);
        assertThat(DeviceFile.of("/dev/nvidia-uvm-tools").kind()).isEqualTo(DeviceFile.Kind.uvm_tools);
        assertThat(DeviceFile.of("socket:[123]")).isNull();
        assertThat(DeviceFile.of("/dev/nvidiafoo")).isNull();
    }

    @Test
    void stackAndWchan() {
        List<String> frames = StackParser.frames("[<0>] uvm_va_space_destroy+0x1c5/0x6b0 [nvidia_uvm]\n[<0>] __fput+0xff/0x2c0\n"
            + "[<ffffffffc0a1b2c3>] do_exit+0x381/0xb20\nnot a frame\n", "k", diagnostics);
        assertThat(frames).containsExactly("uvm_va_space_destroy", "__fput", "do_exit");
        assertThat(diagnostics).containsExactly(Diagnostic.at("k", 4, "not a stack frame: 'not a frame'"));
        assertThat(StackParser.wchan("0")).isNull();
        assertThat(StackParser.wchan("uvm_spin_loop\n")).isEqualTo("uvm_spin_loop");
        TaskState t = new TaskState(1, 2, "x", "D", "schedule", frames, Provenance.of("k"));
        assertThat(t.inNvidiaDriver()).isTrue();
        assertThat(t.driverFrame()).isEqualTo("uvm_va_space_destroy");
    }

    @Test
    void uvmGpuInfoOfEachRelease() {
        String rest = "retained_count                         2\necc                                    enabled\n"
            + "closest_cpu_numa_node                  n/a\n";
        UvmGpuInfo r515 = UvmGpuInfoParser.parse("GPU ID 1: NVIDIA A100-SXM4-40GB: UVM-GPU-d9b28d2d-828e-cae5-626b-dc354d9af00f\n" + rest, "d", "i", diagnostics);
        assertThat(r515).isEqualTo(new UvmGpuInfo("d", 1, "NVIDIA A100-SXM4-40GB", "GPU-d9b28d2d-828e-cae5-626b-dc354d9af00f", null, 2L,
            Provenance.at("i", 2), "enabled", "n/a", Map.of(), Provenance.of("i")));
        assertThat(UvmGpuInfoParser.parse("GPU ID 3: UVM-GPU-d9b28d2d-828e-cae5-626b-dc354d9af00f\n" + rest, "d", "i", diagnostics).name()).isNull();
        UvmGpuInfo r550 = UvmGpuInfoParser.parse("GPU ID 1: GPU-d9b28d2d-828e-cae5-626b-dc354d9af00f UVM-GI-11111111-2222-3333-4444-555555555555\n"
            + rest, "d", "i", diagnostics);
        assertThat(r550.gpuUuid()).isEqualTo("GPU-d9b28d2d-828e-cae5-626b-dc354d9af00f");
        assertThat(r550.instanceUuid()).isEqualTo("GI-11111111-2222-3333-4444-555555555555");
        UvmGpuInfo r565 = UvmGpuInfoParser.parse("GPU ID 2: GPU-d9b28d2d-828e-cae5-626b-dc354d9af00f GI-11111111-2222-3333-4444-555555555555\n"
            + rest.replace("ecc ", "nvlink status and recovery             enabled\necc ") + "big_page_size                          65536\n",
            "d", "i", diagnostics);
        assertThat(r565.other()).containsEntry("nvlink status and recovery", "enabled").containsEntry("big_page_size", "65536");
        assertThat(diagnostics).isEmpty();
        UvmGpuInfoParser.parse("garbage\n", "d", "bad", diagnostics);
        assertThat(diagnostics).containsExactly(Diagnostic.at("bad", 1, "first line is not 'GPU ID n: ...': 'garbage'"));
    }

    @Test
    void gpuInformationFromTheCorpus() throws IOException {
        String text = Files.readString(Golden.resource("corpus/procfs/001-gpu-information-l4.txt"));
        assertThat(NvidiaGpuInformationParser.parse(text, "0000:70:00.0", "info", diagnostics)).isEqualTo(new NvidiaGpuInformation(
            PciAddress.parse("0000:70:00.0").orElseThrow(), "NVIDIA L4", "GPU-3291dfa4-fcc4-0110-615b-c894a0d7c689", 0, false, Provenance.of("info")));
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void iomemHmmRegions() {
        List<HmmRegion> r = IomemParser.hmmRegions("00000000-00000fff : Reserved\n  3ffe00000000-3ffebfffffff : nvidia-uvm-hmm\nbroken\n"
            + "00000000-00000000 : nvidia-uvm-hmm\n", "iomem", diagnostics);
        assertThat(r).containsExactly(new HmmRegion(0x3ffe00000000L, 0x3ffebfffffffL, false, Provenance.at("iomem", 2)),
            new HmmRegion(0, 0, true, Provenance.at("iomem", 4)));
        assertThat(r.get(0).size()).isEqualTo(0xc0000000L);
        assertThat(diagnostics).containsExactly(Diagnostic.at("iomem", 3, "not an iomem line: 'broken'"));
    }

    @Test
    void aDriverVaSpacesFileOfUnknownFormat() {
        DriverVaSpaces d = DriverVaSpacesParser.parse("va_space 0xffff8881 pid=2301\n  0x7f3a00000000-0x7f3a04000000 managed\n"
            + "something else\nVA_SPACE ffff8882 (no pid)\n", "vs");
        assertThat(d.vaSpaces()).containsExactly(
            new DriverVaSpaces.Entry("va_space 0xffff8881 pid=2301", 2301,
                List.of(new DriverVaSpaces.Range(0x7f3a00000000L, 0x7f3a04000000L, Provenance.at("vs", 2))), Provenance.at("vs", 1)),
            new DriverVaSpaces.Entry("VA_SPACE ffff8882 (no pid)", null, List.of(), Provenance.at("vs", 4)));
        assertThat(d.unrecognised()).isEqualTo(1);
    }
}
