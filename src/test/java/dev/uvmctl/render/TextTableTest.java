package dev.uvmctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    private static TextTable sample() {
        TextTable t = new TextTable(List.of(
            TextTable.Column.left("NAME"), TextTable.Column.right("SIZE"), TextTable.Column.flexible("MEANING")));
        t.add("uvm_perf_access_counter_mimc_migration_enable", "10", "Whether access counters on memory of another GPU may migrate pages.");
        t.add("short", "1024", "Short.");
        return t;
    }

    private static String print(TextTable t, int width) {
        return print(t, width, Style.of(false));
    }

    private static String print(TextTable t, int width, Style style) {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        t.print(w, width, style);
        w.flush();
        return s.toString();
    }

    @Test
    void withoutAWidthNothingIsCutAndColumnsAlign() {
        assertThat(print(sample(), 0)).isEqualTo(
            "NAME                                           SIZE  MEANING\n"
          + "uvm_perf_access_counter_mimc_migration_enable    10  Whether access counters on memory of another GPU may migrate pages.\n"
          + "short                                          1024  Short.\n");
    }

    @Test
    void theFlexibleColumnWrapsToTheWidth() {
        String out = print(sample(), 80);
        assertThat(out.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(out).isEqualTo(
            "NAME                                           SIZE  MEANING\n"
          + "uvm_perf_access_counter_mimc_migration_enable    10  Whether access counters on\n"
          + "                                                     memory of another GPU may\n"
          + "                                                     migrate pages.\n"
          + "short                                          1024  Short.\n");
    }

    @Test
    void theFlexibleColumnIsDroppedWhenTooNarrow() {
        String out = print(sample(), 60);
        assertThat(out).doesNotContain("MEANING").doesNotContain("Whether")
            .startsWith("NAME                                           SIZE\n");
    }

    private static TextTable findings() {
        TextTable t = new TextTable(List.of(TextTable.Column.left("CLASS"), TextTable.Column.right("SIZE"),
            TextTable.Column.left("VA_SPACE").droppable(1), TextTable.Column.left("GPU").droppable(2),
            TextTable.Column.left("HELD BY").shrinkable(), TextTable.Column.right("AGE")));
        t.add("held", "3.1 GiB", "/proc/4301/fd/4", "0000:3b:00.0", "4301 pt_data_worker (mm fd), 4302 pt_data_worker", "10m00s");
        t.add("leaked", "?", "-", "0000:86:00.0", "-", "0s");
        return t;
    }

    @Test
    void aTableThatFitsIsPrintedWhole() {
        String out = print(findings(), 120);
        assertThat(out).isEqualTo(print(findings(), 0)).contains("/proc/4301/fd/4").contains("0000:3b:00.0");
    }

    @Test
    void droppableColumnsGoLowestRankFirstUntilTheRowsFit() {
        assertThat(print(findings(), 90)).isEqualTo(
            "CLASS      SIZE  GPU           HELD BY                                              AGE\n"
          + "held    3.1 GiB  0000:3b:00.0  4301 pt_data_worker (mm fd), 4302 pt_data_worker  10m00s\n"
          + "leaked        ?  0000:86:00.0  -                                                     0s\n");
        assertThat(print(findings(), 75)).isEqualTo(
            "CLASS      SIZE  HELD BY                                              AGE\n"
          + "held    3.1 GiB  4301 pt_data_worker (mm fd), 4302 pt_data_worker  10m00s\n"
          + "leaked        ?  -                                                     0s\n");
    }

    @Test
    void shrinkableColumnsAreCutWithAnEllipsisOnceNothingIsLeftToDrop() {
        assertThat(print(findings(), 50)).isEqualTo(
            "CLASS      SIZE  HELD BY                       AGE\n"
          + "held    3.1 GiB  4301 pt_data_worker (mm …  10m00s\n"
          + "leaked        ?  -                              0s\n");
        // Where the output is not UTF-8 the ellipsis is three dots, in the same width.
        assertThat(print(findings(), 50, Style.of(false, false))).isEqualTo(
            "CLASS      SIZE  HELD BY                       AGE\n"
          + "held    3.1 GiB  4301 pt_data_worker (m...  10m00s\n"
          + "leaked        ?  -                              0s\n");
    }

    @Test
    void noLineIsWiderThanTheTerminalWhateverTheWidth() {
        for (int width = 1; width <= 130; width++) {
            for (TextTable t : List.of(findings(), sample())) {
                String out = print(t, width);
                int w = width;
                assertThat(out.lines()).as("width %d:%n%s", width, out).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(w));
            }
        }
    }

    @Test
    void wrapsTheFirstLineAndTheOthersToTheirOwnWidths() {
        assertThat(TextTable.wrap("one two three four five", 7, 11)).containsExactly("one two", "three four", "five");
        assertThat(TextTable.wrap("short", 7, 3)).containsExactly("short");
    }

    @Test
    void hostileCellsAreEscaped() {
        TextTable t = new TextTable(List.of(TextTable.Column.left("COMM")));
        t.add("x\u001b[2Jy");
        assertThat(print(t, 0)).isEqualTo("COMM\nx\\x1b[2Jy\n");
    }

    @Test
    void longWordsAreSplit() {
        assertThat(TextTable.wrap("abcdefghij klm", 4)).containsExactly("abcd", "efgh", "ij", "klm");
    }
}
