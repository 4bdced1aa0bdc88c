package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.lookup.TrinoBidLookup;
import io.bidtrack.coldstore.table.BidsTable.Columns;
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

    /** @param queryTimeout also bounds each HTTP request to Trino, unless {@code jdbcUrl} sets its own {@code timeout} */
    public TrinoLakeReader(Vertx vertx, String jdbcUrl, Duration queryTimeout) {
        this.trino = new TrinoBidLookup(vertx, TrinoBidLookup.withHttpTimeout(jdbcUrl, queryTimeout));
    }

    @Override
    public Map<UUID, BidRecord> read(LakePartition partition, List<UUID> ids, Columns columns, Duration timeout) throws SQLException {
        return trino.findInPartition(partition, ids, columns, timeout);
    }

    @Override
    public void close() {
        trino.close();
    }
}
