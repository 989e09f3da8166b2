package dev.uvmctl.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.render.Style;
import dev.uvmctl.render.LiveVerdict;
import dev.uvmctl.render.VaSpacesJson;
import dev.uvmctl.render.VaSpacesTable;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SnapshotTextTest {
    private static SystemSnapshot read(String root) {
        return SystemReader.read(new DirectorySysRoot(Golden.resource("roots/" + root)), "the system root " + root, false,
            CommandRunner.none(), Instant.EPOCH);
    }

    static String text(SystemSnapshot s) {
        StringWriter w = new StringWriter();
        SnapshotTextWriter.write(s, new PrintWriter(w));
        return w.toString();
    }

    static SystemSnapshot parse(String text) throws IOException {
        return SnapshotTextParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "snap.txt");
    }

    static String render(SystemSnapshot s) {
        VaSpaceView view = VaSpaceViewBuilder.build(s);
        LiveVerdict v = new LiveVerdict(view, List.of(), view.missing());
        StringWriter w = new StringWriter();
        PrintWriter out = new PrintWriter(w);
        VaSpacesJson.document(out, v, VaSpacesJson.VA_SPACES_SCHEMA);
        VaSpacesTable t = new VaSpacesTable(out, Style.of(false), 0);
        t.vaSpaces(v, true);
        t.holders(v);
        return w.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"live-host-580", "live-retained-535", "live-container-csv", "live-container-empty", "verdict-smi-unreachable"})
    void aSnapshotReadBackGivesTheSameView(String root) throws IOException {
        SystemSnapshot direct = read(root);
        String text = text(direct);
        SystemSnapshot back = parse(text);
        assertThat(back.diagnostics()).isEqualTo(direct.diagnostics());
        assertThat(render(back)).isEqualTo(render(direct));
        assertThat(text(back)).isEqualTo(text);
    }

    @Test
    void theHostSnapshotFile() {
        Golden.assertMatches(text(read("live-host-580")), "expected/live/host-580-snapshot.txt");
    }

    @Test
    void brokenRecordsAreDiagnosedAndTheRestIsRead() throws IOException {
        String good = text(read("live-host-580"));
        String broken = good
            .replace("fd\tpid=2301\tfd=3\t", "fd\tpid=2301\tfd=three\t")
            .replace("range\tpid=6000\tstart=", "range\tpid=6000\tbegin=")
            + "flux-capacitor\tpid=1\n"
            + "range\tpid=2301\tstart=0x1\n"
            + "task\tpid=2301\ttid=1\tname=\\x1\tstate=S\tsrc=x\n";
        SystemSnapshot s = parse(broken);
        assertThat(s.diagnostics()).contains(
            Diagnostic.at("snap.txt", lineOf(broken, "fd=three"), "fd record: For input string: \"three\": skipped"),
            Diagnostic.at("snap.txt", lineOf(broken, "begin="), "range record: no start: skipped"),
            Diagnostic.at("snap.txt", lineOf(broken, "flux-capacitor"), "unknown record 'flux-capacitor': skipped"));
        HolderProcess python = s.scan().holders().stream().filter(h -> h.pid() == 2301).findFirst().orElseThrow();
        assertThat(python.deviceFds()).hasSize(3);
        assertThat(VaSpaceViewBuilder.build(s).vaSpaces()).hasSize(5);
    }

    private static long lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    /** Whether the driver made mm fds (uvm_api_mm_initialize, uvm.c, 535.43.02..595) survives the round trip, and a garbled value is said. */
    @Test
    void theCapturesVaSpaceMmIsKeptAndAGarbledOneSaid() throws IOException {
        SystemSnapshot s = read("live-host-580");
        assertThat(parse(text(s.withVaSpaceMm(false, List.of()))).vaSpaceMm()).isFalse();
        assertThat(parse(text(s.withVaSpaceMm(true, List.of()))).vaSpaceMm()).isTrue();
        String unknown = text(s.withVaSpaceMm(null, List.of()));
        assertThat(unknown).doesNotContain("va_space_mm");
        assertThat(parse(unknown).vaSpaceMm()).isNull();
        SystemSnapshot garbled = parse(unknown.replace("\tuvm_loaded=", "\tva_space_mm=yes\tuvm_loaded="));
        assertThat(garbled.vaSpaceMm()).isNull();
        assertThat(garbled.diagnostics()).contains(Diagnostic.of("snap.txt", "the capture record's va_space_mm=yes is neither 0 nor 1: "
            + "whether the driver made mm fds is unknown, so the default (it did) is assumed"));
    }

    @Test
    void aFileInAnotherFormatIsReadAsADriverListing() throws IOException {
        SystemSnapshot s = parse("va_space 1 pid 2301\n 7f0000000000-7f0000200000\n");
        assertThat(s.driverVaSpaces().vaSpaces()).hasSize(1);
        assertThat(s.missing()).containsExactly("snap.txt is not a uvmctl va-spaces snapshot: processes, GPUs and nvidia-smi are unknown");
        assertThat(parse("").missing()).containsExactly("snap.txt is empty: no va-spaces snapshot in it");
    }

    @Test
    void escapesSurviveTheRoundTrip() {
        String hostile = "a\tb\nc\\d\u001b[31m\u0000";
        assertThat(SnapshotTextParser.unescape(SnapshotTextWriter.escape(hostile))).isEqualTo(hostile);
        assertThat(SnapshotTextWriter.escape(hostile)).doesNotContain("\t", "\n", "\u001b");
    }
}
