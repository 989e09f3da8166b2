package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The driver's own lines in the forms each release prints (open-gpu-kernel-modules sources named per test). */
class DriverLinesTest {
    /** What {@link DriverLines#hasErrorWord} replaced; it must agree everywhere. */
    private static final Pattern ERROR_WORDS = Pattern.compile(
        "(?i)(?:fail|error|stuck|timed? ?out|invalid|mismatch|cannot|unable|fatal|leak)");

    @Test
    void errorWordsAgreeWithTheExpressionTheyReplaced() {
        List<String> seeds = List.of("Failed to", "ERROR", "stuck", "TimeOut", "time out", "timed out", "timedout",
            "timed  out", "timeD out", "tim out", "invaliD", "mismatch", "CANNOT", "unable", "Fatal", "LeaK", "fai",
            "erro", "tim", "timeo", "timed", "uvm_va_block.c:123 uvm_va_block_make_resident[pid:5] ok", "é", "");
        for (String seed : seeds) {
            assertThat(DriverLines.hasErrorWord(seed)).as(seed).isEqualTo(ERROR_WORDS.matcher(seed).find());
        }
        Random random = new Random(7);
        String alphabet = "failerorstuckimedoutnvalidsmchbaeFAILTIMEDOUT  é";
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int k = random.nextInt(8); k > 0; k--) {
                text.insert(random.nextInt(text.length() + 1), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            assertThat(DriverLines.hasErrorWord(t)).as(t).isEqualTo(ERROR_WORDS.matcher(t).find());
        }
    }

    private static Recorded dmesg(String... lines) {
        StringBuilder b = new StringBuilder();
        long t = 100_000_000;
        for (String l : lines) {
            b.append(String.format(java.util.Locale.ROOT, "[%5d.%06d] %s%n", t / 1_000_000, t % 1_000_000, l));
            t += 1;
        }
        return Recorded.read("dmesg", b.toString());
    }

    @Test
    void xidFormsOfEveryRelease() {
        // kernel_rc.c: 515.43.04..565.77 always print pid and name; 570.86.15+ omit them when no
        // process is known; MIG instances add GPU-I / GPU-CI; 570.123.01+ add "caused by".
        Recorded r = dmesg(
            "NVRM: Xid (PCI:0000:3b:00 GPU-I:01 GPU-CI:02): 31, pid=4711, name=python3, channel 0x00000010, intr 00000000. "
                + "MMU Fault: ENGINE GRAPHICS GPC0 GPCCLIENT_T1_0 faulted @ 0x7fff_00000000. Fault is of type FAULT_PTE ACCESS_TYPE_VIRT_WRITE",
            "NVRM: Xid (PCI:0000:3b:00 GPU-I:03): 45, pid=N/A, name=N/A, Ch 00000008",
            "NVRM: Xid (PCI:0000:3b:00): 45, Ch 00000009 caused by previous Xid 31",
            "NVRM: Xid (PCI:0000:3b:00): 154, GPU recovery action changed from 0x0 (None) to 0x1 (GPU Reset Required)",
            "NVRM: Xid (PCI:0000:3b:00): 108, pid=1, name=x, NVLink remote translation error: faulted @ 0x1_00000000. Fault is of type A B",
            "NVRM: Xid (PCI:0000:3b:00): 119, pid=2357, name=nv-hostengine, Timeout waiting for RPC from GPU0 GSP! "
                + "Expected function 76 (GSP_RM_CONTROL) (0x90cc0301 0xc).");
        assertThat(r.diagnostics).isEmpty();
        assertThat(Describe.all(r.records)).containsExactly(
            "xid L1 gpu=0000:3b:00.0 pid=4711 process=python3 code=31 gi=1 ci=2 ch=16 "
                + "mmu=GRAPHICS/GPC0/GPCCLIENT_T1_0/FAULT_PTE/ACCESS_TYPE_VIRT_WRITE@0x7fff00000000",
            "xid L2 gpu=0000:3b:00.0 code=45 pidText=N/A gi=3 ch=8",
            "xid L3 gpu=0000:3b:00.0 code=45 ch=9 causedBy=31",
            "xid L4 gpu=0000:3b:00.0 code=154 recovery=GPU Reset Required",
            "xid L5 gpu=0000:3b:00.0 pid=1 process=x code=108 unknown",
            "xid L6 gpu=0000:3b:00.0 pid=2357 process=nv-hostengine code=119 "
                + "rpc=GspRpc[timeoutSeconds=null, function=76, functionName=GSP_RM_CONTROL, sequence=null]");
        XidRecord caused = (XidRecord) r.records.get(2);
        assertThat(caused.text()).isEqualTo("Ch 00000009");
        XidRecord unknown = (XidRecord) r.records.get(4);
        assertThat(unknown.catalog()).isNull();
        assertThat(unknown.needsAttention()).isTrue();
    }

    @Test
    void anXidLineThatCannotBeReadIsOneDiagnostic() {
        Recorded r = dmesg("NVRM: Xid (PCI:0000:3b:00): thirteen, pid=1", "NVRM: Xid (PCI:0000:3b", "NVRM: Xid (PCI:0000:3b:00): 13");
        assertThat(Describe.all(r.records)).containsExactly("xid L3 gpu=0000:3b:00.0 code=13");
        assertThat(r.diagnostics).extracting(d -> d.line() + " " + d.message()).containsExactly(
            "1 Xid line cannot be read (expected 'NVRM: Xid (PCI:dddd:bb:dd): CODE, ...'): NVRM: Xid (PCI:0000:3b:00): thirteen, pid=1",
            "2 Xid line cannot be read (expected 'NVRM: Xid (PCI:dddd:bb:dd): CODE, ...'): NVRM: Xid (PCI:0000:3b");
    }

    @Test
    void gspRpcHistoryTablesBelongToTheXidThatStartedThem() {
        // kgspLogRpcDebugInfo (kernel_gsp.c) prints these right after the Xid 119.
        Recorded r = dmesg(
            "NVRM: Xid (PCI:0000:07:00): 119, pid=2357, name=nv-hostengine, Timeout after 6s of waiting for RPC response from "
                + "GPU0 GSP! Expected function 76 (GSP_RM_CONTROL) sequence 184 (0x90cc0301 0xc).",
            "NVRM: GPU0 GSP RPC buffer contains function 76 (GSP_RM_CONTROL) and data 0x0000000090cc0301 0x000000000000000c.",
            "NVRM: GPU0 RPC history (CPU -> GSP):",
            "NVRM:     entry function                   data0              data1              ts_start           ts_end             duration actively_polling",
            "NVRM:      0    76   GSP_RM_CONTROL        0x0000000090cc0301 0x000000000000000c 0x00060ec47fc74e4b 0x0000000000000000          y",
            "NVRM:     -1    103  GSP_RM_ALLOC          0x00000000000090cc 0x0000000000000000 0x00060ec47fc74b7c 0x00060ec47fc74e3e    706us",
            "NVRM: GPU 0000:07:00.0: rm_init_adapter failed, device minor number 0");
        assertThat(Describe.all(r.records)).containsExactly(
            "xid L1-6 gpu=0000:07:00.0 pid=2357 process=nv-hostengine code=119 "
                + "rpc=GspRpc[timeoutSeconds=6, function=76, functionName=GSP_RM_CONTROL, sequence=184] details=5",
            "gpu-failure L7 gpu=0000:07:00.0 init-failed minor=0");
    }

    @Test
    void uvmLoadAndUnloadInEveryWording() {
        Recorded r = dmesg(
            "nvidia-uvm: Loaded the UVM driver, major device number 508.",
            "nvidia-uvm: Loaded the UVM driver in 8 mode, major device number 245",
            "nvidia_uvm: Loaded the UVM driver, major device number 247",
            "nvidia-uvm: Unloaded the UVM driver.",
            "nvidia-uvm: Unloaded the UVM driver in 8 mode");
        assertThat(Describe.all(r.records)).containsExactly(
            "uvm-load L1 nvidia-uvm major=508",
            "uvm-load L2 nvidia-uvm major=245 mode=8",
            "uvm-load L3 nvidia_uvm major=247",
            "uvm-unload L4 nvidia-uvm",
            "uvm-unload L5 nvidia-uvm mode=8");
        assertThat(r.records).noneMatch(KernelRecord::needsAttention);
    }

    @Test
    void uvmPrintsInTheLongAndShortForms() {
        // uvm_common.h: UVM_PRINT_FUNC_PREFIX "file:line function[pid:N] "; new UVM_INFO_PRINT "nvidia-uvm:  ".
        Recorded r = dmesg(
            "nvidia-uvm: uvm_channel.c:2099 uvm_channel_check_errors[pid:4711] Detected a channel error, channel CE0 GPU 0000:3b:00.0",
            "nvidia-uvm: uvm_va_block.c:1412 block_check_gpu_chunks[pid:99] Assert failed, condition chunk != NULL not true",
            "nvidia-uvm: uvm_mem.c:512 mem_alloc_vidmem_chunks[pid:12] ERROR: NV_ERR_NO_MEMORY : uvm_pmm_gpu_alloc_kernel (count=1, size=0x200000) failed: Out of memory",
            "nvidia-uvm:  HMM (Heterogeneous Memory Management) is enabled in the UVM driver.",
            "nvidia-uvm: Built-in UVM tests are enabled. This is a security risk.",
            "nvidia-uvm: uvm_va_range.c:88 uvm_va_range_alloc_managed[pid:5] Range created");
        assertThat(Describe.all(r.records)).containsExactly(
            "uvm-print L1 gpu=0000:3b:00.0 pid=4711 long error at=uvm_channel.c:2099 uvm_channel_check_errors "
                + "text=Detected a channel error, channel CE0 GPU 0000:3b:00.0",
            "uvm-print L2 pid=99 long assert at=uvm_va_block.c:1412 block_check_gpu_chunks "
                + "text=Assert failed, condition chunk != NULL not true",
            "uvm-print L3 pid=12 long error at=uvm_mem.c:512 mem_alloc_vidmem_chunks status=NV_ERR_NO_MEMORY "
                + "text=ERROR: NV_ERR_NO_MEMORY : uvm_pmm_gpu_alloc_kernel (count=1, size=0x200000) failed: Out of memory",
            "uvm-print L4 info info text=HMM (Heterogeneous Memory Management) is enabled in the UVM driver.",
            "uvm-print L5 plain info text=Built-in UVM tests are enabled. This is a security risk.",
            "uvm-print L6 pid=5 long info at=uvm_va_range.c:88 uvm_va_range_alloc_managed text=Range created");
        assertThat(r.records).extracting(KernelRecord::needsAttention).containsExactly(true, true, true, false, false, false);
    }

    @Test
    void theLevelDecidesTheSeverityWhenTheInputTellsIt() {
        Recorded r = Recorded.read("kmsg", "7,1,100,-;nvidia-uvm: uvm_gpu.c:1 f[pid:1] Failed to shrink range\n"
            + "3,2,101,-;nvidia-uvm: uvm_gpu.c:2 f[pid:1] something\n");
        assertThat(r.records).extracting(k -> ((UvmPrint) k).severity()).containsExactly("debug", "error");
    }

    @Test
    void leakReportOldFormLevelOne() {
        // uvm_kvmalloc.c (515.43.04..570.123.06): printk(KERN_ERR "nvidia-uvm: " ...).
        Recorded r = dmesg(
            "nvidia-uvm: !!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "nvidia-uvm: Memory leak of 4096 bytes detected. insmod with uvm_leak_checker=2 for detailed information.",
            "nvidia-uvm: !!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "nvidia-uvm: Unloaded the UVM driver.");
        assertThat(Describe.all(r.records)).containsExactly(
            "driver-leak L1-3 bytes=4096 allocations=0",
            "uvm-unload L4 nvidia-uvm");
    }

    @Test
    void leakReportNewFormLevelTwo() {
        // 570.123.07+ / 570.133.07..595: UVM_INFO_PRINT, two spaces; six before "Leaked".
        Recorded r = dmesg(
            "nvidia-uvm:  !!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "nvidia-uvm:  Memory leak of 8256 bytes detected.",
            "nvidia-uvm:  !!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "nvidia-uvm:      Leaked 64 bytes from uvm_va_space.c:201:uvm_va_space_create (0xffff8f2ac1d3e000)",
            "nvidia-uvm:      Leaked 8192 bytes from uvm_va_block.c:1022:uvm_va_block_create (0xffff8f2ac1d40000)");
        assertThat(Describe.all(r.records)).containsExactly("driver-leak L1-5 bytes=8256 allocations=2");
        DriverLeakReport l = (DriverLeakReport) r.records.get(0);
        assertThat(l.allocations().get(1)).isEqualTo(new DriverLeakReport.Allocation(8192, "uvm_va_block.c", 1022,
            "uvm_va_block_create", 0xffff8f2ac1d40000L));
        assertThat(l.needsAttention()).isTrue();
    }

    @Test
    void gpuFailuresResetAndHostAllocationFailures() {
        Recorded r = dmesg(
            "NVRM: Rate limiting GSP RPC error prints for GPU at PCI:0000:03:00 (printing 1 of every 30).  The GPU likely needs to be reset.",
            "NVRM: nvAssertFailedNoLog: Assertion failed: pKernelChannel != NULL @ kernel_channel.c:1234",
            "NVRM: VM: nv_alloc_pages: failed to allocate memory",
            "NVRM: _kgspBootGspRm: unexpected WPR2 already up, cannot proceed with booting GSP",
            "NVRM: (the GPU is likely in a bad state and may need to be reset)",
            "NVRM: RmInitAdapter: Cannot initialize GSP firmware RM",
            "NVRM: GPU 0000:01:00.0: RmInitAdapter failed! (0x62:0x40:2028)",
            "NVRM: GPU 0000:01:00.0: rm_init_adapter failed, device minor number 0",
            "NVRM: Persistence mode is deprecated and will be removed in a future release.");
        assertThat(Describe.all(r.records)).containsExactly(
            "gpu-failure L1 gpu=0000:03:00.0 reset-required",
            "driver-error L2 assert",
            "driver-error L3 alloc-failure",
            "gpu-failure L7-8 gpu=0000:01:00.0 init-failed code=0x62:0x40:2028 minor=0 details=3",
            "driver-message L9 NVRM");
        assertThat(((GpuFailure) r.records.get(3)).details()).containsExactly(
            "NVRM: _kgspBootGspRm: unexpected WPR2 already up, cannot proceed with booting GSP",
            "NVRM: (the GPU is likely in a bad state and may need to be reset)",
            "NVRM: RmInitAdapter: Cannot initialize GSP firmware RM");
    }

    @Test
    void hmmDeviceMemoryThatCannotBeSetUpIsAnError() {
        // UVM_ERR_PRINT("request_free_mem_region() err %ld\n") in devmem_alloc_pagemap (uvm_pmm_gpu.c,
        // 570.123.01..595.45.04; devmem_init before): the GPU's registration fails with it.
        Recorded r = dmesg(
            "nvidia-uvm: uvm_pmm_gpu.c:3214 devmem_alloc_pagemap[pid:2274] request_free_mem_region() err -34",
            "nvidia-uvm: uvm_pmm_gpu.c:3234 devmem_alloc_pagemap[pid:2274] memremap_pages() err -12",
            "nvidia-uvm: uvm_pmm_gpu.c:3464 devmem_init[pid:911] request_free_mem_region() err -34",
            "nvidia-uvm: uvm_va_range.c:88 uvm_va_range_alloc_managed[pid:5] count() err 0",
            "nvidia-uvm: uvm_va_range.c:89 uvm_va_range_alloc_managed[pid:5] count() err -",
            "nvidia-uvm: err -34");
        assertThat(r.records).extracting(k -> ((UvmPrint) k).severity())
            .containsExactly("error", "error", "error", "info", "info", "info");
        assertThat(r.records).extracting(KernelRecord::needsAttention).containsExactly(true, true, true, false, false, false);
        assertThat(((UvmPrint) r.records.get(0)).function()).isEqualTo("devmem_alloc_pagemap");
        assertThat(r.diagnostics).isEmpty();
    }

    @Test
    void rmAssertionsAndChecksUnderEveryPrefix() {
        // nvassert.c prints through RmMsgPrefix (nvlog_printf.c): "NVRM " + function before
        // 535.146.02 and 550.40.07, "NVRM: " + function after, "NVRM: GPU<n> " + function from 590.44.01.
        Recorded r = dmesg(
            "NVRM nvAssertFailedNoLog: Assertion failed: 0 @ osapi.c:1688",
            "NVRM: nvAssertFailed: Assertion failed: 0 @ g_kern_gmmu_nvoc.h:1967",
            "NVRM: GPU0 nvAssertFailedNoLog: Assertion failed: (status == NV_OK) || (status == NV_ERR_GPU_IN_FULLCHIP_RESET) @ rs_client.c:844",
            "NVRM: GPU12 nvAssertOkFailedNoLog: Assertion failed: Generic error [NV_ERR_GENERIC] (0x0000FFFF) returned from x @ y.c:1",
            "NVRM: GPU1 nvCheckFailedNoLog: Check failed: pGpu != NULL @ gpu.c:77",
            "NVRM: nvCheckFailed: Check failed: pGpu != NULL @ gpu.c:77",
            "NVRM: nvCheckOkFailedNoLog: Check failed: Call not supported [NV_ERR_NOT_SUPPORTED] (0x00000056) returned from "
                + "pEntry->pCallback(pGpu, pEntry->pCallbackParam) @ kernel_fifo.c:3021",
            "NVRM: GPU0 _issueRpcAndWait: rpcSendMessage failed with status 0x0000000f for fn 10 sequence 790!",
            "NVRM: GPU0 nvAssertFailedNoLogging: Assertion failed: 0 @ x.c:1",
            "NVRM nvidiaSomething: Assertion failed: 0 @ x.c:1");
        assertThat(Describe.all(r.records)).containsExactly(
            "driver-error L1 assert",
            "driver-error L2 assert",
            "driver-error L3 assert",
            "driver-error L4 assert",
            "driver-error L5 assert",
            "driver-error L6 assert",
            "driver-error L7 assert",
            "driver-message L8 NVRM",
            "driver-message L9 NVRM");
        assertThat(r.records).extracting(KernelRecord::needsAttention)
            .containsExactly(true, true, true, true, true, true, true, false, false);
        assertThat(r.diagnostics).isEmpty();
    }

    @Test
    void theNvlinkCoreUnloadsInBothWordings() {
        // nvlink_core_exit (nvlink_linux.c): "Unregistered the Nvlink Core" in 515.43.04,
        // "Unregistered Nvlink Core" from 515.48.07 on.
        Recorded r = dmesg(
            "nvidia-nvlink: Nvlink Core is being initialized, major device number 237",
            "nvidia-nvlink: Unregistered Nvlink Core, major device number 237",
            "nvidia-nvlink: Unregistered the Nvlink Core, major device number 236",
            "nvidia-nvlink: Unregistered  Nvlink Core, major device number 235");
        assertThat(Describe.all(r.records)).containsExactly(
            "driver-load L1 nvidia-nvlink major=237",
            "driver-unload L2 nvidia-nvlink major=237",
            "driver-unload L3 nvidia-nvlink major=236",
            "driver-message L4 nvidia-nvlink");
    }

    @Test
    void theModuleLoaderSpeaksForTheKernelNotForTheModule() {
        // kernel/module/main.c (inherit_taint and the licence, signature and out-of-tree checks).
        Recorded r = dmesg(
            "nvidia_uvm: module uses symbols from proprietary module nvidia, inheriting taint.",
            "nvidia_uvm: module uses symbols nvUvmInterfaceDisableAccessCntr from proprietary module nvidia, inheriting taint.",
            "nvidia: module license 'NVIDIA' taints kernel.",
            "nvidia: module verification failed: signature and/or required key missing - tainting kernel",
            "nvidia: loading out-of-tree module taints kernel.",
            "nvidia-uvm: module uses symbols from proprietary module nvidia",
            "nvidia-uvm: Loaded the UVM driver, major device number 243.");
        assertThat(Describe.all(r.records)).containsExactly(
            "driver-message L1 kernel",
            "driver-message L2 kernel",
            "driver-message L3 kernel",
            "driver-message L4 kernel",
            "driver-message L5 kernel",
            "uvm-print L6 plain info text=module uses symbols from proprietary module nvidia",
            "uvm-load L7 nvidia-uvm major=243");
        assertThat(r.records).noneMatch(KernelRecord::needsAttention);
    }

    @Test
    void hyperVDomainsAreKeptWhole() {
        // The kernel's device name and NV_PCI_DEV_FMT / the Xid line print the 32-bit domain with %04x.
        Recorded r = dmesg(
            "nvidia 7a3c01f2:00:00.0: enabling device (0000 -> 0002)",
            "NVRM: GPU at PCI:7a3c01f2:00:00: GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
            "NVRM: Xid (PCI:7a3c01f2:00:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus.",
            "NVRM: GPU 7a3c01f2:00:00.0: GPU has fallen off the bus.",
            "NVRM: Xid (PCI:10000:3b:00): 13, pid=1, name=a, Graphics Exception",
            "NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=a, Graphics Exception",
            "NVRM: Xid (PCI:17a3c01f2:00:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus.");
        assertThat(Describe.all(r.records)).containsExactly(
            "driver-message L1 gpu=7a3c01f2:00:00.0 nvidia",
            "gpu-info L2 gpu=7a3c01f2:00:00.0 uuid=GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
            "xid L3 gpu=7a3c01f2:00:00.0 code=79 pidText='<unknown>' uuid=GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
            "gpu-lost L4 gpu=7a3c01f2:00:00.0 runtime",
            "xid L5 gpu=10000:3b:00.0 pid=1 process=a code=13",
            "xid L6 gpu=0000:3b:00.0 pid=1 process=a code=13");
        assertThat(r.diagnostics).extracting(d -> d.line() + " " + d.message()).containsExactly(
            "7 Xid line cannot be read (expected 'NVRM: Xid (PCI:dddd:bb:dd): CODE, ...'): "
                + "NVRM: Xid (PCI:17a3c01f2:00:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus.");
    }

    @Test
    void routineBannersOfABootNeedNoAttention() {
        Recorded r = Recorded.resource("corpus/uvm-log/008-430-boot-uvm-loaded-in-8-mode.txt");
        assertThat(r.records).isNotEmpty().noneMatch(KernelRecord::needsAttention);
        assertThat(List.copyOf(r.diagnostics)).isEmpty();
    }
}
