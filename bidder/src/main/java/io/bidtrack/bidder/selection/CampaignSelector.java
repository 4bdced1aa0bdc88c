package io.bidtrack.bidder.selection;

import io.bidtrack.bidder.openrtb.BidRequest;
import io.bidtrack.bidder.pacing.DailySpend;
import io.bidtrack.bidder.pacing.Pacer;
import io.bidtrack.common.model.Campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Picks the campaign to bid with, from the {@link CampaignIndex} of the L1 cache only (no network
 * on the bid path). Eligible: live (active, within its flight), targeting the request (country and
 * format by the index; OS, device type and content categories here), paying at least the floor,
 * not blocked by bcat or badv, and within its daily budget and pacing. Candidates come best first,
 * so the first eligible one wins (highest bidCpm, ties by id).
 */
public final class CampaignSelector {
    /** The only currency campaigns are priced in. */
    public static final String CURRENCY = "USD";

    private final Pacer pacer;
    private final Clock clock;
    private volatile CampaignIndex index = CampaignIndex.EMPTY;

    public CampaignSelector(Pacer pacer, Clock clock) {
        this.pacer = pacer;
        this.clock = clock;
    }

    /** Rebuilds the index if the campaigns changed since the last call; true if it did. */
    public boolean refresh(Collection<Campaign> campaigns) {
        List<Campaign> snapshot = List.copyOf(campaigns);
        if (index.matches(snapshot)) {
            return false;
        }
        index = CampaignIndex.build(snapshot);
        return true;
    }

    public CampaignIndex index() {
        return index;
    }

    /**
     * The first imp (in request order) some campaign can bid on, with that campaign; its spend is
     * reserved in the {@link Pacer} and must be settled once the bid's write is answered.
     */
    public Result select(BidRequest request) {
        if (!request.currencies().isEmpty() && !request.currencies().contains(CURRENCY)) {
            return Result.noBid(NoBidReason.CURRENCY);
        }
        long nowMs = clock.millis();
        Instant now = Instant.ofEpochMilli(nowMs);
        long day = DailySpend.epochDay(nowMs);
        double dayFraction = DailySpend.elapsedFraction(nowMs);
        CampaignIndex campaigns = index;
        NoBidReason reason = null;
        for (BidRequest.Imp imp : request.imps()) {
            NoBidReason impReason;
            if (!CURRENCY.equals(imp.bidFloorCur())) {
                impReason = NoBidReason.CURRENCY; // no currency conversion: a foreign floor gets no bid
            } else {
                List<List<Campaign>> lists = campaigns.candidates(imp.format(), request.device().country());
                List<Campaign> local = lists.get(0);
                List<Campaign> any = lists.get(1);
                impReason = null;
                int i = 0;
                int j = 0;
                while (i < local.size() || j < any.size()) {
                    Campaign c = j >= any.size() || (i < local.size() && CampaignIndex.BEST_FIRST.compare(local.get(i), any.get(j)) <= 0)
                            ? local.get(i++) : any.get(j++);
                    NoBidReason why = ineligible(c, request, imp, now);
                    if (why == null) {
                        long micros = DailySpend.bidMicros(c.bidCpm());
                        why = pacer.tryReserve(c, micros, day, dayFraction);
                        if (why == null) {
                            return Result.bid(new Selection(imp, c, micros, day));
                        }
                    }
                    impReason = impReason == null ? why : impReason;
                    if (why == NoBidReason.FLOOR) {
                        break; // best first: every campaign after this one bids less
                    }
                }
                impReason = impReason == null ? NoBidReason.NO_CAMPAIGN : impReason;
            }
            reason = reason == null ? impReason : reason;
        }
        return Result.noBid(reason);
    }

    /** Null when the campaign may bid on this imp, else why not (budget aside). */
    static NoBidReason ineligible(Campaign c, BidRequest request, BidRequest.Imp imp, Instant now) {
        if (!c.active()) {
            return NoBidReason.PAUSED;
        }
        if (c.flight().problemAt(now) != null) {
            return NoBidReason.FLIGHT;
        }
        Campaign.Targeting t = c.targeting();
        if (!t.os(request.device().os())) {
            return NoBidReason.OS;
        }
        if (!t.deviceType(request.device().type())) {
            return NoBidReason.DEVICE_TYPE;
        }
        if (!t.categories(request.inventory().categories())) {
            return NoBidReason.CATEGORY;
        }
        if (c.bidCpm() < imp.bidFloor()) {
            return NoBidReason.FLOOR;
        }
        if (!request.blockedCategories().isEmpty() && c.blockedBy(request.blockedCategories())) {
            return NoBidReason.BCAT;
        }
        if (request.blockedAdvertisers().contains(c.advertiserDomain())) {
            return NoBidReason.BADV;
        }
        return null;
    }

    /**
     * The imp to bid on and the campaign that bids.
     *
     * @param priceMicros what the bid costs (reserved in the pacer)
     * @param epochDay    the UTC day whose spend counter it is charged to
     */
    public record Selection(BidRequest.Imp imp, Campaign campaign, long priceMicros, long epochDay) {
    }

    /** A selection, or the reason there is none. */
    public record Result(Selection selection, NoBidReason reason) {
        static Result bid(Selection s) {
            return new Result(s, null);
        }

        static Result noBid(NoBidReason reason) {
            return new Result(null, reason);
        }
    }
}
