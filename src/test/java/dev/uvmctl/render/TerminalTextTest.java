package dev.uvmctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void plainTextIsUnchanged() {
        String s = "python3 train.py — 学習";
        assertThat(TerminalText.escape(s)).isSameAs(s);
    }

    @Test
    void escapeSequencesAndControlsBecomeVisible() {
        assertThat(TerminalText.escape("evil\u001b]0;pwned\u0007name")).isEqualTo("evil\\x1b]0;pwned\\x07name");
        assertThat(TerminalText.escape("a\tb\nc\rd\u0000")).isEqualTo("a\\tb\\nc\\rd\\x00");
        assertThat(TerminalText.escape("\u009b31m")).isEqualTo("\\x9b31m");
    }

    @Test
    void bidiOverridesAreShown() {
        assertThat(TerminalText.escape("abc\u202edcba")).isEqualTo("abc\\u202edcba");
    }

    @Test
    void nullIsEmpty() {
        assertThat(TerminalText.escape(null)).isEmpty();
    }
}
