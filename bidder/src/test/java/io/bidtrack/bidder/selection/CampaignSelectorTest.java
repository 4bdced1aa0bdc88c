package io.bidtrack.bidder.selection;

import io.bidtrack.bidder.openrtb.BidRequest;
import io.bidtrack.bidder.pacing.Pacer;
import io.bidtrack.common.model.Campaign;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index picks exactly what a full scan of every campaign would pick. */
class CampaignSelectorTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void indexedSelectionEqualsAFullScan() {
        List<Campaign> campaigns = RandomCampaigns.campaigns(3000, 7);
        CampaignSelector selector = new CampaignSelector(new Pacer(), CLOCK);
        assertTrue(selector.refresh(campaigns));
        Random random = new Random(11);
        int bids = 0;
        for (int i = 0; i < 5000; i++) {
            BidRequest request = RandomCampaigns.request(random);
            CampaignSelector.Result result = selector.select(request);
            Campaign expected = fullScan(campaigns, request);
            assertEquals(expected == null ? null : expected.id(),
                    result.selection() == null ? null : result.selection().campaign().id(), request.toString());
            bids += expected == null ? 0 : 1;
        }
        assertTrue(bids > 1000 && bids < 5000, bids + " bids of 5000: the random data should exercise both outcomes");
    }

    /** The definition: the best eligible campaign, by price then id. */
    private static Campaign fullScan(List<Campaign> campaigns, BidRequest request) {
        BidRequest.Imp imp = request.imps().getFirst();
        List<Campaign> eligible = new ArrayList<>();
        for (Campaign c : campaigns) {
            if (c.targetsCountry(request.device().country()) && c.targetsFormat(imp.format())
                    && CampaignSelector.ineligible(c, request, imp, CLOCK.instant()) == null) {
                eligible.add(c);
            }
        }
        eligible.sort(CampaignIndex.BEST_FIRST);
        return eligible.isEmpty() ? null : eligible.getFirst();
    }

    @Test
    void refreshRebuildsOnlyWhenTheCampaignsChange() {
        List<Campaign> campaigns = new ArrayList<>(RandomCampaigns.campaigns(10, 1));
        CampaignSelector selector = new CampaignSelector(new Pacer(), CLOCK);
        assertTrue(selector.refresh(campaigns));
        assertFalse(selector.refresh(new ArrayList<>(campaigns)));
        Campaign c = campaigns.get(3);
        campaigns.set(3, new Campaign(c.id(), c.name(), !c.active(), c.advertiserDomain(), c.bidCpm(), c.landingUrl(),
                c.targeting(), c.adCategories(), c.flight(), c.budget()));
        assertTrue(selector.refresh(campaigns));
        campaigns.remove(0);
        assertTrue(selector.refresh(campaigns));
        assertEquals(9, selector.index().size());
    }
}
