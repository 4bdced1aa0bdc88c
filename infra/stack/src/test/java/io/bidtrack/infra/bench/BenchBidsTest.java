package io.bidtrack.infra.bench;

import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchBidsTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void bidsWeighAboutSixHundredBytesLikeProductionRecords() {
        BenchBids bids = new BenchBids(1);
        long total = 0;
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            total += bids.bid(BidId.mint()).getSerializedSize();
        }
        double average = (double) total / n;
        assertTrue(average >= 570 && average <= 690, "average encoded size " + average);
    }

    @Test
    void bidsAreFilledAsTheBidderFillsThem() {
        BenchBids bids = new BenchBids(3);
        int apps = 0;
        int sites = 0;
        for (int i = 0; i < 300; i++) {
            UUID id = BidId.mint();
            BidRecord bid = bids.bid(id);
            assertEquals(id.toString(), bid.getId());
            assertEquals(BidId.timestampMillis(id), bid.getCreatedAtMs());
            assertFalse(bid.getRequestId().isEmpty());
            assertTrue(bid.getCreativeId().startsWith(bid.getCampaignId() + "-" + bid.getAdFormat()));
            assertTrue(bid.getPriceCpm() > bid.getBidFloor(), "a bid pays more than the floor");
            assertFalse(bid.getUserAgent().isEmpty());
            assertEquals(1, bid.getAdCategoriesCount());
            // App traffic has a bundle and an advertising id, site traffic a domain: never both.
            if (!bid.getAppBundle().isEmpty()) {
                apps++;
                assertFalse(bid.getIfa().isEmpty());
                assertTrue(bid.getSiteDomain().isEmpty());
            } else {
                sites++;
                assertFalse(bid.getSiteDomain().isEmpty());
                assertTrue(bid.getIfa().isEmpty());
            }
        }
        assertTrue(apps > 100 && sites > 50, apps + " app and " + sites + " site bids");
    }

    @Test
    void theSameSeedMakesTheSameBids() {
        UUID id = BidId.mint();
        assertEquals(new BenchBids(9).bid(id), new BenchBids(9).bid(id));
        assertNotEquals(new BenchBids(9).bid(id), new BenchBids(10).bid(id));
    }

    @Test
    void timestampsSpreadEvenlyOverTheSpanInOrder() {
        long start = LakeSpec.END.toEpochMilli() - 3 * HOUR;
        int n = 3_000;
        Map<LakePartition, Integer> perHour = new TreeMap<>((a, b) -> a.path().compareTo(b.path()));
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long t = BenchBids.timestampAt(i, n, start, 3 * HOUR);
            assertTrue(t >= previous && t >= start && t < start + 3 * HOUR);
            previous = t;
            perHour.merge(BidId.partitionOf(BidId.mintAt(t)), 1, Integer::sum);
        }
        assertEquals(3, perHour.size(), "partitions " + perHour);
        perHour.values().forEach(count -> assertEquals(1_000, count));
    }

    @Test
    void anIndexOutsideTheCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchBids.timestampAt(5, 5, 0, HOUR));
        assertThrows(IllegalArgumentException.class, () -> BenchBids.timestampAt(-1, 5, 0, HOUR));
    }
}
