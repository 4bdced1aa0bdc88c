package io.bidtrack.coldstore;

import io.bidtrack.coldstore.sink.BidSink;
import io.bidtrack.coldstore.table.BidsTable;
import io.bidtrack.coldstore.table.TrinoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;

/**
 * The cold store: makes sure the lake table exists in Trino, then runs the sink that moves the
 * "bids" topic into it. Trino must see the same lake directory ({@code local:///} is rooted there).
 */
public final class ColdStoreService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ColdStoreService.class);

    private final TrinoSession trino;
    private final BidSink sink;
    private boolean closed;

    private ColdStoreService(TrinoSession trino, BidSink sink) {
        this.trino = trino;
        this.sink = sink;
    }

    /** Blocks until the table exists and the sink's thread runs. */
    public static ColdStoreService start(ColdStoreConfig config) {
        TrinoSession trino = new TrinoSession(config.trinoJdbcUrl());
        try {
            // The external location must exist before Trino accepts a table over it.
            Files.createDirectories(config.lakeDir().resolve(BidsTable.DIRECTORY));
            trino.execute(BidsTable.createSchemaSql());
            trino.execute(BidsTable.createTableSql());
            BidSink sink = BidSink.start(config, trino);
            LOG.info("cold-store (group {}) consuming topic bids from {} into {}", config.groupId(), config.kafkaBootstrap(), config.lakeDir());
            return new ColdStoreService(trino, sink);
        } catch (SQLException e) {
            trino.close();
            throw new IllegalStateException("cannot create " + BidsTable.QUALIFIED + " through " + config.trinoJdbcUrl()
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            trino.close();
            throw new UncheckedIOException("cannot prepare the lake at " + config.lakeDir(), e);
        }
    }

    /** Records polled from Kafka so far, stored or not yet. */
    public long consumedRecords() {
        return sink.consumedRecords();
    }

    /** Records consumed but not stored because their key or value was not a bid. */
    public long skippedRecords() {
        return sink.skippedRecords();
    }

    /** Records consumed again after a crash and not stored again, because the lake already held them. */
    public long alreadyStoredRecords() {
        return sink.alreadyStoredRecords();
    }

    public long bidsWritten() {
        return sink.bidsWritten();
    }

    /** Stops consuming, writes, registers and commits what is buffered. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sink.close();
        trino.close();
    }
}
