package dev.uvmctl.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Provenance;
import org.junit.jupiter.api.Test;

/** nvidia-smi's placeholder for a pid it cannot resolve is not the process's name. */
class SmiProcessTest {
    private static SmiProcess named(String name) {
        return new SmiProcess(0, null, null, null, null, 4561, "C", name, 1L << 30, null, Provenance.of("apps.csv"));
    }

    @Test
    void notFoundIsNoName() {
        assertThat(named("[Not Found]").name()).isNull();
        assertThat(named(" [Not Found] ").name()).isNull();
        assertThat(named("").name()).isNull();
        assertThat(named("python3").name()).isEqualTo("python3");
        assertThat(named("[Not Found]x").name()).isEqualTo("[Not Found]x");
    }
}
