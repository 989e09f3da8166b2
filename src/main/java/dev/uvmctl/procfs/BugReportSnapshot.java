package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snapshot from the sections of an {@code nvidia-bug-report.log}: the core driver's GPU
 * {@code information} files, UVM's GPU {@code info} files, {@code /proc/iomem} and nvidia-smi output,
 * where the report has them. A bug report lists no processes: the snapshot says so in its
 * {@code missing}, so a view of it is never reported as complete.
 */
public final class BugReportSnapshot {
    private static final Pattern NVIDIA_GPU = Pattern.compile(".*/proc/driver/nvidia/(?:\\./)?gpus/([^/]+)/information");
    private static final Pattern UVM_GPU = Pattern.compile(".*/proc/driver/nvidia-uvm/(?:\\./)?gpus/(.+)/info");

    private BugReportSnapshot() {
    }

    /** True when the first lines look like an nvidia-bug-report.log. */
    public static boolean looksLikeBugReport(String head) {
        return head.contains("nvidia-bug-report.sh") || head.contains("Start of NVIDIA bug report log file");
    }

    public static SystemSnapshot read(String input, List<BugReportSection> sections) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<NvidiaGpuInformation> gpus = new ArrayList<>();
        List<UvmGpuInfo> uvm = new ArrayList<>();
        List<HmmRegion> hmm = null;
        List<SmiSnapshot> smi = new ArrayList<>();
        for (BugReportSection s : sections) {
            String name = s.name().strip();
            // Parsers number lines from 1; diagnostics and origins are moved to the report's lines.
            List<Diagnostic> local = new ArrayList<>();
            Matcher g = NVIDIA_GPU.matcher(name);
            Matcher u = UVM_GPU.matcher(name);
            if (g.matches()) {
                NvidiaGpuInformation i = NvidiaGpuInformationParser.parse(s.text(), g.group(1), input, local);
                gpus.add(new NvidiaGpuInformation(i.bus(), i.model(), i.uuid(), i.minor(), i.excluded(), Provenance.at(input, s.firstLine())));
            } else if (u.matches()) {
                UvmGpuInfo i = UvmGpuInfoParser.parse(s.text(), u.group(1), input, local);
                uvm.add(new UvmGpuInfo(i.directory(), i.uvmId(), i.name(), i.gpuUuid(), i.instanceUuid(), i.retainedCount(),
                    i.retainedOrigin() == null ? null : shift(i.retainedOrigin(), s), i.ecc(), i.numaNode(), i.other(),
                    Provenance.at(input, s.firstLine())));
            } else if (name.endsWith("/proc/iomem")) {
                hmm = new ArrayList<>();
                for (HmmRegion r : IomemParser.hmmRegions(s.text(), input, local)) {
                    hmm.add(new HmmRegion(r.start(), r.end(), r.addressesHidden(), shift(r.origin(), s)));
                }
            } else if (name.contains("nvidia-smi")) {
                SmiSnapshot one = SmiReader.parseOne(s.text(), input + ": " + name, local);
                if (one != null) {
                    smi.add(one);
                }
            }
            for (Diagnostic d : local) {
                diagnostics.add(Diagnostic.at(input, d.line() > 0 ? d.line() + s.firstLine() - 1 : s.firstLine(), d.message()));
            }
        }
        return SystemSnapshot.withoutCapture("the bug report " + input)
            .uvmLoaded(!uvm.isEmpty())
            .uvmGpus(List.copyOf(uvm))
            .gpus(List.copyOf(gpus))
            .hmm(hmm)
            .smi(List.copyOf(smi))
            .diagnostics(List.copyOf(diagnostics))
            .missing(List.of("an nvidia-bug-report.log has no /proc/PID entries: who holds the devices is unknown (capture the node with "
                + "'uvmctl capture' for that)"))
            .build();
    }

    private static Provenance shift(Provenance o, BugReportSection s) {
        return Provenance.at(o.input(), o.line() + s.firstLine() - 1);
    }
}
