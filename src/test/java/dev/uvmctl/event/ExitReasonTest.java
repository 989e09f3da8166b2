package dev.uvmctl.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one rule of which ends a later report of a blocked teardown belongs to (ExitReason.stillTearingDown). */
class ExitReasonTest {
    @Test
    void aKillIsStillTearingDownWhateverShowedTheBlock() {
        for (ExitReason killed : new ExitReason[] {ExitReason.oom_kill, ExitReason.signal}) {
            for (BlockReason shown : BlockReason.values()) {
                assertEquals(true, killed.stillTearingDown(shown), killed + " " + shown);
            }
            assertEquals(true, killed.stillTearingDown(null), killed + " with no reason");
        }
    }

    @Test
    void aPlainExitOnlyWhenATraceSawItsTeardownNotReturn() {
        for (BlockReason shown : BlockReason.values()) {
            assertEquals(shown == BlockReason.traced, ExitReason.exit.stillTearingDown(shown), shown.name());
        }
        assertEquals(false, ExitReason.exit.stillTearingDown(null));
    }
}
