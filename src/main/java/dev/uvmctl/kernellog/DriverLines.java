package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies one message of an NVIDIA kernel module ({@code NVRM:}, {@code nvidia-uvm:},
 * {@code nvidia-modeset:}, {@code nvidia 0000:01:00.0:}, ...) into a record. Pure functions: the
 * parser decides which records may still take the messages that follow.
 */
final class DriverLines {
    /**
     * domain:bus:device as the kernel and the driver print it: {@code %04x} of a 32-bit domain
     * (NV_PCI_DEV_FMT, kernel-open/common/inc/nv.h; the Xid line, kernel_rc.c; 580.95.05), so 4
     * digits, or up to 8 under Hyper-V ({@code 7a3c01f2:00:00}).
     */
    static final String PCI = "[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}";
    private static final Pattern MODULE = Pattern.compile(
        "^(NVRM|nvidia(?:-[a-z]+|_[a-z]+)?\\d*)(?: (" + PCI + "\\.[0-7]))?: ");
    private static final Pattern PCI_IN_TEXT = Pattern.compile("\\b(" + PCI + "(?:\\.[0-7])?)\\b");
    private static final Pattern GPU_AT = Pattern.compile("^NVRM: GPU at PCI:(" + PCI + "): ?(.*)$");
    private static final Pattern NV_DEV = Pattern.compile("^NVRM: GPU (" + PCI + "\\.[0-7]): (.*)$", Pattern.DOTALL);
    private static final Pattern INIT_FAILED = Pattern.compile("^RmInitAdapter failed! \\(([^)]*)\\)");
    private static final Pattern MINOR = Pattern.compile("^rm_init_adapter failed, device minor number (\\d{1,9})");
    private static final Pattern SERIAL_IS = Pattern.compile("^GPU serial number is (.*?)\\.?$");
    private static final Pattern PROBE_GPU = Pattern.compile(
        "^NVRM: The NVIDIA GPU (" + PCI + "\\.[0-7])(?:\\s|$)", Pattern.DOTALL);
    private static final Pattern PCI_ID = Pattern.compile("\\(PCI ID: ([0-9a-fA-F]{4}:[0-9a-fA-F]{4})\\)");
    private static final Pattern PROBE_FAILED = Pattern.compile("^NVRM: The NVIDIA probe routine (?:failed|was not called) for (\\d{1,6}) device");
    private static final Pattern LOADING = Pattern.compile("^NVRM: loading NVIDIA UNIX (Open )?(?:Kernel Module for \\S+|\\S+ Kernel Module)\\s+(\\S+)");
    private static final Pattern RPC_POLL = Pattern.compile("rpcRecvPoll timedout for fn (\\d{1,9})(?: sequence (\\d{1,18}))?");
    private static final Pattern RATE_LIMIT = Pattern.compile("^NVRM: Rate limiting GSP RPC error prints for GPU at PCI:(" + PCI + ")");
    private static final Pattern RESET = Pattern.compile("(?i)(?:needs? to be reset|reset required|requires? (?:a )?reset|Drain and Reset)");
    private static final Pattern GSP_DUMP = Pattern.compile(
        "^NVRM: (?:kflcnCoreDump\\w*: |_kgspLogXid119: |_kgspLogRpc\\w*|kgspLogRpcDebugInfo|GPU\\d+ GSP RPC buffer contains|GPU\\d+ RPC (?:event )?history|\\s+entry function|\\s+-?\\d+\\s+\\d+\\s+\\w+\\s+0x|\\*+ GSP Timeout|Note: Please also check logs above)");
    private static final Pattern INIT_DETAIL = Pattern.compile(
        "^NVRM: (?:osInitNvMapping|RmInitAdapter: |_kgspBootGspRm|kgspInitRm|RmInitNvDevice|\\(the GPU is likely in a bad state)");
    /**
     * An RM assertion or check, {@code nvAssertFailed}, {@code nvAssertOkFailed},
     * {@code nvCheckFailed}, {@code nvCheckOkFailed} and their {@code NoLog} forms
     * (src/nvidia/src/libraries/utils/nvassert.c, 580.95.05), under the prefix
     * {@code RmMsgPrefix} gives them (src/nvidia/src/kernel/diagnostics/nvlog_printf.c):
     * {@code NVRM <function>: } in 515.43.04..535.113.01 and 545.x, {@code NVRM: <function>: } in
     * 535.146.02+ and 550.40.07..595.45.04, and from 590.44.01 on {@code NVRM: GPU<n> <function>: }
     * while RM knows the GPU it works for (NVRM_MSG_PREFIX_GPU_INSTANCE).
     */
    private static final Pattern ASSERT = Pattern.compile("^NVRM:? (?:GPU\\d{1,3} )?nv(?:Assert|Check)(?:Ok)?Failed(?:NoLog)?: ");
    private static final Pattern ALLOC = Pattern.compile("^NVRM: (?:VM: \\S+: failed to allocate memory|failed to allocate vmap\\(\\) page descriptor table)");
    private static final Pattern MODESET_LOAD = Pattern.compile("^nvidia-modeset: Loading NVIDIA (?:UNIX Open )?Kernel Mode Setting Driver for UNIX platforms\\s+(\\S+)");
    /**
     * The Nvlink core's banners (nvlink_core_init and nvlink_core_exit, kernel-open/nvidia/nvlink_linux.c):
     * {@code Unregistered the Nvlink Core} in 515.43.04 and the pre-open releases,
     * {@code Unregistered Nvlink Core} from 515.48.07 on (550.40.07, 595.45.04).
     */
    private static final Pattern NVLINK = Pattern.compile(
        "^nvidia-nvlink: (Nvlink Core is being initialized|Unregistered (?:the )?Nvlink Core), major device number (\\d{1,9})");
    private static final Pattern DRM_DRIVER = Pattern.compile("\\[nvidia-drm\\] \\[GPU ID (0x[0-9a-fA-F]+)\\] (Loading|Unloading) driver");
    private static final Pattern DRM_INIT = Pattern.compile("Initialized nvidia-drm \\S+ \\S+ for (" + PCI + "\\.[0-7]) on minor (\\d{1,6})");
    private static final Pattern UVM_LOAD = Pattern.compile("^ Loaded the UVM driver(?: in (\\S+) mode)?, major device number (\\d{1,9})\\.?\\s*$");
    private static final Pattern UVM_UNLOAD = Pattern.compile("^ Unloaded the UVM driver(?: in (\\S+) mode)?\\.?\\s*$");
    private static final Pattern UVM_LONG = Pattern.compile("^ ([\\w.-]+\\.[ch]):(\\d{1,7}) ([^\\s\\[]+)\\[pid:(-?\\d{1,10})\\] ?(.*)$", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("\\b(NV_(?:ERR|WARN)_[A-Z0-9_]+)\\b");
    private static final Pattern LEAK_BANNER = Pattern.compile("^ {1,2}!{28}\\s*$");
    private static final Pattern LEAK_TOTAL = Pattern.compile("^ {1,2}Memory leak of (\\d{1,18}) bytes detected\\.");
    private static final Pattern LEAK_LINE = Pattern.compile("^ {4,8}Leaked (\\d{1,18}) bytes from ([\\w.-]+):(\\d{1,7}):(\\w+) \\(0x([0-9a-fA-F]{1,16})\\)");

    /** The module of a line the kernel's module loader wrote about an NVIDIA module. */
    static final String KERNEL = "kernel";

    /**
     * What the kernel's module loader says about a module it loads, under the module's name
     * ({@code nvidia_uvm: module uses symbols from proprietary module nvidia, inheriting taint.}):
     * inherit_taint (the symbol's name added in Linux 6.x), the licence and signature checks and
     * the out-of-tree check (kernel/module/main.c, kernel/module/signing.c; kernel/module.c before
     * Linux 5.19). The module did not print them: they are no UVM print and no driver activity.
     */
    private static final Pattern MODULE_LOADER = Pattern.compile(
        "^(?:module uses symbols (?:\\S+ )?from proprietary module \\S+, inheriting taint|module license '[^']*' taints kernel"
            + "|module verification failed: |loading out-of-tree module taints kernel)");

    private DriverLines() {
    }

    /**
     * The module prefix of a driver message ({@code NVRM}, {@code nvidia-uvm}, ...), {@link #KERNEL}
     * for the module loader's lines about an NVIDIA module, or null.
     */
    static String module(String text) {
        if (text.startsWith("NVRM: ")) {
            return "NVRM";
        }
        if (text.startsWith("[drm] ") && text.contains("nvidia-drm")) {
            return "nvidia-drm";
        }
        if (!(text.startsWith("NVRM") || text.startsWith("nvidia"))) {
            return null;
        }
        if (text.startsWith("NVRM nv") && ASSERT.matcher(text).find()) {
            return "NVRM";
        }
        Matcher m = MODULE.matcher(text);
        if (!m.find()) {
            return null;
        }
        return m.group(2) == null && MODULE_LOADER.matcher(text).region(m.end(), text.length()).lookingAt() ? KERNEL : m.group(1);
    }

    static boolean isUvm(String module) {
        return module.equals("nvidia-uvm") || module.equals("nvidia_uvm");
    }

    /** An NVRM line of the GSP debug dump that follows an Xid 119 (RPC history tables, falcon trace). */
    static boolean isGspDump(String text) {
        return GSP_DUMP.matcher(text).find();
    }

    /** An NVRM line that explains an init failure printed next: kept until that failure. */
    static boolean isInitDetail(String text) {
        return INIT_DETAIL.matcher(text).find();
    }

    /**
     * A line that continues the NVRM message before it (the rest of a multi-line printk written as
     * separate syslog lines): lower case or '(' after {@code NVRM: }, and not a function's prefix.
     */
    static boolean isNvrmContinuation(String text) {
        if (!text.startsWith("NVRM: ") || text.length() < 7) {
            return false;
        }
        char c = text.charAt(6);
        if (c == '(') {
            return true;
        }
        if (!Character.isLowerCase(c)) {
            return false;
        }
        int sp = text.indexOf(' ', 6);
        String word = sp < 0 ? text.substring(6) : text.substring(6, sp);
        return !word.endsWith(":");
    }

    /** An NVRM line that starts a sentence other lines may continue. */
    static boolean startsParagraph(String text) {
        return text.startsWith("NVRM: ") && text.length() > 6 && Character.isUpperCase(text.charAt(6));
    }

    /** A core-driver (NVRM and {@code nvidia*} but not nvidia-uvm) message as a record. */
    static KernelRecord nvrm(RecordOrigin o, String text, String module, XidCatalog catalog, java.util.function.Function<PciAddress, String> uuids,
                             String[] why) {
        if (XidLine.is(text)) {
            return XidLine.parse(o, text, catalog, uuids, why);
        }
        Matcher m;
        if ((m = GPU_AT.matcher(text)).find()) {
            String uuid = m.group(2).isBlank() ? null : m.group(2).strip();
            return new GpuInfo(o, text, PciAddress.parse(m.group(1)).orElse(null), uuid, null, null);
        }
        if (text.startsWith("NVRM: GPU Board Serial Number:")) {
            String serial = text.substring("NVRM: GPU Board Serial Number:".length()).strip();
            return new GpuInfo(o, text, null, null, serial.isEmpty() ? null : serial, null);
        }
        if ((m = LOADING.matcher(text)).find()) {
            return new DriverLoad(o, text, "nvidia", m.group(2), m.group(1) != null, null, null);
        }
        if ((m = NV_DEV.matcher(text)).find()) {
            return nvDev(o, text, PciAddress.parse(m.group(1)).orElse(null), m.group(2));
        }
        if ((m = PROBE_GPU.matcher(text)).find() && text.contains("fallen off the bus")) {
            Matcher id = PCI_ID.matcher(text);
            return new GpuLostRecord(o, text, PciAddress.parse(m.group(1)).orElse(null), "probe", id.find() ? id.group(1).toLowerCase(Locale.ROOT) : null, null);
        }
        if ((m = PROBE_FAILED.matcher(text)).find()) {
            return new GpuFailure(o, text, null, FailureReason.PROBE_FAILED, null, null, Integer.valueOf(m.group(1)), null, List.of());
        }
        if (text.contains("rpcRecvPoll") && (m = RPC_POLL.matcher(text)).find()) {
            GspRpc rpc = new GspRpc(null, Integer.valueOf(m.group(1)), null, m.group(2) == null ? null : Long.valueOf(m.group(2)));
            return new GpuFailure(o, text, null, FailureReason.GSP_TIMEOUT, null, null, null, rpc, List.of());
        }
        if ((m = RATE_LIMIT.matcher(text)).find()) {
            return new GpuFailure(o, text, PciAddress.parse(m.group(1)).orElse(null), FailureReason.RESET_REQUIRED, null, null, null, null, List.of());
        }
        if (ASSERT.matcher(text).find()) {
            return new DriverError(o, text, firstPci(text), "assert");
        }
        if (ALLOC.matcher(text).find()) {
            return new DriverError(o, text, firstPci(text), "alloc-failure");
        }
        if (text.startsWith("NVRM: ") && mayNeedReset(text) && RESET.matcher(text).find() && !isGspDump(text)) {
            return new GpuFailure(o, text, firstPci(text), FailureReason.RESET_REQUIRED, null, null, null, null, List.of());
        }
        return moduleLine(o, text, module);
    }

    /** {@code NVRM: GPU dddd:bb:dd.f: ...} lines (NV_DEV_PRINTF, os-interface.h). */
    private static KernelRecord nvDev(RecordOrigin o, String text, PciAddress gpu, String rest) {
        Matcher m;
        if (rest.startsWith("GPU has fallen off the bus")) {
            return new GpuLostRecord(o, text, gpu, "runtime", null, null);
        }
        if ((m = INIT_FAILED.matcher(rest)).find()) {
            return new GpuFailure(o, text, gpu, FailureReason.INIT_FAILED, m.group(1), null, null, null, List.of());
        }
        if ((m = MINOR.matcher(rest)).find()) {
            return new GpuFailure(o, text, gpu, FailureReason.INIT_FAILED, null, Integer.valueOf(m.group(1)), null, null, List.of());
        }
        if (mayNeedReset(rest) && RESET.matcher(rest).find()) {
            return new GpuFailure(o, text, gpu, FailureReason.RESET_REQUIRED, null, null, null, null, List.of());
        }
        return new DriverMessage(o, text, "NVRM", gpu, List.of());
    }

    /** {@code GPU serial number is X.} after a fallen-off-the-bus line: the serial, else null. */
    static String serialIs(String text) {
        Matcher m = NV_DEV.matcher(text);
        if (!m.find()) {
            return null;
        }
        Matcher s = SERIAL_IS.matcher(m.group(2));
        return s.find() ? s.group(1) : null;
    }

    /** {@code rm_init_adapter failed, device minor number N} for {@code gpu}: N, else null. */
    static Integer minorFor(String text, PciAddress gpu) {
        Matcher m = NV_DEV.matcher(text);
        if (!m.find() || !gpu.equals(PciAddress.parse(m.group(1)).orElse(null))) {
            return null;
        }
        Matcher n = MINOR.matcher(m.group(2));
        return n.find() ? Integer.valueOf(n.group(1)) : null;
    }

    /** Banners and discovery lines of the other modules; anything else is a {@link DriverMessage}. */
    static KernelRecord moduleLine(RecordOrigin o, String text, String module) {
        Matcher m;
        if (module.equals("nvidia-modeset")) {
            if ((m = MODESET_LOAD.matcher(text)).find()) {
                return new DriverLoad(o, text, module, m.group(1), text.contains("UNIX Open "), null, null);
            }
            if (text.startsWith("nvidia-modeset: Unloading")) {
                return new DriverUnload(o, text, module, null, null);
            }
        }
        if (module.equals("nvidia-nvlink") && (m = NVLINK.matcher(text)).find()) {
            Integer major = Integer.valueOf(m.group(2));
            return m.group(1).startsWith("Nvlink")
                ? new DriverLoad(o, text, module, null, null, major, null)
                : new DriverUnload(o, text, module, major, null);
        }
        if (module.equals("nvidia-drm")) {
            if ((m = DRM_DRIVER.matcher(text)).find()) {
                return m.group(2).equals("Loading")
                    ? new DriverLoad(o, text, module, null, null, null, m.group(1))
                    : new DriverUnload(o, text, module, null, m.group(1));
            }
            if ((m = DRM_INIT.matcher(text)).find()) {
                return new GpuInfo(o, text, PciAddress.parse(m.group(1)).orElse(null), null, null, Integer.valueOf(m.group(2)));
            }
        }
        Matcher dev = MODULE.matcher(text);
        PciAddress gpu = dev.find() && dev.group(2) != null ? PciAddress.parse(dev.group(2)).orElse(null) : firstPci(text);
        return new DriverMessage(o, text, module, gpu, List.of());
    }

    /** Where a leak-report line fits: 0 banner, 1 total, 2 allocation, -1 not a leak line. */
    static int leakPart(String body) {
        if (LEAK_BANNER.matcher(body).find()) {
            return 0;
        }
        if (LEAK_TOTAL.matcher(body).find()) {
            return 1;
        }
        return LEAK_LINE.matcher(body).find() ? 2 : -1;
    }

    static long leakTotal(String body) {
        Matcher m = LEAK_TOTAL.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static DriverLeakReport.Allocation leakAllocation(String body) {
        Matcher m = LEAK_LINE.matcher(body);
        if (!m.find()) {
            return null;
        }
        return new DriverLeakReport.Allocation(Long.parseLong(m.group(1)), m.group(2), Integer.parseInt(m.group(3)), m.group(4),
            Long.parseUnsignedLong(m.group(5), 16));
    }

    /**
     * An nvidia-uvm message other than the leak report: load/unload banners or a print.
     * {@code body} is the text after {@code nvidia-uvm:}.
     */
    static KernelRecord uvm(RecordOrigin o, String text, String spelling, String body) {
        Matcher m;
        if ((m = UVM_LOAD.matcher(body)).find()) {
            return new UvmLoad(o, text, Integer.valueOf(m.group(2)), m.group(1), spelling);
        }
        if ((m = UVM_UNLOAD.matcher(body)).find()) {
            return new UvmUnload(o, text, m.group(1), spelling);
        }
        if ((m = UVM_LONG.matcher(body)).find()) {
            String printed = m.group(5);
            return new UvmPrint(o, text, "long", severity(o.level(), printed, true), m.group(1), Integer.valueOf(m.group(2)),
                m.group(3), Long.valueOf(m.group(4)), printed, firstPci(printed), status(printed));
        }
        boolean info = body.startsWith("  ") && body.length() > 2 && body.charAt(2) != ' ';
        String printed = body.strip();
        return new UvmPrint(o, text, info ? "info" : "plain", severity(o.level(), printed, false), null, null, null, null,
            printed, firstPci(printed), status(printed));
    }

    /**
     * The printk level decides when the input tells it; otherwise an assert is an assert, and a
     * long-form print (only printed with uvm_debug_prints, or by the always-on error macros) is an
     * error when its words say so or when it reports a kernel call's errno.
     */
    private static String severity(Integer level, String printed, boolean longForm) {
        if (printed.startsWith("Assert failed")) {
            return "assert";
        }
        if (level != null) {
            return level <= 3 ? "error" : level == 7 ? "debug" : "info";
        }
        return longForm && (hasErrorWord(printed) || reportsErrno(printed)) ? "error" : "info";
    }

    /**
     * {@code <call>() err -N}: a kernel call's negative errno, as UVM_ERR_PRINT (KERN_ERR) reports
     * it when the HMM device-private memory of a GPU cannot be set up:
     * {@code request_free_mem_region() err %ld} and {@code memremap_pages() err %ld} in
     * devmem_init (kernel-open/nvidia-uvm/uvm_pmm_gpu.c, 530.30.02..570.86.16) and
     * devmem_alloc_pagemap (same file, 570.123.01..595.45.04). At 580.95.05, devmem_alloc_pagemap
     * then returns NULL, uvm_pmm_devmem_init returns NV_ERR_NO_MEMORY and init_parent_gpu
     * (uvm_gpu.c) fails the GPU's registration: CUDA cannot use that GPU.
     */
    static boolean reportsErrno(String printed) {
        int at = printed.indexOf("() err -");
        int digit = at + "() err -".length();
        return at > 0 && digit < printed.length() && Character.isDigit(printed.charAt(digit));
    }

    private static String status(String printed) {
        if (!printed.contains("NV_")) {
            return null;
        }
        Matcher m = STATUS.matcher(printed);
        return m.find() ? m.group(1) : null;
    }

    static PciAddress firstPci(String text) {
        if (!mayHoldPci(text)) {
            return null;
        }
        Matcher m = PCI_IN_TEXT.matcher(text);
        while (m.find()) {
            PciAddress a = PciAddress.parse(m.group(1)).orElse(null);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    /**
     * A cheap test that rules out most lines before a scanning expression runs on them (each such
     * run costs microseconds under the launcher's C1 compiler, and most UVM and NVRM lines fail).
     * Implied by PCI_IN_TEXT: a colon with another three characters on, after at least four.
     */
    private static boolean mayHoldPci(String text) {
        for (int i = text.indexOf(':', 4); i >= 0 && i + 3 < text.length(); i = text.indexOf(':', i + 1)) {
            if (text.charAt(i + 3) == ':') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} holds fail, error, stuck, timeout (time out, timed out, timedout),
     * invalid, mismatch, cannot, unable, fatal or leak, in any ASCII case, anywhere: what a long-form
     * UVM print that reports an error says. By hand: the expression scanned every position with a
     * case-insensitive alternation, several microseconds a line under C1.
     */
    static boolean hasErrorWord(String text) {
        for (int i = 0; i < text.length(); i++) {
            boolean found = switch (lower(text.charAt(i))) {
                case 'f' -> at(text, i, "fail") || at(text, i, "fatal");
                case 'e' -> at(text, i, "error");
                case 's' -> at(text, i, "stuck");
                case 't' -> timeOut(text, i);
                case 'i' -> at(text, i, "invalid");
                case 'm' -> at(text, i, "mismatch");
                case 'c' -> at(text, i, "cannot");
                case 'u' -> at(text, i, "unable");
                case 'l' -> at(text, i, "leak");
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** Implied by RESET, which scans the whole line: every one of its phrases has "reset", in any ASCII case. */
    private static boolean mayNeedReset(String text) {
        for (int i = 0; i + 5 <= text.length(); i++) {
            if (at(text, i, "reset")) {
                return true;
            }
        }
        return false;
    }

    /** time, an optional d, an optional space, out. */
    private static boolean timeOut(String text, int i) {
        if (!at(text, i, "time")) {
            return false;
        }
        int j = i + 4;
        if (j < text.length() && lower(text.charAt(j)) == 'd') {
            if (at(text, j + 1, "out") || at(text, j + 1, " out")) {
                return true;
            }
        }
        return at(text, j, "out") || at(text, j, " out");
    }

    /** {@code word} (lower case) at {@code i}, in any ASCII case. */
    private static boolean at(String text, int i, String word) {
        if (i + word.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (lower(text.charAt(i + k)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
