package dev.uvmctl.shared;

import java.util.List;

/** A count with its noun, as the messages and tables write it: "1 line", "2 lines". */
public final class Counted {
    private Counted() {
    }

    /** {@code n} and {@code one} when it is 1, else {@code many}. */
    public static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The first {@code shown} of {@code items}, comma-separated, and how many more there are: "a, b and 3 more". */
    public static String firstOf(List<String> items, int shown) {
        String first = String.join(", ", items.subList(0, Math.min(shown, items.size())));
        return items.size() > shown ? first + " and " + (items.size() - shown) + " more" : first;
    }

    /** {@code n} and {@code noun}, with the plural's "s" ("es" after an s) when it is not 1. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + (noun.endsWith("s") ? "es" : "s"));
    }
}
