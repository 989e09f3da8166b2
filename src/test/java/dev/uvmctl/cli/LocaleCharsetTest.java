package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocaleCharsetTest {
    @Test
    void theLocaleOfLcAllThenLcCtypeThenLangTellsTheCharset() {
        assertThat(LocaleCharset.of(Map.of("LANG", "en_US.UTF-8"))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(LocaleCharset.of(Map.of("LANG", "C.utf8"))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(LocaleCharset.of(Map.of("LANG", "en_US.UTF-8", "LC_ALL", "C"))).isEqualTo(StandardCharsets.US_ASCII);
        assertThat(LocaleCharset.of(Map.of("LANG", "C", "LC_CTYPE", "de_DE.UTF-8"))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(LocaleCharset.of(Map.of("LANG", "en_US.UTF-8", "LC_ALL", ""))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(LocaleCharset.of(Map.of("LANG", "de_DE.ISO-8859-15@euro"))).isEqualTo(Charset.forName("ISO-8859-15"));
        assertThat(LocaleCharset.of(Map.of("LANG", "en_US"))).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(LocaleCharset.of(Map.of("LANG", "POSIX"))).isEqualTo(StandardCharsets.US_ASCII);
        assertThat(LocaleCharset.of(Map.of())).isEqualTo(StandardCharsets.US_ASCII);
        assertThat(LocaleCharset.of(Map.of("LANG", "xx_XX.NO-SUCH-CODESET"))).isEqualTo(StandardCharsets.US_ASCII);
    }

    @Test
    void aRealProcessTakesItsOutputCharsetFromItsLocale() {
        CliContext ascii = Launch.context(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()),
            java.io.InputStream.nullInputStream(), Map.of("LANG", "C"));
        assertThat(ascii.outputCharset()).isEqualTo(StandardCharsets.US_ASCII);
        assertThat(ascii.outStyle().glyph(dev.uvmctl.render.Style.Glyph.ELLIPSIS)).isEqualTo("...");
    }
}
