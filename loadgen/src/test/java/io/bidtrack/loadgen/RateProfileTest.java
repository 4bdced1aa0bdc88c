package io.bidtrack.loadgen;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateProfileTest {
    private static final RateProfile SPIKE = RateProfile.parse("0s:1, 20s:1, 30s:3, 50s:3, 1m:1");

    @Test
    void theRateFollowsThePointsLinearlyAndHoldsTheLast() {
        assertEquals(1, SPIKE.multiplierAt(10), 1e-9);
        assertEquals(2, SPIKE.multiplierAt(25), 1e-9);
        assertEquals(3, SPIKE.multiplierAt(40), 1e-9);
        assertEquals(2, SPIKE.multiplierAt(55), 1e-9);
        assertEquals(1, SPIKE.multiplierAt(600), 1e-9);
    }

    @Test
    void theCountIsTheIntegralOfTheRate() {
        // 100/s: 20 s at 1x (2,000), a ramp 1x->3x over 10 s (2,000), 20 s at 3x (6,000), back over 10 s (2,000), then 1x.
        assertEquals(2_000, SPIKE.count(100, 20), 1e-6);
        assertEquals(4_000, SPIKE.count(100, 30), 1e-6);
        assertEquals(10_000, SPIKE.count(100, 50), 1e-6);
        assertEquals(12_000, SPIKE.count(100, 60), 1e-6);
        assertEquals(13_000, SPIKE.count(100, 70), 1e-6);
        assertEquals(2_000 + 100 * (1 * 5 + 0.2 * 25 / 2), SPIKE.count(100, 25), 1e-6, "half way up the ramp");
    }

    @Test
    void secondsUntilInvertsTheCount() {
        for (long i : List.of(0L, 1L, 1_999L, 2_000L, 2_500L, 3_999L, 7_777L, 11_000L, 12_345L, 50_000L)) {
            double t = SPIKE.secondsUntil(100, i);
            assertEquals(i, SPIKE.count(100, t), 1e-6, "request " + i + " at " + t + " s");
        }
    }

    @Test
    void theSchedulerSendsThreeTimesAsFastAtThePeak() {
        long start = 1_000_000_000L;
        long total = OpenLoopScheduler.totalFor(100, SPIKE, 70_000_000_000L);
        assertEquals(13_000, total);
        OpenLoopScheduler s = new OpenLoopScheduler(100, SPIKE, start, total);
        long atTen = s.dueCount(start + 11_000_000_000L) - s.dueCount(start + 10_000_000_000L);
        long atForty = s.dueCount(start + 41_000_000_000L) - s.dueCount(start + 40_000_000_000L);
        assertEquals(100, atTen, 1);
        assertEquals(300, atForty, 1);
        for (long i = 1; i < total; i += 97) {
            assertTrue(s.dueNanos(i) >= s.dueNanos(i - 1), "due times never go back");
        }
    }

    @Test
    void badProfilesAreRefusedNamingTheOption() {
        for (String bad : List.of("", "1s:1", "0s:1,0s:2", "0s:0", "0s:1,10s", "0s:abc", "0s:5000", "soon:1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateProfile.parse(bad), bad);
            assertTrue(e.getMessage().contains("--rate-profile"), e.getMessage());
        }
        assertEquals("0s:1,20s:1,30s:3,50s:3,60s:1", SPIKE.toString());
        assertTrue(RateProfile.parse("0s:1").isSteady());
    }
}
