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
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        t.print(w, width, Style.of(false));
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
