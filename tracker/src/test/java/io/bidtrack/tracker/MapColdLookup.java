package io.bidtrack.tracker;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.tracker.lookup.ColdLookup;
import io.bidtrack.tracker.lookup.PartialBids;
import io.vertx.core.Future;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lake of the test's making: what it holds, the tracker finds cold, with only the columns it asked
 * for (as Trino selects them); it can be told to fail.
 */
final class MapColdLookup implements ColdLookup {
    final Map<UUID, BidRecord> bids = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();
    /** The column sets asked for, by id. */
    final Map<UUID, Set<Columns>> asked = new ConcurrentHashMap<>();
    volatile boolean failing;

    @Override
    public Future<Optional<BidRecord>> find(UUID id, Columns columns) {
        lookups.incrementAndGet();
        asked.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(columns);
        if (failing) {
            return Future.failedFuture(new IllegalStateException("trino is down"));
        }
        return Future.succeededFuture(Optional.ofNullable(bids.get(id)).map(bid -> PartialBids.select(bid, columns)));
    }
}
