package io.bidtrack.tracker.lookup;

import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Future;

import java.util.Optional;
import java.util.UUID;

/**
 * The cold tier as the tracker sees it: find one bid by id. In production it is Trino over the
 * lake ({@link TrinoColdLookup}); tests give the tracker their own. Implementations must not block
 * the caller's event loop.
 */
public interface ColdLookup extends AutoCloseable {
    /** The bid, or empty when the lake does not hold it; a failed future when the lookup failed. */
    Future<Optional<BidRecord>> find(UUID id);

    @Override
    default void close() {
    }
}
