package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every sample of the corpus (src/test/resources/corpus, real inputs that users posted, kept
 * byte for byte) read to the records it holds, and the samples of corpus-more (its README says which
 * are real excerpts and which were written from format strings). Diagnostics are expected only
 * for the lines src/test/resources/corpus/INDEX.md says the poster added or cut: the '...' elision of xid/016,
 * the '**' marks and the cut-off last line of uvm-log/004.
 */
class CorpusTest {

    private static void check(String path, List<String> records, List<String> diagnostics) {
        Recorded r = Recorded.resource(path);
        assertThat(Describe.all(r.records)).as(path).containsExactlyElementsOf(records);
        assertThat(r.diagnostics).extracting(Object::toString).as(path).containsExactlyElementsOf(diagnostics);
    }

    @Test
    void corpusBugReport001ProcDriverNvidiaSections4404gpu() {
        check("corpus/bug-report/001-proc-driver-nvidia-sections-440-4gpu.txt", List.of(),
            List.of());
    }

    @Test
    void corpusBugReport002Header440SduDpaiTuring1() {
        check("corpus/bug-report/002-header-440-sdu-dpai-turing-1.txt", List.of(),
            List.of());
    }

    @Test
    void corpusBugReport003KernlogScanSectionStart430ToXid() {
        check("corpus/bug-report/003-kernlog-scan-section-start-430-to-xid.txt", List.of(
            "driver-load L12 [/var/log/kern.log] nvidia-nvlink major=235",
            "driver-load L13 [/var/log/kern.log] nvidia version=430.50 open=false",
            "uvm-load L14 [/var/log/kern.log] nvidia-uvm major=511 mode=8",
            "driver-load L15 [/var/log/kern.log] nvidia-modeset version=430.50 open=false",
            "driver-load L16 [/var/log/kern.log] nvidia-drm gpuId=0x00000200",
            "gpu-info L17 [/var/log/kern.log] gpu=0000:02:00.0 minor=1",
            "driver-load L18 [/var/log/kern.log] nvidia-drm gpuId=0x00000300",
            "gpu-info L19 [/var/log/kern.log] gpu=0000:03:00.0 minor=2",
            "driver-load L20 [/var/log/kern.log] nvidia-drm gpuId=0x00008300",
            "gpu-info L21 [/var/log/kern.log] gpu=0000:83:00.0 minor=3",
            "driver-load L22 [/var/log/kern.log] nvidia-drm gpuId=0x00008400",
            "gpu-info L23 [/var/log/kern.log] gpu=0000:84:00.0 minor=4",
            "driver-unload L24 [/var/log/kern.log] nvidia-drm gpuId=0x00008400",
            "driver-unload L25 [/var/log/kern.log] nvidia-drm gpuId=0x00008300",
            "driver-unload L26 [/var/log/kern.log] nvidia-drm gpuId=0x00000300",
            "driver-unload L27 [/var/log/kern.log] nvidia-drm gpuId=0x00000200",
            "driver-unload L28 [/var/log/kern.log] nvidia-modeset",
            "uvm-unload L29 [/var/log/kern.log] nvidia-uvm mode=8",
            "driver-unload L30 [/var/log/kern.log] nvidia-nvlink major=235",
            "driver-load L31 [/var/log/kern.log] nvidia-nvlink major=235",
            "driver-load L32 [/var/log/kern.log] nvidia version=430.50 open=false",
            "driver-load L33 [/var/log/kern.log] nvidia-modeset version=430.50 open=false",
            "driver-load L34 [/var/log/kern.log] nvidia-drm gpuId=0x00000200",
            "gpu-info L35 [/var/log/kern.log] gpu=0000:02:00.0 minor=1",
            "driver-load L36 [/var/log/kern.log] nvidia-drm gpuId=0x00000300",
            "gpu-info L37 [/var/log/kern.log] gpu=0000:03:00.0 minor=2",
            "driver-load L38 [/var/log/kern.log] nvidia-drm gpuId=0x00008300",
            "gpu-info L39 [/var/log/kern.log] gpu=0000:83:00.0 minor=3",
            "driver-load L40 [/var/log/kern.log] nvidia-drm gpuId=0x00008400",
            "gpu-info L41 [/var/log/kern.log] gpu=0000:84:00.0 minor=4",
            "driver-message L42 [/var/log/kern.log] NVRM",
            "uvm-load L43 [/var/log/kern.log] nvidia-uvm major=511 mode=8",
            "gpu-info L44-45 [/var/log/kern.log] gpu=0000:03:00.0 uuid=GPU-cdf24e17-1c00-eee5-6474-a217091f12ec",
            "xid L46 [/var/log/kern.log] gpu=0000:03:00.0 pid=10635 code=13 uuid=GPU-cdf24e17-1c00-eee5-6474-a217091f12ec",
            "xid L47 [/var/log/kern.log] gpu=0000:03:00.0 pid=10635 code=13 uuid=GPU-cdf24e17-1c00-eee5-6474-a217091f12ec esr=4",
            "xid L48 [/var/log/kern.log] gpu=0000:03:00.0 pid=10635 code=13 uuid=GPU-cdf24e17-1c00-eee5-6474-a217091f12ec",
            "xid L49 [/var/log/kern.log] gpu=0000:03:00.0 pid=10635 code=13 uuid=GPU-cdf24e17-1c00-eee5-6474-a217091f12ec",
            "xid L50 [/var/log/kern.log] gpu=0000:03:00.0 pid=10635 code=13 uuid=GPU-cdf24e17-1c00-eee5-6474-a217091f12ec esr=4",
            "xid L51 [/var/log/kern.log] gpu=0000:03:00.0 pid=10635 code=13 uuid=GPU-cdf24e17-1c00-eee5-6474-a217091f12ec",
            "xid L52 [/var/log/kern.log] gpu=0000:03:00.0 pid=10635 code=13 uuid=GPU-cdf24e17-1c00-eee5-6474-a217091f12ec esr=4"),
            List.of());
    }

    @Test
    void corpusUvmLog001CalltraceUvmReleaseExitMmapNvtrust() {
        check("corpus/uvm-log/001-calltrace-uvm-release-exit-mmap-nvtrust.txt", List.of(
            "call-trace L1-29 trace frames=29 nvidia=4 activity=va_space teardown"),
            List.of());
    }

    @Test
    void corpusUvmLog002GpfStackdumpUvmThreadContextK8s() {
        check("corpus/uvm-log/002-gpf-stackdump-uvm-thread-context-k8s.txt", List.of(
            "call-trace L1-16 trace frames=3 nvidia=3 activity=ioctl"),
            List.of());
    }

    @Test
    void corpusUvmLog004UvmLoadedThenNullDeref375() {
        check("corpus/uvm-log/004-uvm-loaded-then-null-deref-375.txt", List.of(
            "driver-message L1 kernel",
            "driver-message L3 kernel",
            "driver-message L4 gpu=25bed32b:00:00.0 nvidia",
            "driver-message L5 gpu=25bed32b:00:00.0 nvidia",
            "driver-load L6 nvidia-nvlink major=246",
            "driver-load L7 nvidia version=375.51 open=false",
            "driver-load L9 nvidia-modeset version=375.51 open=false",
            "driver-load L10 nvidia-drm gpuId=0xd32b0000",
            "uvm-load L11 nvidia-uvm major=245 mode=8",
            "call-trace L12-13 bug ip=_nv011745rm frames=0 nvidia=0"),
            List.of("004-uvm-loaded-then-null-deref-375.txt:12: text added around a log line ('**')", "004-uvm-loaded-then-null-deref-375.txt:13: frame '_nv011745rm' without its '[nvidia]' module name: the line is cut off"));
    }

    @Test
    void corpusUvmLog006NvidiaUvmUnderscoreLoadedThenOopsSyslog2016() {
        check("corpus/uvm-log/006-nvidia_uvm-underscore-loaded-then-oops-syslog-2016.txt", List.of(
            "uvm-load L1 nvidia_uvm major=247",
            "call-trace L2-7 pid=1216 process=python bug ip=_nv002815rm [nvidia] frames=0 nvidia=0"),
            List.of());
    }

    @Test
    void corpusUvmLog008430BootUvmLoadedIn8Mode() {
        check("corpus/uvm-log/008-430-boot-uvm-loaded-in-8-mode.txt", List.of(
            "driver-load L1 nvidia-nvlink major=236",
            "driver-load L2 nvidia version=430.50 open=false",
            "driver-load L3 nvidia-modeset version=430.50 open=false",
            "driver-load L4 nvidia-drm gpuId=0x00000200",
            "gpu-info L5 gpu=0000:02:00.0 minor=1",
            "driver-load L6 nvidia-drm gpuId=0x00000300",
            "gpu-info L7 gpu=0000:03:00.0 minor=2",
            "driver-load L8 nvidia-drm gpuId=0x00008300",
            "gpu-info L9 gpu=0000:83:00.0 minor=3",
            "driver-load L10 nvidia-drm gpuId=0x00008400",
            "gpu-info L11 gpu=0000:84:00.0 minor=4",
            "uvm-load L12 nvidia-uvm major=234 mode=8"),
            List.of());
    }

    @Test
    void corpusUvmLog010NullDerefRawQFlushUvmSuspendTrimmed() {
        check("corpus/uvm-log/010-null-deref-raw-q-flush-uvm-suspend-trimmed.txt", List.of(
            "call-trace L1-10 bug ip=_raw_q_flush [nvidia_uvm] frames=6 nvidia=6 activity=suspend/resume"),
            List.of());
    }

    @Test
    void corpusXid001FallenOffBusMultiline570() {
        check("corpus/xid/001-fallen-off-bus-multiline-570.txt", List.of(
            "gpu-lost L1-3 gpu=0000:b3:00.0 probe pciId=10de:26b5",
            "gpu-failure L4 probe-failed devices=1",
            "driver-load L5 nvidia version=570.158.01 open=true"),
            List.of());
    }

    @Test
    void corpusXid002Xid316245CascadeChia() {
        check("corpus/xid/002-xid31-62-45-cascade-chia.txt", List.of(
            "gpu-info L1 gpu=0000:0a:00.0 uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de",
            "xid L2 gpu=0000:0a:00.0 pid=13332 process=cuda_plot_k32_v code=31 uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de ch=16 mmu=CE2/HUBCLIENT_CE0/FAULT_PRIV_VIOLATION/ACCESS_TYPE_VIRT_READ@0x7f295b8c9000",
            "xid L3 gpu=0000:0a:00.0 code=62 pidText='<unknown>' uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de",
            "xid L4 gpu=0000:0a:00.0 code=45 pidText='<unknown>' uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de ch=8",
            "xid L5 gpu=0000:0a:00.0 code=45 pidText='<unknown>' uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de ch=9",
            "xid L7 gpu=0000:0a:00.0 code=45 pidText='<unknown>' uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de ch=10",
            "xid L8 gpu=0000:0a:00.0 code=45 pidText='<unknown>' uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de ch=11",
            "xid L9 gpu=0000:0a:00.0 code=45 pidText='<unknown>' uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de ch=12",
            "xid L10 gpu=0000:0a:00.0 code=45 pidText='<unknown>' uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de ch=13",
            "xid L11 gpu=0000:0a:00.0 code=45 pidText='<unknown>' uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de ch=14",
            "xid L12 gpu=0000:0a:00.0 code=45 pidText='<unknown>' uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de ch=15"),
            List.of());
    }

    @Test
    void corpusXid003Xid31ChromeFaultPte() {
        check("corpus/xid/003-xid31-chrome-fault-pte.txt", List.of(
            "gpu-info L1 gpu=0000:08:00.0 uuid=GPU-UID",
            "xid L2 gpu=0000:08:00.0 pid=169800 process=chrome code=31 uuid=GPU-UID ch=35 mmu=CE0/HUBCLIENT_HSCE0/FAULT_PTE/ACCESS_TYPE_VIRT_READ@0xabe0000",
            "xid L3 gpu=0000:08:00.0 pid=174421 process=chrome code=31 uuid=GPU-UID ch=35 mmu=CE0/HUBCLIENT_HSCE0/FAULT_PTE/ACCESS_TYPE_VIRT_READ@0xabe0000"),
            List.of());
    }

    @Test
    void corpusXid004Xid31JournalctlHostCpuPde() {
        check("corpus/xid/004-xid31-journalctl-host-cpu-pde.txt", List.of(
            "gpu-info L1 gpu=0000:c1:00.0 uuid=GPU-<uuid redacted>",
            "xid L2 gpu=0000:c1:00.0 pid=12890 code=31 uuid=GPU-<uuid redacted> ch=59 mmu=HOST0/HUBCLIENT_HOST_CPU/FAULT_PDE/ACCESS_TYPE_VIRT_WRITE@0x10c3c0000",
            "xid L3 gpu=0000:c1:00.0 pid=12890 code=31 uuid=GPU-<uuid redacted> ch=62 mmu=GRAPHICS/HUBCLIENT_SCC/FAULT_PTE/ACCESS_TYPE_VIRT_READ@0x18c710000"),
            List.of());
    }

    @Test
    void corpusXid006Xid13SyslogIllegalInstructionRelion() {
        check("corpus/xid/006-xid13-syslog-illegal-instruction-relion.txt", List.of(
            "xid L1 gpu=0000:41:00.0 code=13 esr=4",
            "xid L2 gpu=0000:41:00.0 code=13",
            "xid L3 gpu=0000:41:00.0 code=13",
            "xid L4 gpu=0000:41:00.0 code=13 esr=4",
            "xid L5 gpu=0000:41:00.0 code=13",
            "xid L6 gpu=0000:41:00.0 code=13",
            "xid L7 gpu=0000:41:00.0 code=13 esr=4",
            "xid L8 gpu=0000:41:00.0 code=13"),
            List.of());
    }

    @Test
    void corpusXid007Xid13EsrBurstA800Vllm() {
        check("corpus/xid/007-xid13-esr-burst-a800-vllm.txt", List.of(
            "xid L1 gpu=0000:43:00.0 code=13 pidText='<unknown>' esr=4",
            "xid L2 gpu=0000:43:00.0 code=13 pidText='<unknown>' esr=4",
            "xid L3 gpu=0000:43:00.0 code=13 pidText='<unknown>' esr=4",
            "xid L4 gpu=0000:43:00.0 code=13 pidText='<unknown>' esr=4",
            "xid L5 gpu=0000:43:00.0 code=13 pidText='<unknown>' esr=4",
            "xid L6 gpu=0000:43:00.0 code=13 pidText='<unknown>' esr=4"),
            List.of());
    }

    @Test
    void corpusXid010Xid11945sTalosRemoteSyslogA100() {
        check("corpus/xid/010-xid119-45s-talos-remote-syslog-a100.txt", List.of(
            "driver-message L1-6 NVRM details=5",
            "gpu-failure L7 gsp-timeout rpc=GspRpc[timeoutSeconds=null, function=76, functionName=null, sequence=4127]",
            "xid L8 gpu=0000:0b:00.0 pid=11431 process=gpu-feature-dis code=119 rpc=GspRpc[timeoutSeconds=45, function=76, functionName=GSP_RM_CONTROL, sequence=4128]"),
            List.of());
    }

    @Test
    void corpusXid012AfterXid79RminitadapterFailedLoop() {
        check("corpus/xid/012-after-xid79-rminitadapter-failed-loop.txt", List.of(
            "gpu-failure L1 gpu=0000:09:00.0 init-failed minor=0",
            "gpu-failure L4-5 gpu=0000:09:00.0 init-failed code=0x22:0x56:894 minor=0 details=2",
            "gpu-failure L8-9 gpu=0000:09:00.0 init-failed code=0x22:0x56:894 minor=0 details=2"),
            List.of());
    }

    @Test
    void corpusXid014BugreportXid32Xid31UnsupportedKind() {
        check("corpus/xid/014-bugreport-xid32-xid31-unsupported-kind.txt", List.of(
            "xid L1 gpu=0000:03:00.0 pid=17206 code=32 ch=34",
            "xid L2 gpu=0000:03:00.0 pid=17206 code=32 ch=34",
            "xid L3 gpu=0000:03:00.0 pid=17206 code=32 ch=25",
            "xid L4 gpu=0000:03:00.0 pid=17206 code=32 ch=25",
            "xid L5 gpu=0000:03:00.0 pid=17206 code=31 ch=3 mmu=HOST9/HUBCLIENT_HOST/FAULT_INFO_TYPE_UNSUPPORTED_KIND/ACCESS_TYPE_VIRT_READ@0x101700000",
            "xid L9 gpu=0000:03:00.0 pid=6193 code=32 ch=5",
            "xid L10 gpu=0000:03:00.0 pid=6193 code=32 ch=5"),
            List.of());
    }

    @Test
    void corpusXid016Xid31Then1332WithEllipsisDxvk() {
        check("corpus/xid/016-xid31-then-13-32-with-ellipsis-dxvk.txt", List.of(
            "gpu-info L1 gpu=0000:01:00.0 uuid=GPU-8a47641b-dff6-f09f-618c-c3eb58fb430d",
            "xid L2 gpu=0000:01:00.0 code=31 uuid=GPU-8a47641b-dff6-f09f-618c-c3eb58fb430d ch=58 mmu=GRAPHICS/GPCCLIENT_T1_3/FAULT_PDE/ACCESS_TYPE_READ@0x1700592000",
            "xid L4 gpu=0000:01:00.0 code=13 uuid=GPU-8a47641b-dff6-f09f-618c-c3eb58fb430d",
            "xid L5 gpu=0000:01:00.0 code=13 uuid=GPU-8a47641b-dff6-f09f-618c-c3eb58fb430d esr=1",
            "xid L6 gpu=0000:01:00.0 code=13 uuid=GPU-8a47641b-dff6-f09f-618c-c3eb58fb430d esr=1",
            "xid L7 gpu=0000:01:00.0 code=13 uuid=GPU-8a47641b-dff6-f09f-618c-c3eb58fb430d ch=82",
            "xid L8 gpu=0000:01:00.0 code=32 uuid=GPU-8a47641b-dff6-f09f-618c-c3eb58fb430d ch=82"),
            List.of("016-xid31-then-13-32-with-ellipsis-dxvk.txt:3: '...' where lines were left out: the log is incomplete here"));
    }

    @Test
    void corpusXid017Xid31NewChannelFormat595Open() {
        check("corpus/xid/017-xid31-new-channel-format-595-open.txt", List.of(
            "driver-load L1 nvidia version=595.71.05 open=true",
            "gpu-info L2-3 gpu=0000:01:00.0 uuid=GPU-4e391288-897c-ba5d-6944-dfbea55ebcfa serial=0",
            "xid L4 gpu=0000:01:00.0 pid=13705 process=UnrealEditor code=31 uuid=GPU-4e391288-897c-ba5d-6944-dfbea55ebcfa ch=12 mmu=GRAPHICS/GPC2/GPCCLIENT_PROP_0/FAULT_PDE/ACCESS_TYPE_VIRT_READ@0x0"),
            List.of());
    }

    @Test
    void corpusXid019Xid79SerialCrashDumpMultilineH100() {
        check("corpus/xid/019-xid79-serial-crash-dump-multiline-h100.txt", List.of(
            "gpu-info L1-2 gpu=0000:5d:00.0 uuid=GPU-f1906b9b-557a-e961-045c-9fe4be3ce012 serial=1653923026510",
            "xid L3 gpu=0000:5d:00.0 code=79 pidText='<unknown>' uuid=GPU-f1906b9b-557a-e961-045c-9fe4be3ce012",
            "gpu-lost L4-5 gpu=0000:5d:00.0 runtime serial=1653923026510",
            "driver-message L6-8 NVRM"),
            List.of());
    }

    @Test
    void more001P100ReloadTaintNvlinkUnregistered535() {
        check("corpus-more/kernel/001-p100-reload-taint-nvlink-unregistered-535.txt", List.of(
            "driver-message L3 kernel",
            "driver-message L4 kernel",
            "driver-message L5 kernel",
            "driver-load L6 nvidia-nvlink major=508",
            "driver-load L7 nvidia-modeset version=535.86.10 open=false",
            "driver-load L8 nvidia-drm gpuId=0x00000300",
            "gpu-info L9 gpu=0000:03:00.0 minor=1",
            "driver-unload L12 nvidia-drm gpuId=0x00000300",
            "driver-unload L13 nvidia-modeset",
            "driver-unload L14 nvidia-nvlink major=508",
            "driver-load L15 nvidia-nvlink major=508",
            "driver-message L16 kernel",
            "uvm-load L17 nvidia-uvm major=506",
            "driver-load L18 nvidia-modeset version=535.86.10 open=false",
            "driver-load L19 nvidia-drm gpuId=0x00000300",
            "gpu-info L20 gpu=0000:03:00.0 minor=1",
            "driver-unload L21 nvidia-drm gpuId=0x00000300",
            "driver-unload L22 nvidia-modeset",
            "uvm-unload L23 nvidia-uvm",
            "driver-unload L24 nvidia-nvlink major=508",
            "driver-load L25 nvidia-nvlink major=508",
            "driver-load L26 nvidia-modeset version=535.86.10 open=false",
            "driver-load L27 nvidia-drm gpuId=0x00000300",
            "gpu-info L28 gpu=0000:03:00.0 minor=1",
            "driver-message L29 kernel",
            "uvm-load L30 nvidia-uvm major=506"),
            List.of());
    }

    @Test
    void more002EksTaintSymbolNamed535() {
        check("corpus-more/kernel/002-eks-taint-symbol-named-535.txt", List.of(
            "driver-message L1 kernel",
            "driver-message L2 kernel",
            "driver-message L3 kernel",
            "driver-load L4 nvidia-nvlink major=244",
            "driver-load L5 nvidia-modeset version=535.104.12 open=false",
            "driver-load L6 nvidia-drm gpuId=0x0000001e",
            "gpu-info L7 gpu=0000:00:1e.0 minor=0",
            "driver-message L8 kernel",
            "uvm-load L9 nvidia-uvm major=242"),
            List.of());
    }

    @Test
    void more003Gpu0AssertRpcFree590() {
        check("corpus-more/kernel/003-gpu0-assert-rpc-free-590.txt", List.of(
            "driver-error L1 assert",
            "driver-message L2 NVRM",
            "driver-message L3 NVRM",
            "driver-error L4 assert",
            "driver-error L5 assert",
            "driver-error L6 assert",
            "driver-message L7 NVRM",
            "driver-message L8 NVRM"),
            List.of());
    }

    @Test
    void more004NvassertNvcheckCcTdx() {
        check("corpus-more/kernel/004-nvassert-nvcheck-cc-tdx.txt", List.of(
            "driver-error L2 assert",
            "driver-error L3 assert",
            "driver-error L4 assert",
            "driver-message L5 NVRM"),
            List.of());
    }

    @Test
    void more005NvassertOldPrefixSyslog515() {
        check("corpus-more/kernel/005-nvassert-old-prefix-syslog-515.txt", List.of(
            "driver-error L2 assert",
            "driver-error L4 assert",
            "driver-error L6 assert",
            "driver-error L8 assert"),
            List.of());
    }

    @Test
    void more006HmmDevmemInitFailed580() {
        check("corpus-more/kernel/006-hmm-devmem-init-failed-580.txt", List.of(
            "boot L1 banner kernel=6.8.0-49-generic",
            "driver-load L2 nvidia version=580.95.05 open=true",
            "uvm-print L3 pid=1893 long error at=uvm_pmm_gpu.c:3214 devmem_alloc_pagemap text=request_free_mem_region() err -34",
            "uvm-print L4 pid=1893 long error at=uvm_gpu.c:1489 init_parent_gpu status=NV_ERR_NO_MEMORY text=failed to intialize device private memory: Out of memory [NV_ERR_NO_MEMORY], GPU ID 1: NVIDIA H100 80GB HBM3: GPU-6a2b3c4d-1111-2222-3333-444455556666"),
            List.of());
    }

    @Test
    void more007HypervXid7932bitDomain535() {
        check("corpus-more/kernel/007-hyperv-xid79-32bit-domain-535.txt", List.of(
            "driver-message L2 gpu=7a3c01f2:00:00.0 nvidia",
            "driver-load L3 nvidia version=535.183.01 open=false",
            "gpu-info L4-5 gpu=7a3c01f2:00:00.0 uuid=GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9 serial=1654922008375",
            "xid L6 gpu=7a3c01f2:00:00.0 code=79 pidText='<unknown>' uuid=GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
            "gpu-lost L7-8 gpu=7a3c01f2:00:00.0 runtime serial=1654922008375"),
            List.of());
    }

    /** A dmesg --ctime block quoted with "> " in a README (Markdown): read as the lines inside the quote. */
    @Test
    void more008QuotedDmesgCtimeXid13And109() {
        check("corpus-more/kernel/008-quoted-dmesg-ctime-xid13-109-gpud-readme.txt", List.of(
            "xid L2 gpu=0000:cb:00.0 code=13 pidText='<unknown>'",
            "xid L3 gpu=0000:cb:00.0 code=13 pidText='<unknown>'",
            "xid L4 gpu=0000:cb:00.0 code=13 pidText='<unknown>' esr=4",
            "xid L5 gpu=0000:cb:00.0 pid=1797828 process=pt_main_thread code=109 ch=8"),
            List.of());
        assertThat(Recorded.resource("corpus-more/kernel/008-quoted-dmesg-ctime-xid13-109-gpud-readme.txt").records.get(3).origin().wall())
            .hasToString("2024-08-30T11:43:14");
    }

    /**
     * dmesg -x --time-format iso of lines a fault injector wrote to /dev/kmsg with facility
     * syslog: read (facility, level, time), and not the kernel's, so no Xid record.
     */
    @Test
    void more009DmesgXIsoSyslogFacilityIsNoKernelLine() {
        Recorded r = Recorded.resource("corpus-more/kernel/009-dmesg-x-iso-syslog-facility-injected-xid79-gpud.txt");
        assertThat(r.records).isEmpty();
        assertThat(r.diagnostics).isEmpty();
        assertThat(r.streams.get(0).formats()).containsExactly(LineFormat.DMESG_DECODED);
        assertThat(KernelLogReader.unreadable(r.streams)).isNull();
    }
}
