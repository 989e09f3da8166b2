package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Workers forked from one process hold its one open /dev/nvidia-uvm file (kernel/fork.c: dup_fd
 * shares the struct file; uvm_release runs when its last reference goes, uvm.c 580.95.05): one
 * va_space, one finding, one command line that ends them all.
 */
class SiblingWorkersTest {
    private static final String ROOT = "src/test/resources/roots/siblings-subreaper";

    @Test
    void anOrphanedPoolBehindASubreaperIsOneHeldVaSpaceWithOneKillForAll() {
        CliRun.Result r = new CliRun().run("leaks", "--root", ROOT, "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsOnlyOnce("\"class\" : \"held\"");
        assertThat(r.out()).contains("kill 7401 7402 7403");
        assertThat(r.out()).contains("inferred, kcmp could not be asked");
    }
}
