package dev.uvmctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ColorModeTest {

    @Test
    void explicitChoiceWinsOverTheEnvironment() {
        assertThat(ColorMode.always.enabled(Map.of("NO_COLOR", "1"), false)).isTrue();
        assertThat(ColorMode.never.enabled(Map.of("CLICOLOR_FORCE", "1"), true)).isFalse();
    }

    @Test
    void noColorSetToAnythingTurnsAutoOff() {
        assertThat(ColorMode.auto.enabled(Map.of("NO_COLOR", ""), true)).isFalse();
        assertThat(ColorMode.auto.enabled(Map.of("NO_COLOR", "", "CLICOLOR_FORCE", "1"), true)).isFalse();
    }

    @Test
    void cliColorForceTurnsAutoOnWithoutATerminal() {
        assertThat(ColorMode.auto.enabled(Map.of("CLICOLOR_FORCE", "1"), false)).isTrue();
        assertThat(ColorMode.auto.enabled(Map.of("CLICOLOR_FORCE", "0"), false)).isFalse();
    }

    @Test
    void autoFollowsTheStream() {
        assertThat(ColorMode.auto.enabled(Map.of(), true)).isTrue();
        assertThat(ColorMode.auto.enabled(Map.of(), false)).isFalse();
    }
}
