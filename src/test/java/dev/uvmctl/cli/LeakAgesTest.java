package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Since when: an age is what an input dated (an OOM kill in the kernel log, the first of several
 * snapshots), never the capture's own time. What nothing dated is {@code ?} in the table and
 * {@code null} in JSON, and {@code --min-age} keeps it, so a cron check with {@code --min-age} fires.
 */
class LeakAgesTest {

    /** examples/oom-node: the kernel log saw 5120 OOM-killed at 4210.48 s; the capture is at 7811 s. */
    @Test
    void whatUvmStillRetainsIsDatedByTheOomKillOfTheProcessNvidiaSmiStillCharges() {
        CliRun.Result r = new CliRun().run("leaks", "--root", "examples/oom-node", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"id\" : \"leaked-f6e5a44abe96b186\"");
        String retained = r.out().substring(r.out().indexOf("\"id\" : \"leaked-f6e5a44abe96b186\""));
        assertThat(retained).contains("\"since\" : 4210.48129", "\"age_seconds\" : 3600.51871");
    }

    @Test
    void aCronCheckWithMinAgeOneHourFiresOnTheExample() {
        CliRun.Result r = new CliRun().run("leaks", "--root", "examples/oom-node", "--min-age", "1h");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("leaked-f6e5a44abe96b186", "1h00m");
        CliRun.Result younger = new CliRun().run("leaks", "--root", "examples/oom-node", "--min-age", "2h");
        assertThat(younger.exitCode()).as("dated findings younger than the limit are left out").isEqualTo(0);
    }

    /** A lone snapshot with no kernel-log end: nothing dates what it shows. */
    @Test
    void whatOneSnapshotAloneShowsHasAnUnknownAgeThatMinAgeNeverHides() {
        CliRun.Result json = new CliRun().run("leaks", "--root", "src/test/resources/roots/live-retained-535", "-o", "json");
        assertThat(json.out()).doesNotContain("\"age_seconds\" : 0,").contains("\"age_seconds\" : null");
        CliRun.Result table = new CliRun().run("leaks", "--root", "src/test/resources/roots/live-retained-535", "--min-age", "30d");
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(1);
        assertThat(table.out()).contains("leaked-56d99d4c681ccfd1").doesNotContain(" 0s\n");
        assertThat(table.out().lines().filter(l -> l.startsWith("leaked ")).findFirst().orElseThrow()).endsWith("?");
    }
}
