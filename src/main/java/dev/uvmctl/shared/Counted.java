package dev.uvmctl.shared;

/** A count with its noun, as the messages and tables write it: "1 line", "2 lines". */
public final class Counted {
    private Counted() {
    }

    /** {@code n} and {@code one} when it is 1, else {@code many}. */
    public static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** {@code n} and {@code noun}, with the plural's "s" ("es" after an s) when it is not 1. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + (noun.endsWith("s") ? "es" : "s"));
    }
}
