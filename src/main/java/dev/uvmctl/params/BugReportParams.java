package dev.uvmctl.params;

import dev.uvmctl.source.BugReportReader;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an {@code nvidia-bug-report.log} says about module parameters: its
 * {@code /proc/driver/nvidia/version} section (the release, the architecture, open or
 * proprietary) and its {@code /proc/driver/nvidia/params} section (the core module's
 * parameters). Its other sections are other data, not errors.
 */
final class BugReportParams {
    private static final Pattern TITLE = Pattern.compile("^\\*\\*\\* (/\\S+)$");
    private static final String VERSION = "/proc/driver/nvidia/version";
    private static final String PARAMS = "/proc/driver/nvidia/params";

    private BugReportParams() {
    }

    /** Adds what the report holds to {@code o}; returns how many lines it recognised. */
    static int read(InputStream in, String input, ParamsObservation o) throws IOException {
        int recognised = 0;
        try (BugReportReader report = new BugReportReader(new LineReader(in))) {
            for (BugReportReader.Section s = report.nextSection(); s != null; s = report.nextSection()) {
                Matcher title = TITLE.matcher(s.title());
                String path = title.matches() ? title.group(1).replace("/./", "/") : "";
                if (!path.equals(VERSION) && !path.equals(PARAMS)) {
                    continue;
                }
                for (LineReader.Line l = report.nextLine(); l != null; l = report.nextLine()) {
                    String text = l.text();
                    if (text.isBlank() || text.startsWith("*** ls:") || text.startsWith("GCC version:")) {
                        continue;
                    }
                    if (path.equals(VERSION) ? version(text, input, l.number(), o) : param(text, input, l.number(), o)) {
                        recognised++;
                    } else {
                        o.diagnostics().add(Diagnostic.at(input, l.number(), path.equals(VERSION)
                            ? "not an 'NVRM version:' line of /proc/driver/nvidia/version"
                            : "not a 'Name: value' line of /proc/driver/nvidia/params"));
                    }
                }
            }
        }
        return recognised;
    }

    private static boolean version(String text, String input, long line, ParamsObservation o) {
        return NvidiaVersionLine.parse(text, input + ":" + line).map(d -> {
            o.driver(d);
            return true;
        }).orElse(false);
    }

    private static boolean param(String text, String input, long line, ParamsObservation o) {
        Matcher m = ParamsTextParser.NVIDIA_PARAM.matcher(text);
        if (!m.matches()) {
            return false;
        }
        o.nvidia(new ObservedValue(m.group(1), ParamsTextParser.unquote(m.group(2)), null, input, line));
        return true;
    }
}
