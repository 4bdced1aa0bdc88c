package io.bidtrack.bidder.pacing;

import io.bidtrack.bidder.selection.NoBidReason;
import io.bidtrack.common.model.Campaign;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, without a round trip, whether a budgeted campaign may place one more bid today.
 * <p>
 * Spend is counted at bid time, at the bid price: every bid is assumed to win and to be paid in
 * full (committed spend). That over-counts lost auctions and second-price discounts, so a campaign
 * may under-deliver a little, but it can never overspend, even if every bid wins, and it needs
 * nothing from win notices, which arrive late (or never) and at the tracker, not here. Reconciling
 * with billing notices ({@code burl}) would be the next refinement.
 * <p>
 * The local view of a campaign's spend today is the highest counter value the store has told us
 * (the reply to our INCRBY, or the periodic MGET that also shows other bidder instances' spend)
 * plus the spend of this instance's bids whose write has not been answered yet (in flight). An
 * in-flight bid whose INCRBY the MGET already saw is counted twice until its reply arrives: the
 * error is on the safe side.
 * <p>
 * Pacing: ASAP bids until the budget is reached. EVEN allows at most the budget times the elapsed
 * fraction of the UTC day, plus an allowance of one bid (or 1% of the budget if larger) so a
 * campaign can start right after midnight. Neither ever exceeds the budget.
 */
public final class Pacer {
    private final Map<String, Day> spend = new ConcurrentHashMap<>();

    /**
     * Reserves {@code micros} of today's budget for one bid.
     *
     * @return null when reserved (settle it with {@link #settle}), else why not
     */
    public NoBidReason tryReserve(Campaign c, long micros, long epochDay, double dayFraction) {
        if (!c.budget().limited()) {
            return null;
        }
        long budget = DailySpend.budgetMicros(c.budget().dailyUsd());
        Day day = day(c.id(), epochDay);
        synchronized (day) {
            long committed = day.stored + day.inFlight;
            if (committed + micros > budget) {
                return NoBidReason.BUDGET;
            }
            if (c.budget().pacing() == Campaign.Pacing.EVEN && committed + micros > evenLimit(budget, micros, dayFraction)) {
                return NoBidReason.PACING;
            }
            day.inFlight += micros;
            return null;
        }
    }

    /** The most an EVEN campaign may have spent by this point of the day (this bid included). */
    static long evenLimit(long budgetMicros, long bidMicros, double dayFraction) {
        long allowance = Math.max(bidMicros, budgetMicros / 100);
        return Math.min(budgetMicros, (long) (budgetMicros * dayFraction) + allowance);
    }

    /**
     * Ends a reservation: the bid's write was answered ({@code counter} is what INCRBY returned)
     * or failed ({@code counter} null: whether the INCRBY landed, the next refresh will tell).
     */
    public void settle(String campaignId, long epochDay, long micros, Long counter) {
        Day day = spend.get(campaignId);
        if (day == null || day.epochDay != epochDay) {
            return; // not budgeted, or the day has turned: today's counter starts from the store
        }
        synchronized (day) {
            day.inFlight = Math.max(0, day.inFlight - micros);
            if (counter != null) {
                day.stored = Math.max(day.stored, counter);
            }
        }
    }

    /** What the store says a campaign has spent on {@code epochDay} (all instances); counters only grow. */
    public void observe(String campaignId, long epochDay, long counter) {
        Day day = day(campaignId, epochDay);
        synchronized (day) {
            day.stored = Math.max(day.stored, counter);
        }
    }

    /** The local view (stored + in flight), for tests and metrics. */
    public long committed(String campaignId, long epochDay) {
        Day day = spend.get(campaignId);
        if (day == null || day.epochDay != epochDay) {
            return 0;
        }
        synchronized (day) {
            return day.stored + day.inFlight;
        }
    }

    /** Forgets campaigns no longer tracked and days gone by. */
    public void retain(java.util.Set<String> campaignIds, long epochDay) {
        spend.entrySet().removeIf(e -> !campaignIds.contains(e.getKey()) || e.getValue().epochDay != epochDay);
    }

    private Day day(String campaignId, long epochDay) {
        Day day = spend.get(campaignId);
        if (day != null && day.epochDay == epochDay) {
            return day;
        }
        return spend.compute(campaignId, (id, old) -> old != null && old.epochDay == epochDay ? old : new Day(epochDay));
    }

    private static final class Day {
        final long epochDay;
        long stored;
        long inFlight;

        Day(long epochDay) {
            this.epochDay = epochDay;
        }
    }
}
