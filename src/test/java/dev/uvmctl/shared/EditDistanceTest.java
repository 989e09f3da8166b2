package dev.uvmctl.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceTest {
    @Test
    void countsInsertionsDeletionsSubstitutionsAndSwapsOfNeighbours() {
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("lekas", "leaks")).as("one swap").isEqualTo(1);
        assertThat(EditDistance.between("", "watch")).isEqualTo(5);
        assertThat(EditDistance.between("params", "params")).isZero();
    }

    @Test
    void onlyWhatIsATypoAwayIsClose() {
        List<String> commands = List.of("leaks", "events", "params", "dmesg", "va-spaces", "holders", "watch", "completion");
        assertThat(EditDistance.close("nosuchcmd", commands)).isEmpty();
        assertThat(EditDistance.close("lekas", commands)).containsExactly("leaks");
        assertThat(EditDistance.close("hold", commands)).as("a start of three characters or more").containsExactly("holders");
        assertThat(EditDistance.close("wa", commands)).as("too short to stand for a start").isEmpty();
        assertThat(EditDistance.close("x", commands)).isEmpty();
    }
}
