package io.bidtrack.tracker.lookup;

import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Future;

import java.util.Optional;
import java.util.UUID;

/**
 * The hot tier as the {@link BidLocator} sees it: find one bid by id, without blocking. In
 * production it is the hot store ({@link RedisHotLookup}); unit tests give their own.
 */
@FunctionalInterface
public interface HotLookup {
    /** A bid found in the hot store: parsed, and the bytes it was parsed from (for the {@link BidCache}). */
    record Found(BidRecord bid, byte[] encoded) {
    }

    /** The bid, or empty when the hot store does not hold it; a failed future when the store failed. */
    Future<Optional<Found>> find(UUID id);
}
