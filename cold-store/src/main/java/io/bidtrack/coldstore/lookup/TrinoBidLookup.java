package io.bidtrack.coldstore.lookup;

import io.bidtrack.coldstore.table.BidsTable;
import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.coldstore.table.TrinoSession;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
    /** For {@link #findAll}, whose callers (the cold benchmark) measure queries and want none cut short. */
    private static final Duration NO_TIMEOUT = Duration.ZERO;

    private final TrinoSession trino;
    private final WorkerExecutor workers;

    public TrinoBidLookup(Vertx vertx, String jdbcUrl) {
        this.trino = new TrinoSession(jdbcUrl);
        this.workers = vertx.createSharedWorkerExecutor("cold-lookup-" + System.identityHashCode(this), WORKERS);
    }

    /**
     * {@code jdbcUrl} with the Trino client's HTTP timeout (its {@code timeout} property: connecting
     * and reading each request, 30 s when unset) at {@code timeout}, unless the URL sets its own. A
     * query timeout alone does not bound a Trino that accepts connections and never answers: each
     * request then waits for this one. At least 2 s, as the client long-polls results for up to 1 s.
     */
    public static String withHttpTimeout(String jdbcUrl, Duration timeout) {
        if (jdbcUrl.matches(".*[?&]timeout=.*")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "timeout=" + Math.max(2000, timeout.toMillis()) + "ms";
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
        return findAll(ids, Columns.ALL);
    }

    /** As {@link #findAll(Collection)}, selecting only {@code columns} (see {@link Columns} for what that saves). */
    public Future<Map<UUID, BidRecord>> findAll(Collection<UUID> ids, Columns columns) {
        Map<LakePartition, List<UUID>> byPartition = new LinkedHashMap<>();
        for (UUID id : ids) {
            byPartition.computeIfAbsent(BidId.partitionOf(id), p -> new ArrayList<>()).add(id);
        }
        return workers.executeBlocking(() -> {
            Map<UUID, BidRecord> found = new HashMap<>();
            for (Map.Entry<LakePartition, List<UUID>> group : byPartition.entrySet()) {
                found.putAll(query(group.getKey(), group.getValue(), columns, NO_TIMEOUT));
            }
            return found;
        }, false);
    }

    /**
     * The bids of {@code ids}, all in {@code partition}, that the lake holds, keyed by id, with one
     * query. It blocks: call it from a worker thread (the tracker's batcher has its own).
     *
     * @param timeout how long the query may run: Trino stops it by then ({@code query_max_run_time},
     *                set through {@link Statement#setQueryTimeout}, whole seconds), and the client
     *                stops retrying its HTTP requests by then (the connection's network timeout,
     *                which Trino's client otherwise leaves at 999 days: a Trino that went away in
     *                the middle of a query would hold the thread for good). Each request may still
     *                wait for the URL's HTTP timeout: see {@link #withHttpTimeout}
     * @throws SQLException when the query failed or timed out
     */
    public Map<UUID, BidRecord> findInPartition(LakePartition partition, Collection<UUID> ids, Duration timeout) throws SQLException {
        return findInPartition(partition, ids, Columns.ALL, timeout);
    }

    /**
     * As {@link #findInPartition(LakePartition, Collection, Duration)}, selecting only {@code columns}:
     * for {@link Columns#ATTRIBUTION} the bids are partial, their other fields at their defaults.
     */
    public Map<UUID, BidRecord> findInPartition(LakePartition partition, Collection<UUID> ids, Columns columns, Duration timeout)
            throws SQLException {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("query timeout must be positive, got " + timeout);
        }
        return query(partition, ids, columns, timeout);
    }

    private Map<UUID, BidRecord> query(LakePartition partition, Collection<UUID> ids, Columns columns, Duration timeout)
            throws SQLException {
        String sql = BidsTable.selectByIdsSql(partition, ids, columns);
        return trino.run(connection -> {
            if (timeout != NO_TIMEOUT) {
                // Trino's connection ignores the executor; the setting only bounds the client's retries.
                connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            }
            try (Statement statement = connection.createStatement()) {
                if (timeout != NO_TIMEOUT) {
                    statement.setQueryTimeout((int) Math.max(1, Math.ceilDiv(timeout.toMillis(), 1000)));
                }
                Map<UUID, BidRecord> found = new HashMap<>();
                try (ResultSet rows = statement.executeQuery(sql)) {
                    while (rows.next()) {
                        BidRecord bid = BidsTable.fromRow(rows, columns);
                        found.put(UUID.fromString(bid.getId()), bid);
                    }
                }
                return found;
            }
        });
    }

    @Override
    public void close() {
        workers.close();
        trino.close();
    }
}
