package dev.uvmctl.kernellog;

import dev.uvmctl.kernellog.XidRecord.Esr;
import dev.uvmctl.kernellog.XidRecord.MmuFault;
import dev.uvmctl.shared.PciAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Xid line in all its forms ({@code krcReportXid_IMPL}, src/nvidia/src/kernel/gpu/rc/kernel_rc.c,
 * 515.43.04..595.45.04): a PCI domain of 4 digits, or up to 8 under Hyper-V; with or without
 * {@code GPU-I}/{@code GPU-CI} (MIG), with {@code pid=N, name=X}, {@code pid='<unknown>',
 * name=<unknown>}, only {@code pid=N} (older drivers), or neither (570.86.15+ when no process is
 * known, and pre-4xx drivers), and the {@code caused by previous Xid N} suffix (570.123.01+).
 * The text is firmware-generated on GSP systems: it is kept whole and only recognizable parts
 * (MMU fault, ESR registers, channel, GSP RPC, recovery action) are extracted.
 */
final class XidLine {
    private static final Pattern HEAD = Pattern.compile(
        "^NVRM: Xid \\(PCI:(" + DriverLines.PCI + ")(?: GPU-I:(\\d{1,4}))?(?: GPU-CI:(\\d{1,4}))?\\): (\\d{1,9})(?:, (.*))?$",
        Pattern.DOTALL);
    private static final Pattern CAUSED_BY = Pattern.compile(" caused by previous Xid (\\d{1,9})\\.?$");
    private static final Pattern CHANNEL = Pattern.compile(
        "(?:^|[ ,])(?:Ch ([0-9a-fA-F]{8})|channel 0x([0-9a-fA-F]+)|Channel ID ([0-9a-fA-F]{8})|ChID ([0-9a-fA-F]{4,8}))\\b");
    private static final Pattern MMU = Pattern.compile(
        "MMU Fault: ENGINE (\\S+)(?: (\\S+))?(?: (\\S+))? faulted @ 0x([0-9a-fA-F]{1,8})_([0-9a-fA-F]{8})\\. Fault is of type (\\S+)(?: (\\S+))?");
    private static final Pattern ESR_PAIR = Pattern.compile("0x([0-9a-fA-F]+)=0x([0-9a-fA-F]+)");
    private static final Pattern RPC = Pattern.compile(
        "Timeout (?:after (\\d{1,9})s of )?waiting for RPC (?:response )?from GPU\\d+ GSP! Expected function (\\d{1,9}) \\((\\w+)\\)(?: sequence (\\d{1,18}))?");
    private static final Pattern RECOVERY = Pattern.compile("GPU recovery action changed from 0x[0-9a-fA-F]+ \\((.*?)\\) to 0x[0-9a-fA-F]+ \\((.*?)\\)");

    private XidLine() {
    }

    /** True when the message is an Xid line (readable or not). */
    static boolean is(String text) {
        return text.startsWith("NVRM: Xid ");
    }

    /**
     * The Xid, or null when the line cannot be read; {@code why[0]} then says why.
     */
    static XidRecord parse(RecordOrigin origin, String text, XidCatalog catalog, java.util.function.Function<PciAddress, String> uuids,
                     String[] why) {
        String firstLine = text.indexOf('\n') < 0 ? text : text.substring(0, text.indexOf('\n'));
        Matcher m = HEAD.matcher(firstLine);
        if (!m.find()) {
            why[0] = "Xid line cannot be read (expected 'NVRM: Xid (PCI:dddd:bb:dd): CODE, ...'): "
                + TextCut.cut(firstLine, 120);
            return null;
        }
        PciAddress gpu = PciAddress.parse(m.group(1)).orElse(null);
        int code = Integer.parseInt(m.group(4));
        String rest = m.group(5) == null ? "" : m.group(5);
        String pidText = null;
        Long pid = null;
        if (rest.startsWith("pid=")) {
            int comma = rest.indexOf(", ");
            pidText = comma < 0 ? rest.substring(4) : rest.substring(4, comma);
            Long n = pidText.startsWith("-") ? null : LineParser.digits(pidText);
            pid = n;
            rest = comma < 0 ? "" : rest.substring(comma + 2);
        }
        String process = null;
        if (pidText != null && rest.startsWith("name=")) {
            int comma = rest.indexOf(", ");
            String name = comma < 0 ? rest.substring(5) : rest.substring(5, comma);
            process = name.equals("<unknown>") || name.equals("N/A") ? null : name;
            rest = comma < 0 ? "" : rest.substring(comma + 2);
        }
        Integer causedBy = null;
        if (rest.contains("caused by")) {
            Matcher c = CAUSED_BY.matcher(rest);
            if (c.find()) {
                causedBy = Integer.valueOf(c.group(1));
                rest = rest.substring(0, c.start());
            }
        }
        String body = rest;
        Integer gi = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer ci = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        return XidRecord.builder()
            .origin(origin)
            .message(text)
            .gpu(gpu)
            .uuid(gpu == null ? null : uuids.apply(gpu))
            .gpuInstance(gi)
            .computeInstance(ci)
            .code(code)
            .pid(pid)
            .pidText(pidText)
            .process(process)
            .channel(channel(body))
            .text(body)
            .causedBy(causedBy)
            .mmuFault(mmuFault(body))
            .esr(esr(body))
            .rpc(rpc(body))
            .recoveryAction(recovery(body))
            .catalog(catalog.lookup(code))
            .details(List.of())
            .build();
    }

    private static Long channel(String body) {
        if (!(body.contains("Ch") || body.contains("channel "))) {
            return null;
        }
        Matcher m = CHANNEL.matcher(body);
        if (!m.find()) {
            return null;
        }
        for (int g = 1; g <= 4; g++) {
            if (m.group(g) != null) {
                return Long.parseLong(m.group(g), 16);
            }
        }
        return null;
    }

    private static MmuFault mmuFault(String body) {
        if (!body.contains("MMU Fault")) {
            return null;
        }
        Matcher m = MMU.matcher(body);
        if (!m.find()) {
            return null;
        }
        String gpc = m.group(3) != null ? m.group(2) : null;
        String client = m.group(3) != null ? m.group(3) : m.group(2);
        long address = (Long.parseLong(m.group(4), 16) << 32) | Long.parseLong(m.group(5), 16);
        return new MmuFault(m.group(1), gpc, client, address, m.group(6), m.group(7));
    }

    private static List<Esr> esr(String body) {
        int at = body.indexOf("ESR ");
        if (at < 0) {
            return List.of();
        }
        List<Esr> pairs = new ArrayList<>();
        Matcher m = ESR_PAIR.matcher(body.substring(at + 4));
        while (m.find() && pairs.size() < 64) {
            if (m.group(1).length() <= 15 && m.group(2).length() <= 15) {
                pairs.add(new Esr(Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2), 16)));
            }
        }
        return pairs;
    }

    private static GspRpc rpc(String body) {
        if (!body.contains("Timeout")) {
            return null;
        }
        Matcher m = RPC.matcher(body);
        if (!m.find()) {
            return null;
        }
        return new GspRpc(m.group(1) == null ? null : Integer.valueOf(m.group(1)), Integer.valueOf(m.group(2)), m.group(3),
            m.group(4) == null ? null : Long.valueOf(m.group(4)));
    }

    private static String recovery(String body) {
        if (!body.contains("recovery action")) {
            return null;
        }
        Matcher m = RECOVERY.matcher(body);
        return m.find() ? m.group(2) : null;
    }
}
