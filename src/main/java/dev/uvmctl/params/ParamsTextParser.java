package dev.uvmctl.params;

import dev.uvmctl.source.BugReportReader;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.LineReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads module parameters from text a user saved: {@code modinfo nvidia-uvm} output,
 * {@code grep . /sys/module/nvidia_uvm/parameters/*} output ({@code PATH:value} lines), the core
 * driver's {@code /proc/driver/nvidia/params} ({@code Name: value}), {@code /proc/driver/nvidia/version},
 * the lines of a modprobe.d file ({@code options nvidia_uvm ...}: configured values, from that file
 * alone), or an {@code nvidia-bug-report.log} holding those (read by its sections, {@link BugReportParams}).
 * Otherwise each line is recognised by its own shape, so a file that mixes them (commands
 * pasted with their output) is read whole.
 */
public final class ParamsTextParser {
    /** Past this many unrecognised lines, one more diagnostic counts the rest. */
    static final int MAX_UNRECOGNISED = 20;

    private static final Set<String> MODINFO_KEYS = Set.of(
        "filename", "alias", "version", "license", "description", "author", "supported", "srcversion", "depends",
        "retpoline", "intree", "name", "vermagic", "sig_id", "signer", "sig_key", "sig_hashalgo", "signature",
        "parm", "firmware", "softdep", "import_ns", "staging", "scmversion", "rhelversion");
    private static final Pattern MODINFO = Pattern.compile("^([a-z_]+):\\s*(.*)$");
    private static final Pattern PARM = Pattern.compile("^([A-Za-z0-9_]+):(.*)$");
    private static final Pattern PARM_TYPE = Pattern.compile("^(.*?)\\s*\\(([a-z]+)\\)$");
    private static final Pattern SYSFS = Pattern.compile("^/sys/module/(nvidia[-_]uvm|nvidia)/(parameters/)?([A-Za-z0-9_]+):(.*)$");
    static final Pattern NVIDIA_PARAM = Pattern.compile("^([A-Z][A-Za-z0-9]+): (\"[^\"]*\"|[0-9]+)\\s*$");
    private static final Pattern PROMPT = Pattern.compile("^\\s*(\\[[^\\]]*\\]\\s*[#$]|[\\w.@:~/-]*[#$%]\\s|❯\\s|>\\s)");
    /** Enough of the start to tell a bug report from the other formats. */
    private static final int HEAD = 8192;

    private final String input;
    private final ParamsObservation observation;
    private String module;
    private int unrecognised;
    private int recognised;

    private ParamsTextParser(String input, ParamsObservation observation) {
        this.input = input;
        this.observation = observation;
    }

    /** Adds what {@code in} tells to {@code observation}; returns how many lines it recognised. */
    public static int parse(InputStream raw, String input, ParamsObservation observation) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(HEAD);
        String head = new String(in.readNBytes(HEAD), StandardCharsets.UTF_8);
        in.reset();
        if (BugReportReader.looksLike(head)) {
            return BugReportParams.read(in, input, observation);
        }
        ParamsTextParser p = new ParamsTextParser(input, observation);
        try (LineReader reader = new LineReader(in)) {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                p.line(line);
            }
        }
        if (p.unrecognised > MAX_UNRECOGNISED) {
            observation.diagnostics().add(Diagnostic.of(input,
                (p.unrecognised - MAX_UNRECOGNISED) + " more lines were not recognised either"));
        }
        return p.recognised;
    }

    private void line(LineReader.Line line) {
        String text = line.text();
        if (line.truncated()) {
            diagnostic(line, "line longer than " + LineReader.MAX_LINE + " bytes: cut, not read");
            return;
        }
        if (text.isBlank() || PROMPT.matcher(text).find()) {
            return;
        }
        if (recognise(text, line.number())) {
            recognised++;
        } else {
            unrecognisedLine(line);
        }
    }

    private boolean recognise(String text, long number) {
        if (text.startsWith("NVRM version:")) {
            NvidiaVersionLine.parse(text, input + ":" + number).ifPresent(observation::driver);
            return true;
        }
        if (text.startsWith("GCC version:")) {
            return true;
        }
        Matcher sysfs = SYSFS.matcher(text);
        if (sysfs.matches()) {
            sysfsLine(sysfs, number);
            return true;
        }
        Matcher modinfo = MODINFO.matcher(text);
        if (modinfo.matches() && MODINFO_KEYS.contains(modinfo.group(1))) {
            modinfoLine(modinfo.group(1), modinfo.group(2).strip(), number);
            return true;
        }
        if (Character.isWhitespace(text.charAt(0)) && module != null) {
            return true;
        }
        Matcher nvidia = NVIDIA_PARAM.matcher(text);
        if (nvidia.matches()) {
            observation.nvidia(new ObservedValue(nvidia.group(1), unquote(nvidia.group(2)), null, input, number));
            return true;
        }
        String[] words = text.strip().split("\\s+", 2);
        if (words.length == 2 && ModprobeConfParser.isCommand(words[0])) {
            // A modprobe.d file (cat /etc/modprobe.d/...): what it configures, from this file alone.
            ModprobeConfParser.command(text, input, number, observation.configured(), observation.diagnostics());
            return true;
        }
        return false;
    }

    private void sysfsLine(Matcher m, long number) {
        boolean uvm = !m.group(1).equals("nvidia");
        String name = m.group(3);
        String value = m.group(4);
        if (m.group(2) == null) {
            if (uvm && name.equals("version")) {
                DriverVersion.parse(value).ifPresent(v ->
                    observation.driver(new DriverInfo(v, null, null, null, null, input + ":" + number)));
            }
            return;
        }
        ObservedValue observed = new ObservedValue(name, value, null, input, number);
        if (uvm) {
            observation.uvm(observed);
        } else {
            observation.nvidia(observed);
        }
    }

    private void modinfoLine(String key, String value, long number) {
        switch (key) {
            case "filename":
                module = moduleOfFile(value);
                break;
            case "name":
                module = value.replace('-', '_');
                if (!isNvidiaModule()) {
                    observation.diagnostics().add(Diagnostic.at(input, number,
                        "modinfo of module '" + value + "', not nvidia-uvm or nvidia: its parameters are not read"));
                }
                break;
            case "version":
                if ("nvidia_uvm".equals(module) || "nvidia".equals(module)) {
                    String from = input + ":" + number;
                    DriverVersion.parse(value).ifPresent(v -> observation.driver(
                        new DriverInfo(v, null, null, null, null, from)));
                }
                break;
            case "parm":
                parm(value, number);
                break;
            default:
                break;
        }
    }

    private void parm(String value, long number) {
        if (!isNvidiaModule()) {
            return;
        }
        Matcher m = PARM.matcher(value);
        if (!m.matches()) {
            observation.diagnostics().add(Diagnostic.at(input, number, "modinfo 'parm:' line without 'name:' before its description"));
            return;
        }
        String rest = m.group(2).strip();
        String type = null;
        Matcher typed = PARM_TYPE.matcher(rest);
        if (typed.matches()) {
            type = typed.group(2);
        } else if (rest.matches("[a-z]+")) {
            type = rest;
        }
        ObservedValue observed = new ObservedValue(m.group(1), null, type, input, number);
        if ("nvidia_uvm".equals(module)) {
            observation.uvm(observed);
        } else {
            observation.nvidia(observed);
        }
    }

    private boolean isNvidiaModule() {
        return "nvidia_uvm".equals(module) || "nvidia".equals(module);
    }

    private static String moduleOfFile(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.indexOf(".ko");
        return (dot > 0 ? file.substring(0, dot) : file).replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private void unrecognisedLine(LineReader.Line line) {
        unrecognised++;
        if (unrecognised <= MAX_UNRECOGNISED) {
            diagnostic(line, line.hasNul() ? "binary data, not text"
                : "not a line of modinfo, /proc/driver/nvidia/params, a modprobe.d file or 'grep . /sys/module/nvidia_uvm/parameters/*' output");
        }
    }

    private void diagnostic(LineReader.Line line, String why) {
        observation.diagnostics().add(Diagnostic.at(input, line.number(), why));
    }

    static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
