package dev.uvmctl.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Edit distance (Levenshtein, with a swap of two neighbouring characters counted as one edit,
 * the commonest typo), for suggesting what a misspelt name meant: a parameter, a command, an
 * option.
 */
public final class EditDistance {
    private EditDistance() {
    }

    public static int between(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The names of {@code candidates} close enough to {@code typed} to be what was meant, nearest
     * first: one edit away for a short word, two for a longer one, or begun by it (three
     * characters or more). None when nothing is close: a far guess misleads more than none.
     */
    public static List<String> close(String typed, Collection<String> candidates) {
        int most = Math.max(1, Math.min(2, typed.length() / 3));
        List<String> close = new ArrayList<>();
        for (String c : candidates) {
            if (!close.contains(c) && (between(typed, c) <= most || typed.length() >= 3 && c.startsWith(typed))) {
                close.add(c);
            }
        }
        close.sort(Comparator.comparingInt(c -> between(typed, c)));
        return close;
    }
}
