package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Future;

import java.util.Optional;
import java.util.UUID;

/**
 * The cold tier as the tracker sees it: find one bid by id. In production it is Trino over the
 * lake, behind the {@link ColdBatcher}; tests give the tracker their own. Implementations must not
 * block the caller's event loop.
 */
public interface ColdLookup extends AutoCloseable {
    /**
     * The bid, or empty when the lake does not hold it; a failed future when the lookup failed.
     *
     * @param columns what the caller reads of the bid: with {@link Columns#ATTRIBUTION} the bid is
     *                partial (its other fields at their defaults), which makes the query several
     *                times cheaper (see {@link Columns})
     */
    Future<Optional<BidRecord>> find(UUID id, Columns columns);

    /** The whole bid. */
    default Future<Optional<BidRecord>> find(UUID id) {
        return find(id, Columns.ALL);
    }

    @Override
    default void close() {
    }
}
