package dev.uvmctl.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CountedTest {
    @Test
    void aCountTakesItsNounsPlural() {
        assertThat(Counted.of(1, "line")).isEqualTo("1 line");
        assertThat(Counted.of(2, "va_space")).isEqualTo("2 va_spaces");
        assertThat(Counted.of(0, "process")).isEqualTo("0 processes");
    }

    @Test
    void aListShowsItsFirstAndCountsTheRest() {
        assertThat(Counted.firstOf(List.of("a", "b"), 4)).isEqualTo("a, b");
        assertThat(Counted.firstOf(List.of("a", "b", "c", "d"), 4)).isEqualTo("a, b, c, d");
        assertThat(Counted.firstOf(List.of("a", "b", "c", "d", "e"), 4)).isEqualTo("a, b, c, d and 1 more");
    }
}
