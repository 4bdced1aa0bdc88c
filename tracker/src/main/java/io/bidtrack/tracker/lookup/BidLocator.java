package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.Tier;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Looks a bid up once in whichever tier should hold it, choosing by the age in its UUIDv7.
 * <ul>
 *   <li>Younger than the hot TTL ({@code hot.window} + {@code hot.margin}, which is how long the
 *       bidder keeps it in the hot store): the in-process {@link BidCache}, then the hot store.</li>
 *   <li>Older, or on any hot miss or hot-store error: the cold tier. Falling through on every hot
 *       miss covers a miss near the boundary (clock skew between hosts, a TTL that just ended)
 *       and a hot store that lost data, at the price of a cold query for ids nobody bid with.</li>
 * </ul>
 * One attempt, no waiting: the debug endpoint and the click redirect use it as is; events go
 * through the {@link RetryingLocator}, which asks again while the answer may still change (the
 * cold tier failed, or the bid may not have reached the lake yet).
 * <p>
 * <b>Columns.</b> Each caller says what it reads of the bid: events {@link Columns#ATTRIBUTION}
 * (campaign, creative, price), {@code GET /bids/{id}} {@link Columns#ALL}. The cold tier then
 * selects only those columns, a query several times cheaper in Trino (see {@link Columns}), and
 * answers with a partial bid. A hot bid is always whole (the hot store holds whole bids). Only
 * hot bids go into the {@link BidCache}: a partial one there would later answer a caller that
 * wants the whole bid.
 */
public final class BidLocator {
    private static final Logger LOG = LoggerFactory.getLogger(BidLocator.class);

    private final BidCache cache;
    private final HotLookup hot;
    private final ColdLookup cold;
    private final long hotTtlMillis;

    /** @param hotTtl how long the bidder keeps a bid hot: hot window + hot margin */
    public BidLocator(BidCache cache, HotLookup hot, ColdLookup cold, Duration hotTtl) {
        this.cache = cache;
        this.hot = hot;
        this.cold = cold;
        this.hotTtlMillis = hotTtl.toMillis();
    }

    /** Which lookup failed, if any: a cold failure may succeed when asked again. */
    public enum Failure { NONE, HOT, COLD }

    /**
     * Where the bid was found.
     *
     * @param bid           the bid; from the cold tier it holds only the columns asked for
     * @param tier          HOT, COLD or UNMATCHED
     * @param latencyMicros time spent looking
     * @param reason        for UNMATCHED, why
     * @param failure       which lookup failed (COLD when both did), as opposed to answering "absent"
     */
    public record Located(Optional<BidRecord> bid, Tier tier, long latencyMicros, String reason, Failure failure) {
        public boolean failed() {
            return failure != Failure.NONE;
        }

        Located withLatency(long micros) {
            return new Located(bid, tier, micros, reason, failure);
        }

        Located withReason(String newReason) {
            return new Located(bid, tier, latencyMicros, newReason, failure);
        }
    }

    /**
     * Never fails: a lookup error ends as UNMATCHED with the error as reason.
     *
     * @param columns what the caller reads of the bid, should the cold tier hold it
     */
    public Future<Located> locate(UUID id, Columns columns) {
        long start = System.nanoTime();
        boolean hotAge = BidId.ageMillis(id, System.currentTimeMillis()) < hotTtlMillis;
        if (hotAge) {
            Optional<BidRecord> cached = cache.get(id);
            if (cached.isPresent()) {
                return Future.succeededFuture(new Located(cached, Tier.HOT, micros(start), "", Failure.NONE));
            }
        }
        Future<Optional<HotLookup.Found>> hotResult = hotAge ? hot.find(id) : Future.succeededFuture(Optional.empty());
        return hotResult.transform(h -> {
            if (h.succeeded() && h.result().isPresent()) {
                HotLookup.Found found = h.result().get();
                cache.put(id, found.encoded()); // a whole bid: cold ones, maybe partial, never go in
                return Future.succeededFuture(new Located(Optional.of(found.bid()), Tier.HOT, micros(start), "", Failure.NONE));
            }
            String hotError = h.failed() ? h.cause().toString() : null;
            if (hotError != null) {
                LOG.debug("hot lookup of {} failed, trying cold: {}", id, hotError);
            }
            return findCold(id, columns).transform(c -> {
                if (c.succeeded() && c.result().isPresent()) {
                    return Future.succeededFuture(new Located(c.result(), Tier.COLD, micros(start), "", Failure.NONE));
                }
                String reason;
                Failure failure;
                if (c.failed()) {
                    reason = "cold lookup failed: " + c.cause().getMessage();
                    failure = Failure.COLD;
                } else if (hotError != null) {
                    reason = "hot store failed (" + hotError + ") and not in the lake";
                    failure = Failure.HOT;
                } else {
                    reason = hotAge ? "bid not found in the hot store nor the lake"
                            : "bid older than the hot TTL and not found in the lake";
                    failure = Failure.NONE;
                }
                return Future.succeededFuture(new Located(Optional.empty(), Tier.UNMATCHED, micros(start), reason, failure));
            });
        });
    }

    private Future<Optional<BidRecord>> findCold(UUID id, Columns columns) {
        try {
            return cold.find(id, columns);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static long micros(long startNanos) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
    }
}
