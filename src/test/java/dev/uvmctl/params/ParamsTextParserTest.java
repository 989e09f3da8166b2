package dev.uvmctl.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ParamsTextParserTest {
    private final ParamsObservation o = new ParamsObservation();

    private int corpus(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Golden.resource("corpus/" + file))) {
            return ParamsTextParser.parse(in, file, o);
        }
    }

    private int text(String s) throws IOException {
        return ParamsTextParser.parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), "t", o);
    }

    @Test
    void modinfoOfNvidiaUvm535() throws IOException {
        assertThat(corpus("params/001-modinfo-nvidia-uvm-535.txt")).isEqualTo(25);
        assertThat(o.driver().version()).isEqualTo(DriverVersion.of("535.129.03"));
        assertThat(o.uvm()).hasSize(13).containsKey("uvm_perf_map_remote_on_native_atomics_fault");
        ObservedValue ats = o.uvm().get("uvm_ats_mode");
        assertThat(ats.value()).isNull();
        assertThat(ats.declaredType()).isEqualTo("int");
        assertThat(ats.location()).isEqualTo("params/001-modinfo-nvidia-uvm-535.txt:13");
        assertThat(o.uvm().get("uvm_perf_prefetch_enable").declaredType()).isEqualTo("uint");
        assertThat(o.nvidia()).isEmpty();
        assertThat(o.diagnostics()).isEmpty();
    }

    @Test
    void modinfoOfTheCoreModuleGoesToItsOwnParameters() throws IOException {
        corpus("params/002-modinfo-nvidia-590-open.txt");
        assertThat(o.uvm()).isEmpty();
        assertThat(o.nvidia()).containsOnlyKeys("NvSwitchRegDwords", "NvSwitchBlacklist", "NVreg_ResmanDebugLevel",
            "NVreg_RmLogonRC", "NVreg_ModifyDeviceFiles", "NVreg_DeviceFileUID", "NVreg_DeviceFileGID", "NVreg_DeviceFileMode");
        assertThat(o.nvidia().get("NvSwitchRegDwords").declaredType()).isEqualTo("charp");
        assertThat(o.driver().version()).isEqualTo(DriverVersion.of("590.44.01"));
        assertThat(o.diagnostics()).isEmpty();
    }

    @Test
    void procDriverNvidiaParams384() throws IOException {
        assertThat(corpus("params/006-proc-driver-nvidia-params-384.txt")).isEqualTo(23);
        assertThat(o.nvidia()).hasSize(23);
        assertThat(o.nvidia().get("DeviceFileMode").value()).isEqualTo("438");
        assertThat(o.nvidia().get("RegistryDwords").value()).isEmpty();
        assertThat(o.diagnostics()).isEmpty();
    }

    @Test
    void bugReportSectionsGiveTheDriverAndTheCoreParameters() throws IOException {
        corpus("bug-report/001-proc-driver-nvidia-sections-440-4gpu.txt");
        assertThat(o.driver()).isEqualTo(new DriverInfo(DriverVersion.of("440.31"), Arch.x86_64, null, false, null,
            "bug-report/001-proc-driver-nvidia-sections-440-4gpu.txt:5"));
        assertThat(o.nvidia()).hasSize(32);
        assertThat(o.nvidia().get("TemporaryFilePath").location())
            .isEqualTo("bug-report/001-proc-driver-nvidia-sections-440-4gpu.txt:136");
        assertThat(o.uvm()).isEmpty();
        assertThat(o.diagnostics()).isEmpty();
    }

    @Test
    void bugReportSectionsWithoutParametersAreNotErrors() throws IOException {
        assertThat(corpus("bug-report/002-header-440-sdu-dpai-turing-1.txt")).isZero();
        assertThat(corpus("bug-report/003-kernlog-scan-section-start-430-to-xid.txt")).isZero();
        assertThat(o.driver().version()).as("an old kernel-log banner is not the running driver").isNull();
        assertThat(o.diagnostics()).isEmpty();
    }

    @Test
    void promptsAroundPastedOutputAreSkipped() throws IOException {
        assertThat(corpus("procfs/004-driver-version-open-515-truncated-by-poster.txt")).isEqualTo(3);
        assertThat(o.driver().version()).isEqualTo(DriverVersion.of("515.43.04"));
        assertThat(o.driver().open()).isTrue();
        assertThat(o.diagnostics()).isEmpty();
    }

    @Test
    void sysfsGrepOutput() throws IOException {
        text("/sys/module/nvidia_uvm/parameters/uvm_disable_hmm:Y\n"
            + "/sys/module/nvidia_uvm/parameters/uvm_page_table_location:(null)\n"
            + "/sys/module/nvidia_uvm/version:580.95.05\n"
            + "/sys/module/nvidia_uvm/refcnt:2\n"
            + "/sys/module/nvidia/parameters/NVreg_EnableGpuFirmware:18\n");
        assertThat(o.uvm()).containsOnlyKeys("uvm_disable_hmm", "uvm_page_table_location");
        assertThat(o.uvm().get("uvm_disable_hmm")).isEqualTo(new ObservedValue("uvm_disable_hmm", "Y", null, "t", 1));
        assertThat(o.uvm().get("uvm_page_table_location").value()).isEqualTo("(null)");
        assertThat(o.nvidia().get("NVreg_EnableGpuFirmware").value()).isEqualTo("18");
        assertThat(o.driver().version()).isEqualTo(DriverVersion.of("580.95.05"));
        assertThat(o.diagnostics()).isEmpty();
    }

    @Test
    void modinfoOfAnotherModuleIsADiagnosticAndNothingElse() throws IOException {
        text("filename:       /lib/modules/6.8.0/kernel/drivers/gpu/drm/nouveau/nouveau.ko.zst\n"
            + "license:        Dual MIT/GPL\n"
            + "name:           nouveau\n"
            + "parm:           modeset:enable driver (default: auto, 0 = disabled, 1 = enabled, 2 = headless) (int)\n");
        assertThat(o.uvm()).isEmpty();
        assertThat(o.nvidia()).isEmpty();
        assertThat(o.diagnostics()).extracting(Diagnostic::toString)
            .containsExactly("t:3: modinfo of module 'nouveau', not nvidia-uvm or nvidia: its parameters are not read");
    }

    @Test
    void brokenAndTruncatedLinesGiveOneDiagnosticEachAndTheRestIsKept() throws IOException {
        text("filename:       /lib/modules/x/nvidia-uvm.ko\n"
            + "parm:           uvm_ats_mode\n"
            + "\u0000\u0001\u00ff garbage\n"
            + "parm:           uvm_perf_prefetch_enable:uint\n"
            + "parm:           uvm_perf_prefetch_thres");
        assertThat(o.uvm()).containsOnlyKeys("uvm_perf_prefetch_enable");
        assertThat(o.diagnostics()).extracting(Diagnostic::toString).containsExactly(
            "t:2: modinfo 'parm:' line without 'name:' before its description",
            "t:3: binary data, not text",
            "t:5: modinfo 'parm:' line without 'name:' before its description");
    }

    @Test
    void emptyAndGarbageInputsAreRecognisedAsNothing() throws IOException {
        assertThat(text("")).isZero();
        assertThat(o.diagnostics()).isEmpty();
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            garbage.append("random words ").append(i).append('\n');
        }
        assertThat(text(garbage.toString())).isZero();
        assertThat(o.diagnostics()).hasSize(ParamsTextParser.MAX_UNRECOGNISED + 1);
        assertThat(o.diagnostics().get(ParamsTextParser.MAX_UNRECOGNISED).toString())
            .isEqualTo("t: 10 more lines were not recognised either");
    }

    @Test
    void aHugeLineIsCutAndReportedAndTheNextLineIsRead() throws IOException {
        text("/sys/module/nvidia_uvm/parameters/uvm_page_table_location:" + "x".repeat(2 << 20) + "\n"
            + "/sys/module/nvidia_uvm/parameters/uvm_disable_hmm:N\n");
        assertThat(o.uvm()).containsOnlyKeys("uvm_disable_hmm");
        assertThat(o.diagnostics()).extracting(Diagnostic::toString)
            .containsExactly("t:1: line longer than 1048576 bytes: cut, not read");
    }

    @Test
    void crlfAndMixedFormatsInOneFile() throws IOException {
        text("$ cat /proc/driver/nvidia/version\r\n"
            + "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build  (b)  d\r\n"
            + "$ grep . /sys/module/nvidia_uvm/parameters/uvm_disable_hmm\r\n"
            + "/sys/module/nvidia_uvm/parameters/uvm_disable_hmm:Y\r\n");
        assertThat(o.driver().version()).isEqualTo(DriverVersion.of("580.95.05"));
        assertThat(o.uvm().get("uvm_disable_hmm").value()).isEqualTo("Y");
        assertThat(o.diagnostics()).isEmpty();
    }

    /** A pasted modprobe.d file: its commands are recognised, its options are configured values from that file and line. */
    @Test
    void aModprobeDFileIsReadForWhatItConfigures() throws IOException {
        assertThat(corpus("params/004-modprobe-d-nixos-softdep-uvm.txt")).as("three blacklists and a softdep").isEqualTo(4);
        assertThat(o.configured()).isEmpty();
        assertThat(o.diagnostics()).isEmpty();
        assertThat(text("options nvidia-uvm uvm_disable_hmm=1 uvm_perf_prefetch_enable\noptions nvidia_uvm\nfrobnicate nvidia_uvm x=1\n"))
            .isEqualTo(2);
        assertThat(o.configured()).extracting(ConfiguredValue::module, ConfiguredValue::name, ConfiguredValue::value, ConfiguredValue::line)
            .containsExactly(tuple("nvidia_uvm", "uvm_disable_hmm", "1", 1L),
                tuple("nvidia_uvm", "uvm_perf_prefetch_enable", null, 1L));
        assertThat(o.diagnostics()).extracting(Diagnostic::line).containsExactly(3L);
        assertThat(o.configurationRead()).as("one file is not the whole configuration").isFalse();
        ParamsObservation documented = new ParamsObservation();
        String conf = "corpus-more/params/001-cuda-release-notes-uvm-conf-disable-hmm.txt";
        try (InputStream in = Files.newInputStream(Golden.resource(conf))) {
            assertThat(ParamsTextParser.parse(in, conf, documented)).isEqualTo(1);
        }
        assertThat(documented.configured()).containsExactly(new ConfiguredValue("nvidia_uvm", "uvm_disable_hmm", "1", conf, 1));
    }
}
