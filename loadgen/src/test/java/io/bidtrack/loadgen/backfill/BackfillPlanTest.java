package io.bidtrack.loadgen.backfill;

import io.bidtrack.bidder.openrtb.BidResponses;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackfillPlanTest {
    private static final Instant END = Instant.parse("2026-12-05T08:00:00Z");
    private static final long HOUR = BackfillPlan.HOUR_MS;

    /** Targets two countries (one the catalog has no city for), video, iOS phones and news sites. */
    private static final Campaign TARGETED = new Campaign("news-ios", "News on iOS", true, "paper.example", 2.5,
            "https://paper.example/subscribe",
            new Campaign.Targeting(Set.of("USA", "ISL"), Set.of("video"), Set.of("ios"), Set.of(4), Set.of("IAB12")),
            Set.of("IAB12", "IAB3"), Campaign.Flight.ALWAYS, Campaign.Budget.UNLIMITED);
    private static final List<Campaign> CAMPAIGNS = List.of(TARGETED, anyone("c1", 1.2), anyone("c2", 0.8));

    private static Campaign anyone(String id, double cpm) {
        return new Campaign(id, "Campaign " + id, true, id + ".example", cpm, "https://" + id + ".example/",
                Set.of(), Set.of());
    }

    @Test
    void theSameSeedGivesTheSameBidsWhateverTheCampaignsOrder() {
        BackfillPlan a = new BackfillPlan(7, 3, 100, END, CAMPAIGNS);
        BackfillPlan b = new BackfillPlan(7, 3, 100, END, List.of(CAMPAIGNS.get(2), CAMPAIGNS.get(0), CAMPAIGNS.get(1)));
        for (long n = 0; n < a.totalBids(); n++) {
            assertEquals(a.bid(n), b.bid(n), "bid " + n);
        }
        BackfillPlan otherSeed = new BackfillPlan(8, 3, 100, END, CAMPAIGNS);
        Set<String> ids = new HashSet<>();
        for (long n = 0; n < a.totalBids(); n++) {
            ids.add(a.bid(n).getId());
            assertNotEquals(a.bid(n).getId(), otherSeed.bid(n).getId(), "bid " + n);
        }
        assertEquals(a.totalBids(), ids.size(), "ids are unique");
    }

    @Test
    void bidsLieInTheirOwnHourInTimeOrderAndOlderThanTheEnd() {
        BackfillPlan plan = new BackfillPlan(1, 4, 500, END, CAMPAIGNS);
        assertEquals(END.minusSeconds(4 * 3600), plan.start());
        long previous = Long.MIN_VALUE;
        for (long n = 0; n < plan.totalBids(); n++) {
            BidRecord bid = plan.bid(n);
            UUID id = BidId.parse(bid.getId()); // a UUIDv7, as the tracker requires
            long t = BidId.timestampMillis(id);
            assertEquals(t, bid.getCreatedAtMs(), "created_at_ms is the id's time");
            int hour = plan.hourOf(n);
            assertTrue(t >= plan.hourStartMillis(hour) && t < plan.hourStartMillis(hour) + HOUR, "bid " + n + " in hour " + hour);
            assertTrue(t < END.toEpochMilli());
            assertTrue(t >= previous, "time order at bid " + n);
            previous = t;
        }
        // Spread over each whole hour, not bunched at its start.
        for (int hour = 0; hour < plan.hours(); hour++) {
            long first = plan.bid(hour * plan.bidsPerHour()).getCreatedAtMs() - plan.hourStartMillis(hour);
            long last = plan.bid((hour + 1) * plan.bidsPerHour() - 1).getCreatedAtMs() - plan.hourStartMillis(hour);
            assertTrue(first < HOUR / 100 && last > HOUR - HOUR / 100, "hour " + hour + ": " + first + " .. " + last);
        }
    }

    @Test
    void everyBidIsOneItsCampaignCouldHaveMade() {
        BackfillPlan plan = new BackfillPlan(3, 2, 1000, END, CAMPAIGNS);
        Map<String, Campaign> byId = CAMPAIGNS.stream().collect(Collectors.toMap(Campaign::id, Function.identity()));
        Set<String> targetedCountries = new HashSet<>();
        for (long n = 0; n < plan.totalBids(); n++) {
            BidRecord bid = plan.bid(n);
            Campaign c = byId.get(bid.getCampaignId());
            assertTrue(c != null, "campaign " + bid.getCampaignId());
            assertEquals(BidResponses.creativeId(c, bid.getAdFormat()), bid.getCreativeId());
            assertEquals(c.landingUrl(), bid.getLandingUrl());
            assertEquals(c.bidCpm(), bid.getPriceCpm());
            assertEquals(c.advertiserDomain(), bid.getAdvertiserDomain());
            assertEquals(List.copyOf(new java.util.TreeSet<>(c.adCategories())), bid.getAdCategoriesList());
            assertEquals("USD", bid.getCurrency());
            assertTrue(bid.getBidFloor() <= bid.getPriceCpm(), "the price clears the floor");
            Campaign.Targeting t = c.targeting();
            assertTrue(t.country(bid.getCountry()) && t.format(bid.getAdFormat()) && t.os(bid.getDeviceOs())
                    && t.deviceType(bid.getDeviceType()) && t.categories(bid.getContentCategoriesList()),
                    "targeted by " + c.id() + ": " + bid);
            if (c == TARGETED) {
                targetedCountries.add(bid.getCountry());
            }
        }
        assertEquals(Set.of("USA", "ISL"), targetedCountries, "every targeted country, known to the catalog or not");
    }

    @Test
    void bidsAreVariedAndWeighWhatTheBiddersDo() {
        BackfillPlan plan = new BackfillPlan(5, 1, 3000, END, List.of(anyone("c1", 1.5)));
        Set<String> countries = new HashSet<>();
        Set<String> formats = new HashSet<>();
        Set<Integer> deviceTypes = new HashSet<>();
        Set<String> publishers = new HashSet<>();
        Set<Boolean> apps = new HashSet<>();
        long bytes = 0;
        for (long n = 0; n < plan.totalBids(); n++) {
            BidRecord bid = plan.bid(n);
            countries.add(bid.getCountry());
            formats.add(bid.getAdFormat());
            deviceTypes.add(bid.getDeviceType());
            publishers.add(bid.getPublisherId());
            apps.add(!bid.getAppBundle().isEmpty());
            bytes += bid.getSerializedSize();
        }
        assertTrue(countries.size() >= 10, "countries " + countries);
        assertEquals(Set.of("banner", "video", "native"), formats);
        assertTrue(deviceTypes.size() >= 5, "device types " + deviceTypes);
        assertTrue(publishers.size() >= 30, "publishers " + publishers.size());
        assertEquals(Set.of(true, false), apps, "apps and sites");
        double average = (double) bytes / plan.totalBids();
        assertTrue(average >= 550 && average <= 750, "about 600-700 bytes a bid, as the bidder's: " + average);
    }

    @Test
    void outOfRangeParametersAreRefusedByName() {
        assertEquals("--hours must be between 1 and 8784, got 0",
                assertThrows(IllegalArgumentException.class, () -> new BackfillPlan(1, 0, 10, END, CAMPAIGNS)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BackfillPlan(1, 1, 0, END, CAMPAIGNS))
                .getMessage().startsWith("--bids-per-hour must be between 1 and"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BackfillPlan(1, 1, 1, END, List.of()))
                .getMessage().contains("at least one campaign"));
        BackfillPlan plan = new BackfillPlan(1, 1, 10, END, CAMPAIGNS);
        assertThrows(IndexOutOfBoundsException.class, () -> plan.bid(10));
        assertThrows(IndexOutOfBoundsException.class, () -> plan.bid(-1));
    }

    @Test
    void idsAreVersion7WithTheGivenTime() {
        UUID id = BackfillPlan.uuidV7(1_765_000_000_123L, -1L, -1L);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(1_765_000_000_123L, BidId.timestampMillis(id));
    }
}
