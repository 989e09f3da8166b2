package dev.uvmctl.cli;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;

/**
 * The charset a process's locale reads text in, as POSIX setlocale(LC_CTYPE, "") finds it: the
 * first non-empty of {@code LC_ALL}, {@code LC_CTYPE}, {@code LANG}; its codeset after the dot
 * ({@code en_US.UTF-8}, {@code C.utf8}, {@code de_DE.ISO-8859-15@euro}). None set, {@code C} or
 * {@code POSIX} is ASCII; a locale without a codeset ({@code en_US}) is glibc's Latin-1; a codeset
 * Java does not know is taken as ASCII, the charset every other one can show.
 */
final class LocaleCharset {
    private LocaleCharset() {
    }

    static Charset of(Map<String, String> env) {
        String locale = null;
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(name);
            if (v != null && !v.isEmpty()) {
                locale = v;
                break;
            }
        }
        if (locale == null || locale.equals("C") || locale.equals("POSIX")) {
            return StandardCharsets.US_ASCII;
        }
        int dot = locale.indexOf('.');
        if (dot < 0) {
            return StandardCharsets.ISO_8859_1;
        }
        String codeset = locale.substring(dot + 1);
        int at = codeset.indexOf('@');
        codeset = at < 0 ? codeset : codeset.substring(0, at);
        if (codeset.equalsIgnoreCase("utf8") || codeset.equalsIgnoreCase("utf-8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(codeset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.US_ASCII;
        }
    }
}
