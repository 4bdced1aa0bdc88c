package io.bidtrack.tracker;

import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.tracker.lookup.ColdLookup;
import io.vertx.core.Future;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A lake of the test's making: what it holds, the tracker finds cold; it can be told to fail. */
final class MapColdLookup implements ColdLookup {
    final Map<UUID, BidRecord> bids = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();
    volatile boolean failing;

    @Override
    public Future<Optional<BidRecord>> find(UUID id) {
        lookups.incrementAndGet();
        if (failing) {
            return Future.failedFuture(new IllegalStateException("trino is down"));
        }
        return Future.succeededFuture(Optional.ofNullable(bids.get(id)));
    }
}
