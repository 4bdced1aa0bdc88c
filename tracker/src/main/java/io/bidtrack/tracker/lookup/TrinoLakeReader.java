package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.lookup.TrinoBidLookup;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Vertx;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The production lake: cold-store's Trino lookup, one {@code WHERE dt AND hour AND id IN (...)} query per call. */
public final class TrinoLakeReader implements LakeReader {
    private final TrinoBidLookup trino;

    public TrinoLakeReader(Vertx vertx, String jdbcUrl) {
        this.trino = new TrinoBidLookup(vertx, jdbcUrl);
    }

    @Override
    public Map<UUID, BidRecord> read(LakePartition partition, List<UUID> ids, Duration timeout) throws SQLException {
        return trino.findInPartition(partition, ids, timeout);
    }

    @Override
    public void close() {
        trino.close();
    }
}
