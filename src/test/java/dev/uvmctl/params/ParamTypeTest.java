package dev.uvmctl.params;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParamTypeTest {

    @Test
    void integersFollowKstrtoBaseZero() {
        assertThat(ParamType.INT.rejects("-1")).isEmpty();
        assertThat(ParamType.INT.rejects("0x10")).isEmpty();
        assertThat(ParamType.INT.canonical("0x10")).isEqualTo("16");
        assertThat(ParamType.INT.canonical("010")).isEqualTo("8");
        assertThat(ParamType.INT.rejects("2147483648")).contains("'2147483648' is out of range for int");
        assertThat(ParamType.UINT.rejects("-1")).contains("'-1' is out of range for uint");
        assertThat(ParamType.UINT.rejects("lots")).contains("'lots' is not an integer (uint)");
        assertThat(ParamType.ULONG.rejects("18446744073709551615")).isEmpty();
        assertThat(ParamType.UINT.rejects("")).isPresent();
    }

    @Test
    void boolsFollowKstrtobool() {
        for (String yes : new String[] {"Y", "y", "1", "on", "yes"}) {
            assertThat(ParamType.BOOL.canonical(yes)).as(yes).isEqualTo("Y");
        }
        for (String no : new String[] {"N", "n", "0", "off"}) {
            assertThat(ParamType.BOOL.canonical(no)).as(no).isEqualTo("N");
        }
        assertThat(ParamType.BOOL.rejects("maybe")).isPresent();
        assertThat(ParamType.BOOL.rejects("o")).isPresent();
    }

    /** As C tests a parameter ({@code if (uvm_enable_va_space_mm)}): any integer but 0 is true. */
    @Test
    void theTruthOfAValueIsCs() {
        assertThat(ParamType.INT.truth("0")).contains(false);
        assertThat(ParamType.INT.truth("0x0")).contains(false);
        assertThat(ParamType.INT.truth("1")).contains(true);
        assertThat(ParamType.INT.truth("-1")).contains(true);
        assertThat(ParamType.INT.truth("2147483648")).as("out of range").isEmpty();
        assertThat(ParamType.INT.truth("one")).isEmpty();
        assertThat(ParamType.BOOL.truth("N")).contains(false);
        assertThat(ParamType.BOOL.truth("Y")).contains(true);
        assertThat(ParamType.CHARP.truth("1")).isEmpty();
    }

    @Test
    void stringsTakeAnything() {
        assertThat(ParamType.CHARP.rejects("(null)")).isEmpty();
        assertThat(ParamType.CHARP.canonical("vid")).isEqualTo("vid");
    }
}
