package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.tracker.lookup.BidLocator.Located;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which columns the locator asks the cold tier for, and that only whole bids reach the bid cache. */
class BidLocatorTest {
    private final BidCache cache = new BidCache(BidCache.Settings.defaults());
    private final Map<UUID, BidRecord> hotStore = new ConcurrentHashMap<>();
    private final Map<UUID, BidRecord> lake = new ConcurrentHashMap<>();
    private final List<Columns> coldAsked = new CopyOnWriteArrayList<>();
    private final BidLocator locator = new BidLocator(cache,
            id -> Future.succeededFuture(Optional.ofNullable(hotStore.get(id)).map(b -> new HotLookup.Found(b, b.toByteArray()))),
            (id, columns) -> {
                coldAsked.add(columns);
                return Future.succeededFuture(Optional.ofNullable(lake.get(id)).map(b -> PartialBids.select(b, columns)));
            },
            Duration.ofMinutes(12));

    private static Located await(Future<Located> f) {
        assertTrue(f.isComplete(), "the fakes answer at once");
        return f.result();
    }

    @Test
    void aPartialColdBidNeverEntersTheBidCache() {
        // Young enough to be hot, but the hot store lost it: the lake answers.
        UUID id = BidId.mint();
        BidRecord whole = FakeLake.bid(id, "a");
        lake.put(id, whole);

        Located forEvent = await(locator.locate(id, Columns.ATTRIBUTION));
        assertEquals(Tier.COLD, forEvent.tier());
        BidRecord partial = forEvent.bid().orElseThrow();
        assertEquals(List.of("a", "cr-a", 1.5), List.of(partial.getCampaignId(), partial.getCreativeId(), partial.getPriceCpm()));
        assertEquals("", partial.getCountry());
        assertTrue(cache.get(id).isEmpty(), "a cold bid, partial, was cached");

        Located forDebug = await(locator.locate(id, Columns.ALL));
        assertEquals(Tier.COLD, forDebug.tier());
        assertEquals(whole, forDebug.bid().orElseThrow(), "the whole bid, asked of the lake again");
        assertEquals(List.of(Columns.ATTRIBUTION, Columns.ALL), coldAsked);
    }

    @Test
    void aHotBidIsWholeWhateverColumnsWereAskedForAndIsCached() {
        UUID id = BidId.mint();
        BidRecord whole = FakeLake.bid(id, "a");
        hotStore.put(id, whole);

        assertEquals(whole, await(locator.locate(id, Columns.ATTRIBUTION)).bid().orElseThrow());
        hotStore.clear();
        Located again = await(locator.locate(id, Columns.ALL));
        assertEquals(Tier.HOT, again.tier());
        assertEquals(whole, again.bid().orElseThrow(), "from the bid cache");
        assertEquals(List.of(), coldAsked, "the cold tier was never asked");
    }
}
