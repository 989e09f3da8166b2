package dev.uvmctl.cli;

/**
 * Expected outputs of the leaks scenarios, kept under src/test/resources/dev/uvmctl/leaks/expected
 * and compared exactly by the one golden-file mechanism ({@link dev.uvmctl.testing.Golden}): rerun
 * with {@code -Duvmctl.golden.update=true} after a deliberate change (this helper once had its own
 * switch, so one update run left these files stale).
 */
final class LeaksGoldens {
    private static final String DIR = "dev/uvmctl/leaks/expected/";

    private LeaksGoldens() {
    }

    static void check(String name, String actual) {
        dev.uvmctl.testing.Golden.assertMatches(actual, DIR + name);
    }
}
