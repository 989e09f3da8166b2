package dev.uvmctl.kernellog;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Month names as syslog and {@code dmesg -T} write them in the locales seen on GPU machines:
 * English, German, French, Spanish, Italian, Portuguese, Dutch, Russian, and the CJK
 * {@code 11月} / {@code 11월} forms (a machine with a Chinese locale writes {@code 11月 15}).
 */
final class Months {
    private static final Map<String, Integer> NAMES = new HashMap<>();

    static {
        add(1, "jan", "january", "januar", "janv", "janvier", "ene", "enero", "gen", "gennaio", "janeiro", "januari", "янв");
        add(2, "feb", "february", "februar", "févr", "fevr", "février", "febrero", "febbraio", "fev", "fevereiro", "februari", "фев");
        add(3, "mar", "march", "mär", "märz", "mars", "marzo", "março", "mrt", "maart", "мар");
        add(4, "apr", "april", "avr", "avril", "abr", "abril", "aprile", "апр");
        add(5, "may", "mai", "mayo", "mag", "maggio", "maio", "mei", "мая", "май");
        add(6, "jun", "june", "juni", "juin", "junio", "giu", "giugno", "junho", "июн");
        add(7, "jul", "july", "juli", "juil", "juillet", "julio", "lug", "luglio", "julho", "июл");
        add(8, "aug", "august", "août", "aout", "ago", "agosto", "augustus", "авг");
        add(9, "sep", "sept", "september", "septembre", "septiembre", "set", "settembre", "setembro", "сен");
        add(10, "oct", "october", "okt", "oktober", "octobre", "octubre", "ott", "ottobre", "out", "outubro", "окт");
        add(11, "nov", "november", "novembre", "noviembre", "novembro", "ноя");
        add(12, "dec", "december", "dez", "dezember", "déc", "décembre", "dic", "diciembre", "dicembre", "dezembro", "дек");
    }

    private Months() {
    }

    private static void add(int month, String... names) {
        for (String n : names) {
            NAMES.put(n, month);
        }
    }

    /** 1..12 for a month token ({@code Nov}, {@code nov.}, {@code Dez}, {@code 11月}), else 0. */
    static int parse(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        char last = token.charAt(token.length() - 1);
        if (last == '月' || last == '월') {
            String digits = token.substring(0, token.length() - 1);
            if (digits.length() >= 1 && digits.length() <= 2 && digits.chars().allMatch(Character::isDigit)) {
                int m = Integer.parseInt(digits);
                return m >= 1 && m <= 12 ? m : 0;
            }
            return 0;
        }
        String t = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
        Integer m = NAMES.get(t.toLowerCase(Locale.ROOT));
        return m == null ? 0 : m;
    }
}
