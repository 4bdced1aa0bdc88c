package io.bidtrack.tracker.lookup;

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
 * Finds a bid in whichever tier holds it, choosing by the age in its UUIDv7: younger than the hot
 * window, the in-process {@link BidCache}, then the hot store; otherwise, or on any hot miss or
 * hot-store error, the cold tier. The fall-through means a bid is found even across clock skew
 * between hosts or a hot store that lost data, at the price of a cold query for ids nobody ever
 * bid with.
 */
public final class BidLocator {
    private static final Logger LOG = LoggerFactory.getLogger(BidLocator.class);

    private final BidCache cache;
    private final HotLookup hot;
    private final ColdLookup cold;
    private final long hotWindowMillis;

    public BidLocator(BidCache cache, HotLookup hot, ColdLookup cold, Duration hotWindow) {
        this.cache = cache;
        this.hot = hot;
        this.cold = cold;
        this.hotWindowMillis = hotWindow.toMillis();
    }

    /**
     * Where the bid was found.
     *
     * @param tier          HOT, COLD or UNMATCHED
     * @param latencyMicros time spent looking
     * @param reason        for UNMATCHED, why
     * @param failed        true when a lookup failed (as opposed to both tiers answering "absent")
     */
    public record Located(Optional<BidRecord> bid, Tier tier, long latencyMicros, String reason, boolean failed) {
    }

    /** Never fails: a lookup error ends as UNMATCHED with the error as reason. */
    public Future<Located> locate(UUID id) {
        long start = System.nanoTime();
        boolean young = BidId.ageMillis(id, System.currentTimeMillis()) < hotWindowMillis;
        if (young) {
            Optional<BidRecord> cached = cache.get(id);
            if (cached.isPresent()) {
                return Future.succeededFuture(new Located(cached, Tier.HOT, micros(start), "", false));
            }
        }
        Future<Optional<HotLookup.Found>> hotResult = young ? hot.find(id) : Future.succeededFuture(Optional.empty());
        return hotResult.transform(h -> {
            if (h.succeeded() && h.result().isPresent()) {
                HotLookup.Found found = h.result().get();
                cache.put(id, found.encoded());
                return Future.succeededFuture(new Located(Optional.of(found.bid()), Tier.HOT, micros(start), "", false));
            }
            String hotError = h.failed() ? h.cause().toString() : null;
            if (hotError != null) {
                LOG.debug("hot lookup of {} failed, trying cold: {}", id, hotError);
            }
            return findCold(id).transform(c -> {
                if (c.succeeded() && c.result().isPresent()) {
                    return Future.succeededFuture(new Located(c.result(), Tier.COLD, micros(start), "", false));
                }
                String reason;
                if (c.failed()) {
                    reason = "cold lookup failed: " + c.cause().getMessage();
                } else if (hotError != null) {
                    reason = "hot store failed (" + hotError + ") and not in the lake";
                } else {
                    reason = young ? "bid not found in the hot store nor the lake"
                            : "bid older than the hot window and not found in the lake";
                }
                boolean failed = c.failed() || hotError != null;
                return Future.succeededFuture(new Located(Optional.empty(), Tier.UNMATCHED, micros(start), reason, failed));
            });
        });
    }

    private Future<Optional<BidRecord>> findCold(UUID id) {
        try {
            return cold.find(id);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static long micros(long startNanos) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
    }
}
