package io.bidtrack.loadgen;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColdEventsTest {
    private static ColdEvents of(DelayProfile profile, double share) {
        return new ColdEvents(profile, share, 24, Duration.ofSeconds(30), Duration.ofSeconds(150), Duration.ofMinutes(3),
                "redis://127.0.0.1:1", "127.0.0.1:1");
    }

    @Test
    void compressedHoldsTheRunsOwnEventsPastTheHotTtl() {
        LoadRun.DelayedPart delayed = of(DelayProfile.compressed, 0.1).delayedBids();
        assertEquals(0.1, delayed.share());
        assertEquals(Duration.ofSeconds(30 + 150 + 15), delayed.delay(), "hot window + hot margin + slack");
        assertNull(of(DelayProfile.realistic, 0.1).delayedBids());
        assertNull(of(DelayProfile.compressed, 0).delayedBids());
    }

    @Test
    void otherProfilesBackfillNothing() throws Exception {
        LoadConfig config = new LoadConfig("http://b", "http://t", 10, Duration.ofSeconds(1), 0.9, 1, 1, Duration.ofSeconds(1));
        assertNull(of(DelayProfile.none, 0.1).oldBids(config, null));
        assertNull(of(DelayProfile.compressed, 0.1).oldBids(config, null));
        assertNull(of(DelayProfile.realistic, 0).oldBids(config, null));
    }

    @Test
    void badSettingsNameTheirOption() {
        for (Runnable bad : new Runnable[] {
                () -> of(DelayProfile.realistic, 0.95),
                () -> new ColdEvents(DelayProfile.realistic, 0.1, 0, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), "r", "k"),
                () -> new ColdEvents(DelayProfile.realistic, 0.1, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO, "r", "k")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
            assertTrue(e.getMessage().startsWith("--cold-"), e.getMessage());
        }
    }
}
