package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tolerant reader for a driver-provided {@code va_spaces} file, whose format no released driver
 * defines: a line mentioning {@code va_space} starts an entry (its {@code pid} taken when the line
 * has {@code pid N}, {@code pid=N} or {@code pid: N}); a line with a {@code start-end} hex range adds
 * to the current entry; every other line is counted, not guessed at.
 */
public final class DriverVaSpacesParser {
    private static final Pattern PID = Pattern.compile("\\bpid\\s*[=:]?\\s*(\\d{1,9})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE = Pattern.compile("\\b(?:0x)?([0-9a-fA-F]{1,16})\\s*-\\s*(?:0x)?([0-9a-fA-F]{1,16})\\b");

    private DriverVaSpacesParser() {
    }

    public static DriverVaSpaces parse(String text, String input) {
        List<DriverVaSpaces.Entry> entries = new ArrayList<>();
        String label = null;
        Integer pid = null;
        Provenance origin = null;
        List<DriverVaSpaces.Range> ranges = new ArrayList<>();
        long unrecognised = 0;
        long number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (line.toLowerCase(Locale.ROOT).contains("va_space")) {
                if (label != null) {
                    entries.add(new DriverVaSpaces.Entry(label, pid, List.copyOf(ranges), origin));
                }
                label = line.strip();
                Matcher p = PID.matcher(line);
                pid = p.find() ? Integer.valueOf(p.group(1)) : null;
                origin = Provenance.at(input, number);
                ranges = new ArrayList<>();
                continue;
            }
            Matcher r = RANGE.matcher(line);
            if (label != null && r.find()) {
                long start = Long.parseUnsignedLong(r.group(1), 16);
                long end = Long.parseUnsignedLong(r.group(2), 16);
                if (Long.compareUnsigned(end, start) > 0) {
                    ranges.add(new DriverVaSpaces.Range(start, end, Provenance.at(input, number)));
                    continue;
                }
            }
            unrecognised++;
        }
        if (label != null) {
            entries.add(new DriverVaSpaces.Entry(label, pid, List.copyOf(ranges), origin));
        }
        return new DriverVaSpaces(input, List.copyOf(entries), unrecognised);
    }
}
