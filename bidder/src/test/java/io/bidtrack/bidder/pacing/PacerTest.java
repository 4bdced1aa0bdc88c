package io.bidtrack.bidder.pacing;

import io.bidtrack.bidder.selection.NoBidReason;
import io.bidtrack.common.model.Campaign;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Budget and pacing arithmetic, without a store. */
class PacerTest {
    static final long DAY = DailySpend.epochDay(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());

    static Campaign budgeted(double dailyUsd, Campaign.Pacing pacing) {
        return new Campaign("c1", "c1", true, "a.example", 2.5, "https://a.example/", null, null, null,
                new Campaign.Budget(dailyUsd, pacing));
    }

    @Test
    void units() {
        assertEquals(2500, DailySpend.bidMicros(2.5));
        assertEquals(10_000, DailySpend.budgetMicros(0.01));
        assertEquals(0.5, DailySpend.elapsedFraction(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli()));
        assertEquals("spend:c1:2026-03-01", DailySpend.key("c1", DAY));
    }

    @Test
    void asapStopsAtTheBudgetCountingBidsInFlight() {
        Pacer pacer = new Pacer();
        Campaign c = budgeted(0.01, Campaign.Pacing.ASAP);
        for (int i = 0; i < 4; i++) {
            assertNull(pacer.tryReserve(c, 2500, DAY, 0.0)); // none settled yet: in flight counts
        }
        assertEquals(NoBidReason.BUDGET, pacer.tryReserve(c, 2500, DAY, 0.0));
        assertEquals(10_000, pacer.committed("c1", DAY));
        // A failed write releases its reservation; an answered one keeps the store's counter.
        pacer.settle("c1", DAY, 2500, null);
        assertEquals(7500, pacer.committed("c1", DAY));
        pacer.settle("c1", DAY, 2500, 2500L);
        assertEquals(7500, pacer.committed("c1", DAY));
        assertNull(pacer.tryReserve(c, 2500, DAY, 0.0));
    }

    @Test
    void otherInstancesSpendIsSeen() {
        Pacer pacer = new Pacer();
        Campaign c = budgeted(0.01, Campaign.Pacing.ASAP);
        pacer.observe("c1", DAY, 9000);
        assertEquals(NoBidReason.BUDGET, pacer.tryReserve(c, 2500, DAY, 0.0));
        pacer.observe("c1", DAY, 1000); // counters only grow: an older reading changes nothing
        assertEquals(9000, pacer.committed("c1", DAY));
        // A new UTC day starts from zero.
        assertNull(pacer.tryReserve(c, 2500, DAY + 1, 0.0));
    }

    @Test
    void evenFollowsTheDayWithAnAllowanceOfOneBid() {
        assertEquals(2500, Pacer.evenLimit(20_000, 2500, 0.0));
        assertEquals(12_500, Pacer.evenLimit(20_000, 2500, 0.5));
        assertEquals(20_000, Pacer.evenLimit(20_000, 2500, 0.99));
        assertEquals(1_000_000 / 2 + 10_000, Pacer.evenLimit(1_000_000, 2500, 0.5)); // 1% of a larger budget
        Pacer pacer = new Pacer();
        Campaign c = budgeted(0.02, Campaign.Pacing.EVEN);
        assertNull(pacer.tryReserve(c, 2500, DAY, 0.0)); // a campaign can start at midnight
        assertEquals(NoBidReason.PACING, pacer.tryReserve(c, 2500, DAY, 0.0));
        assertNull(pacer.tryReserve(c, 2500, DAY, 0.25)); // line 5000 + 2500: two more bids
        assertNull(pacer.tryReserve(c, 2500, DAY, 0.25));
        assertEquals(NoBidReason.PACING, pacer.tryReserve(c, 2500, DAY, 0.25));
    }

    @Test
    void unbudgetedCampaignsAreNotTracked() {
        Pacer pacer = new Pacer();
        Campaign c = budgeted(0, Campaign.Pacing.ASAP);
        for (int i = 0; i < 100; i++) {
            assertNull(pacer.tryReserve(c, 2500, DAY, 0.0));
        }
        assertEquals(0, pacer.committed("c1", DAY));
    }
}
