package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.lookup.TrinoBidLookup;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Optional;
import java.util.UUID;

/** The production cold tier: cold-store's Trino lookup, which runs its JDBC on worker threads. */
public final class TrinoColdLookup implements ColdLookup {
    private final TrinoBidLookup trino;

    public TrinoColdLookup(Vertx vertx, String jdbcUrl) {
        this.trino = new TrinoBidLookup(vertx, jdbcUrl);
    }

    @Override
    public Future<Optional<BidRecord>> find(UUID id) {
        return trino.find(id);
    }

    @Override
    public void close() {
        trino.close();
    }
}
