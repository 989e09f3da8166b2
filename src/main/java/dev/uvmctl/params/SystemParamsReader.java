package dev.uvmctl.params;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the module parameters of a system through its root: effective values from sysfs,
 * the driver release from sysfs and procfs, and the configuration from modprobe.d and the
 * kernel command line. Unreadable files become diagnostics; what was needed and could not be
 * read is recorded as missing.
 */
public final class SystemParamsReader {
    public static final String MODULE_DIR = "/sys/module/nvidia_uvm";
    static final String PARAMETERS_DIR = MODULE_DIR + "/parameters";
    /** {@code module_param(uvm_enable_va_space_mm, int, S_IRUGO)} (uvm_va_space_mm.c, 515.43.04..595). */
    static final String ENABLE_VA_SPACE_MM = PARAMETERS_DIR + "/uvm_enable_va_space_mm";
    static final String MODULE_VERSION = MODULE_DIR + "/version";
    /** The first release with UVM_MM_INITIALIZE, the mm fd's ioctl (uvm_ioctl.h, uvm.c: uvm_api_mm_initialize). */
    private static final DriverVersion MM_INITIALIZE_FROM = DriverVersion.of("535.43.02");
    static final String NVIDIA_VERSION = "/proc/driver/nvidia/version";
    static final String PMD_SIZE = "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size";
    static final String CMDLINE = "/proc/cmdline";
    /** kmod's search path, highest priority first: a file name found earlier masks later ones. */
    static final List<String> MODPROBE_DIRS = List.of(
        "/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d", "/usr/lib/modprobe.d", "/lib/modprobe.d");

    private final SysRoot root;
    private final ParamsObservation observation = new ParamsObservation();

    private SystemParamsReader(SysRoot root) {
        this.root = root;
    }

    public static boolean uvmLoaded(SysRoot root) {
        return root.isDirectory(MODULE_DIR);
    }

    public static ParamsObservation read(SysRoot root) {
        SystemParamsReader reader = new SystemParamsReader(root);
        reader.readDriver();
        reader.readParameters();
        reader.readConfiguration();
        return reader.observation;
    }

    private void readDriver() {
        String uvmVersion = readSmall(MODULE_VERSION);
        String nvidiaVersion = readSmall(NVIDIA_VERSION);
        DriverInfo fromProc = DriverInfo.unknown();
        if (nvidiaVersion != null) {
            String first = nvidiaVersion.lines().findFirst().orElse("");
            fromProc = NvidiaVersionLine.parse(first, root.display(NVIDIA_VERSION)).orElse(DriverInfo.unknown());
            if (fromProc.version() == null) {
                observation.diagnostics().add(Diagnostic.at(root.display(NVIDIA_VERSION), 1, "no 'NVRM version:' banner in this file"));
            }
        }
        DriverVersion uvm = uvmVersion == null ? null : DriverVersion.parse(uvmVersion).orElse(null);
        if (uvmVersion != null && uvm == null) {
            observation.diagnostics().add(Diagnostic.at(root.display(MODULE_VERSION), 1, "not a driver release: '" + uvmVersion.strip() + "'"));
        }
        if (uvm != null && fromProc.version() != null && !uvm.equals(fromProc.version())) {
            observation.diagnostics().add(Diagnostic.of(root.display(MODULE_VERSION), "nvidia_uvm is release " + uvm
                + " but the nvidia module is " + fromProc.version() + ": the modules do not match; defaults follow nvidia_uvm"));
        }
        if (uvm != null) {
            observation.driver(new DriverInfo(uvm, null, null, null, null, root.display(MODULE_VERSION)));
        }
        observation.driver(fromProc);
        observation.driver(new DriverInfo(null, null, pageSize(), null, null, null));
        if (observation.driver().version() == null) {
            observation.missing("the driver release is unknown: neither " + root.display(MODULE_VERSION) + " nor "
                + root.display(NVIDIA_VERSION) + " could be read");
        }
    }

    /** The base page size, from the PMD huge-page size (2 MiB ⇔ 4 KiB pages, 512 MiB ⇔ 64 KiB). */
    private Integer pageSize() {
        String pmd = root.exists(PMD_SIZE) ? readSmall(PMD_SIZE) : null;
        if (pmd == null) {
            return null;
        }
        switch (pmd.strip()) {
            case "2097152":
                return 4096;
            case "33554432":
                return 16384;
            case "536870912":
                return 65536;
            default:
                return null;
        }
    }

    private void readParameters() {
        List<String> names;
        try {
            names = root.list(PARAMETERS_DIR);
        } catch (IOException e) {
            observation.diagnostics().add(Diagnostic.of(root.display(PARAMETERS_DIR), IoErrors.describe(e)));
            observation.missing("the parameter values could not be read (" + root.display(PARAMETERS_DIR) + ": "
                + IoErrors.describe(e) + ")");
            return;
        }
        int unreadable = 0;
        for (String name : names) {
            String path = PARAMETERS_DIR + "/" + name;
            String value = readSmall(path);
            if (value == null) {
                unreadable++;
                observation.uvm(new ObservedValue(name, null, null, root.display(path), 0));
                continue;
            }
            observation.uvm(new ObservedValue(name, stripNewline(value), null, root.display(path), 0));
        }
        if (unreadable > 0) {
            observation.missing(unreadable + " of " + names.size() + " parameter values under " + root.display(PARAMETERS_DIR)
                + " could not be read");
        }
    }

    private void readConfiguration() {
        Map<String, String> files = new TreeMap<>();
        for (String dir : MODPROBE_DIRS) {
            if (!root.isDirectory(dir)) {
                continue;
            }
            try {
                for (String name : root.list(dir)) {
                    // kmod reads NAME.conf and skips hidden files (conf_files_filter_out, libkmod/libkmod-config.c, kmod 34).
                    if (name.endsWith(".conf") && !name.startsWith(".")) {
                        files.putIfAbsent(name, dir + "/" + name);
                    }
                }
            } catch (IOException e) {
                observation.diagnostics().add(Diagnostic.of(root.display(dir), IoErrors.describe(e)));
                observation.missing("the modprobe configuration in " + root.display(dir) + " could not be read");
            }
        }
        for (String path : files.values()) {
            try (InputStream in = root.open(path)) {
                ModprobeConfParser.parse(in, root.display(path), observation.configured(), observation.diagnostics());
            } catch (IOException e) {
                observation.diagnostics().add(Diagnostic.of(root.display(path), IoErrors.describe(e)));
                observation.missing("the modprobe configuration file " + root.display(path) + " could not be read");
            }
        }
        if (root.exists(CMDLINE)) {
            String cmdline = readSmall(CMDLINE);
            if (cmdline == null) {
                observation.missing("the kernel command line (" + root.display(CMDLINE) + ") could not be read");
            } else {
                KernelCmdline.parse(cmdline, root.display(CMDLINE), observation.configured(), observation.diagnostics());
            }
        } else {
            observation.diagnostics().add(Diagnostic.of(root.display(CMDLINE),
                "not present: kernel command-line parameters are not known"));
        }
        observation.configurationRead(true);
    }

    /** The file's text, or null after recording a diagnostic when it cannot be read. */
    private String readSmall(String path) {
        return readSmall(root, path, observation.diagnostics()::add);
    }

    /** The file's text; null when it is absent, or, after a diagnostic, when it cannot be read. */
    private static String readSmall(SysRoot root, String path, Consumer<Diagnostic> diagnostics) {
        if (!root.exists(path)) {
            return null;
        }
        try {
            return root.readString(path);
        } catch (IOException e) {
            diagnostics.accept(Diagnostic.of(root.display(path), IoErrors.describe(e)));
            return null;
        }
    }

    /**
     * Whether the loaded nvidia_uvm ties each va_space to its process's mm, as its sysfs
     * {@code uvm_enable_va_space_mm} says: an {@code int}, 0444, default 1, tested as C tests an
     * int ({@code uvm_va_space_mm_enabled_system}: {@code UVM_CAN_USE_MMU_NOTIFIERS() &&
     * uvm_enable_va_space_mm}, uvm_va_space_mm.c, 535.43.02 and 580.95.05). With it 0,
     * {@code uvm_api_mm_initialize} (uvm.c, same releases) answers NV_WARN_NOTHING_TO_DO and makes
     * no mm fd. Null when the file is absent (the module is not loaded, or a snapshot without
     * {@code /sys}), or, after a diagnostic, unreadable or no integer. True says only what sysfs
     * can: a kernel without the mmu_notifier callback the driver needs (UVM_CAN_USE_MMU_NOTIFIERS,
     * uvm_linux.h) has none either.
     */
    public static Boolean vaSpaceMm(SysRoot root, Consumer<Diagnostic> diagnostics) {
        // Before 535.43.02 there is no UVM_MM_INITIALIZE (uvm_ioctl.h gains UVM_IOCTL_BASE(75) there): a
        // second /dev/nvidia-uvm file is a va_space file of its own, and the va_space's mm goes with the
        // process (uvm_va_space_mm_register registers an mmu_notifier, which holds mm_count, not mm_users:
        // uvm_va_space_mm.c, 525.60.11 and 530.30.02), whatever the parameter says.
        String release = root.exists(MODULE_VERSION) ? readSmall(root, MODULE_VERSION, d -> { }) : null;
        DriverVersion version = release == null ? null : DriverVersion.parse(release.strip()).orElse(null);
        if (version != null && version.isBefore(MM_INITIALIZE_FROM)) {
            return false;
        }
        String text = readSmall(root, ENABLE_VA_SPACE_MM, diagnostics);
        if (text == null) {
            return null;
        }
        String value = stripNewline(text);
        Optional<Boolean> enabled = ParamType.INT.truth(value);
        if (enabled.isEmpty()) {
            diagnostics.accept(Diagnostic.at(root.display(ENABLE_VA_SPACE_MM), 1, "not an int: '" + value.strip()
                + "': whether UVM_MM_INITIALIZE makes mm fds is unknown: the default (1) is assumed"));
            return null;
        }
        return enabled.get();
    }

    private static String stripNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
