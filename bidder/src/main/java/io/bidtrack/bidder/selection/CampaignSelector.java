package io.bidtrack.bidder.selection;

import io.bidtrack.bidder.openrtb.BidRequest;
import io.bidtrack.common.coredata.CampaignCache;
import io.bidtrack.common.model.Campaign;

import java.util.Optional;

/**
 * Picks the campaign to bid with, from the L1 cache only (no network on the bid path). Eligible:
 * active, targeting the device's country and the imp's format, paying at least the floor, and not
 * blocked by {@code badv}. Among those the highest bid wins (ties by id, so the choice is stable).
 * <p>
 * A linear scan: fine for the hundreds of campaigns of a skeleton; an index by (country, format)
 * is the next step at 100,000.
 */
public final class CampaignSelector {
    /** The only currency campaigns are priced in. */
    public static final String CURRENCY = "USD";

    private final CampaignCache campaigns;

    public CampaignSelector(CampaignCache campaigns) {
        this.campaigns = campaigns;
    }

    /** The first imp (in request order) that some campaign can bid on, with that campaign. */
    public Optional<Selection> select(BidRequest request) {
        if (!request.currencies().isEmpty() && !request.currencies().contains(CURRENCY)) {
            return Optional.empty();
        }
        for (BidRequest.Imp imp : request.imps()) {
            if (!CURRENCY.equals(imp.bidFloorCur())) {
                continue; // no currency conversion yet: an imp floored in another currency gets no bid
            }
            Campaign best = null;
            for (Campaign c : campaigns.campaigns()) {
                if (eligible(c, request, imp) && (best == null || better(c, best))) {
                    best = c;
                }
            }
            if (best != null) {
                return Optional.of(new Selection(imp, best));
            }
        }
        return Optional.empty();
    }

    private static boolean eligible(Campaign c, BidRequest request, BidRequest.Imp imp) {
        return c.active()
                && c.targetsCountry(request.country())
                && c.targetsFormat(imp.format())
                && c.bidCpm() >= imp.bidFloor()
                && !request.blockedAdvertisers().contains(c.advertiserDomain());
    }

    private static boolean better(Campaign c, Campaign best) {
        int byPrice = Double.compare(c.bidCpm(), best.bidCpm());
        return byPrice > 0 || (byPrice == 0 && c.id().compareTo(best.id()) < 0);
    }

    /** The imp to bid on and the campaign that bids. */
    public record Selection(BidRequest.Imp imp, Campaign campaign) {
    }
}
