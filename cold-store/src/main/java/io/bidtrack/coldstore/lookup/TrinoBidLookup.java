package io.bidtrack.coldstore.lookup;

import io.bidtrack.coldstore.table.BidsTable;
import io.bidtrack.coldstore.table.TrinoSession;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds cold bids in the lake through Trino (trino-jdbc). JDBC blocks, so every query runs on a
 * small worker pool of its own, never on the caller's event loop, and a slow Trino cannot take all
 * of Vert.x's shared workers.
 * CONTRACT (used by the tracker): constructor and {@link #find(UUID)} signatures are fixed.
 */
public final class TrinoBidLookup implements AutoCloseable {
    /** Concurrent queries; more would mostly queue inside Trino's single local node. */
    private static final int WORKERS = 4;

    private final TrinoSession trino;
    private final WorkerExecutor workers;

    public TrinoBidLookup(Vertx vertx, String jdbcUrl) {
        this.trino = new TrinoSession(jdbcUrl);
        this.workers = vertx.createSharedWorkerExecutor("cold-lookup-" + System.identityHashCode(this), WORKERS);
    }

    /** The bid from lake.bidtrack.bids with the partition predicate of its UUIDv7 time; empty when absent. */
    public Future<Optional<BidRecord>> find(UUID bidId) {
        String sql = BidsTable.selectByIdSql(bidId);
        return workers.executeBlocking(() -> trino.run(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                return rows.next() ? Optional.of(BidsTable.fromRow(rows)) : Optional.<BidRecord>empty();
            }
        }), false);
    }

    @Override
    public void close() {
        workers.close();
        trino.close();
    }
}
