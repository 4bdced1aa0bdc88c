package io.bidtrack.coldstore.lookup;

import io.bidtrack.coldstore.table.BidsTable;
import io.bidtrack.coldstore.table.TrinoSession;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The bids of {@code ids} that the lake holds, keyed by id, with one query per lake partition
     * ({@link BidsTable#selectByIdsSql}); absent ids are missing from the map. The queries of one
     * call run one after the other on one worker; the future fails when any of them fails.
     */
    public Future<Map<UUID, BidRecord>> findAll(Collection<UUID> ids) {
        Map<LakePartition, List<UUID>> byPartition = new LinkedHashMap<>();
        for (UUID id : ids) {
            byPartition.computeIfAbsent(BidId.partitionOf(id), p -> new ArrayList<>()).add(id);
        }
        return workers.executeBlocking(() -> {
            Map<UUID, BidRecord> found = new HashMap<>();
            for (Map.Entry<LakePartition, List<UUID>> group : byPartition.entrySet()) {
                String sql = BidsTable.selectByIdsSql(group.getKey(), group.getValue());
                trino.run(connection -> {
                    try (Statement statement = connection.createStatement();
                         ResultSet rows = statement.executeQuery(sql)) {
                        while (rows.next()) {
                            BidRecord bid = BidsTable.fromRow(rows);
                            found.put(UUID.fromString(bid.getId()), bid);
                        }
                        return null;
                    }
                });
            }
            return found;
        }, false);
    }

    @Override
    public void close() {
        workers.close();
        trino.close();
    }
}
