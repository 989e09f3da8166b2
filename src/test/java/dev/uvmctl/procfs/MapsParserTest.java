package dev.uvmctl.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapsParserTest {
    private final List<MapsRange> ranges = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private MapsParser.Result parse(InputStream in, String input) throws IOException {
        return MapsParser.parse(in, input, MapsParser.NVIDIA_DEVICES, ranges::add, diagnostics);
    }

    private MapsParser.Result corpus(String name) throws IOException {
        try (InputStream in = Files.newInputStream(Golden.resource("corpus/maps/" + name))) {
            return parse(in, name);
        }
    }

    private MapsParser.Result text(String text) throws IOException {
        return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "maps");
    }

    @Test
    void glibcDumpWithBacktraceAndIndentationKeepsTheUvmRange() throws IOException {
        MapsParser.Result r = corpus("008-faceit-memmap-nvidia-uvm-indented.txt");
        assertThat(r.mapsLines()).isEqualTo(11);
        assertThat(r.otherLines()).isEqualTo(9);
        assertThat(diagnostics).isEmpty();
        assertThat(ranges).hasSize(8);
        MapsRange uvm = ranges.stream().filter(MapsRange::uvmManaged).findFirst().orElseThrow();
        assertThat(uvm).isEqualTo(new MapsRange(0x206400000L, 0x206600000L, "rw-s", 0x206400000L, "00:06", 496, "/dev/nvidia-uvm",
            Provenance.at("008-faceit-memmap-nvidia-uvm-indented.txt", 18)));
        assertThat(uvm.size()).isEqualTo(2 << 20);
        assertThat(ranges.stream().filter(x -> x.path().equals("/dev/nvidiactl")).count()).isEqualTo(7);
    }

    @Test
    void everyCorpusSampleParsesWithoutLosingALine() throws IOException {
        assertThat(corpus("002-glibc-memmap-faiss-nvidiactl.txt").mapsLines()).isEqualTo(19);
        assertThat(corpus("003-opencv-rwxs-nvidiactl-offsets.txt").mapsLines()).isEqualTo(18);
        assertThat(corpus("005-cudpp-indented-nvidia0-nvidiactl-pairs.txt").mapsLines()).isEqualTo(15);
        assertThat(corpus("006-scanmem-32bit-nvidiactl-devshm.txt").mapsLines()).isEqualTo(14);
        assertThat(diagnostics).isEmpty();
        assertThat(ranges).noneMatch(MapsRange::uvmManaged);
        MapsRange rwxs = ranges.stream().filter(x -> x.origin().input().startsWith("003")).findFirst().orElseThrow();
        assertThat(rwxs).isEqualTo(new MapsRange(0x200000000L, 0x200100000L, "rwxs", 0x411c5a000L, "00:06", 512, "/dev/nvidiactl",
            Provenance.at("003-opencv-rwxs-nvidiactl-offsets.txt", 1)));
        MapsRange dev32 = ranges.stream().filter(x -> x.origin().input().startsWith("006")).findFirst().orElseThrow();
        assertThat(dev32.device()).isEqualTo("00:06");
        assertThat(dev32.start()).isEqualTo(0xf3991000L);
    }

    @Test
    void aUvmMappingWhoseOffsetIsNotItsStartIsNotAManagedRange() throws IOException {
        text("7f0000000000-7f0000200000 rw-s 00000000 00:05 496 /dev/nvidia-uvm\n"
            + "7f0000200000-7f0000400000 rw-p 7f0000200000 00:05 496 /dev/nvidia-uvm (deleted)\n");
        assertThat(ranges).hasSize(2).noneMatch(MapsRange::uvmManaged);
    }

    @Test
    void brokenLinesBecomeOneDiagnosticPerRunAndReadableLinesStay() throws IOException {
        MapsParser.Result r = text("7f0000000000-7f0000200000 rw-s 7f0000000000 00:05 496 /dev/nvidia-uvm\n"
            + "garbage\n\u0000\u0001binary\n"
            + "7f0000200000-7f00002 rw-s 7f00002\n"
            + "7f0000400000-7f0000600000 rw-s 7f0000400000 00:05 496 /dev/nvidia-uvm\n"
            + "zz-yy rw-s 0 00:00 0\n"
            + "7f00-7e00 r--p 0 00:00 0\n"
            + "7f0000600000-7f0000800000 rwzs 7f0000600000 00:05 496 /dev/nvidia-uvm\n");
        assertThat(r.mapsLines()).isEqualTo(2);
        assertThat(r.otherLines()).isEqualTo(6);
        assertThat(ranges).extracting(MapsRange::start).containsExactly(0x7f0000000000L, 0x7f0000400000L);
        assertThat(diagnostics).containsExactly(
            Diagnostic.at("maps", 2, "3 lines (to line 4) are not maps lines; the first: 'garbage'"),
            Diagnostic.at("maps", 6, "3 lines (to line 8) are not maps lines; the first: 'zz-yy rw-s 0 00:00 0'"));
    }

    @Test
    void anEmptyFileAndAHugeLine() throws IOException {
        assertThat(text("").mapsLines()).isZero();
        String huge = "7f0000000000-7f0000200000 rw-s 7f0000000000 00:05 496 /dev/nvidia-uvm" + "x".repeat(2 << 20) + "\n";
        MapsParser.Result r = text(huge + "7f0000400000-7f0000600000 rw-s 7f0000400000 00:05 496 /dev/nvidia-uvm\n");
        assertThat(r.mapsLines()).isEqualTo(1);
        assertThat(ranges).hasSize(1);
        assertThat(diagnostics).singleElement().extracting(Diagnostic::message).asString().contains("longer than");
    }

    @Test
    void aTruncatedLastLineWithoutNewlineStillParses() throws IOException {
        text("7f0000000000-7f0000200000 rw-s 7f0000000000 00:05 496 /dev/nvidia-uvm");
        assertThat(ranges).hasSize(1);
    }

    @Test
    void brokenVariantsOfTheCorpus() throws IOException {
        // Cut in the padding before the path, the last line is still a well-formed (anonymous) mapping.
        MapsParser.Result cut = corpus("broken/008-cut-mid-line.txt");
        assertThat(cut.mapsLines()).isEqualTo(6);
        assertThat(ranges).extracting(MapsRange::path).containsExactly("/dev/nvidiactl", "/dev/nvidiactl", "/dev/nvidiactl");
        assertThat(diagnostics).isEmpty();
        assertThat(corpus("broken/empty.txt")).isEqualTo(new MapsParser.Result(0, 0));
        MapsParser.Result garbage = corpus("broken/binary-garbage.bin");
        assertThat(garbage.mapsLines()).isZero();
        assertThat(diagnostics).singleElement().extracting(Diagnostic::line).isEqualTo(1L);
    }
}
