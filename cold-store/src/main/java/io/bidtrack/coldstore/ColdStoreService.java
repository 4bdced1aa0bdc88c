package io.bidtrack.coldstore;

import io.bidtrack.coldstore.compaction.Compactor;
import io.bidtrack.coldstore.sink.LakeStorage;
import io.bidtrack.coldstore.sink.SinkTable;
import io.bidtrack.coldstore.sink.TableSink;
import io.bidtrack.coldstore.table.LakeTable;
import io.bidtrack.coldstore.table.TrinoSession;
import io.bidtrack.common.config.Durations;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.TrackingEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cold store: makes sure the lake tables exist in Trino, then runs one sink per table, each on
 * its own thread and in its own consumer group: topic "bids" into {@code lake.bidtrack.bids} and
 * topic "tracking-events" into {@code lake.bidtrack.events}. Trino must see the same lake: the same
 * directory ({@code local:///} is rooted there) or the same S3 bucket and prefix.
 */
public final class ColdStoreService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ColdStoreService.class);

    private final TrinoSession trino;
    private final LakeStorage lake;
    private final TableSink<BidRecord> bids;
    private final TableSink<TrackingEvent> events;
    /** Null when compaction is off. */
    private final Admin admin;
    private final List<Compactor> compactors;
    private boolean closed;

    private ColdStoreService(TrinoSession trino, LakeStorage lake, TableSink<BidRecord> bids, TableSink<TrackingEvent> events,
                             Admin admin, List<Compactor> compactors) {
        this.trino = trino;
        this.lake = lake;
        this.bids = bids;
        this.events = events;
        this.admin = admin;
        this.compactors = compactors;
    }

    /** Blocks until the tables exist and the sinks' threads run. */
    public static ColdStoreService start(ColdStoreConfig config) {
        TrinoSession trino = new TrinoSession(config.trinoJdbcUrl());
        LakeStorage lake = LakeStorage.open(config.lake());
        List<SinkTable<?>> tables = List.of(SinkTable.BIDS, SinkTable.EVENTS);
        try {
            trino.execute(LakeTable.createSchemaSql());
            for (SinkTable<?> table : tables) {
                // The external location must exist before Trino accepts a table over it.
                lake.prepareTable(table.table().directory());
                trino.execute(table.table().createTableSql(lake.tableLocation(table.table().directory())));
            }
        } catch (SQLException e) {
            lake.close();
            trino.close();
            throw new IllegalStateException("cannot create the lake tables through " + config.trinoJdbcUrl()
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            lake.close();
            trino.close();
            throw new UncheckedIOException("cannot prepare the lake at " + config.lake().describe(), e);
        }
        TableSink<BidRecord> bids = TableSink.start(SinkTable.BIDS, config, trino, lake);
        TableSink<TrackingEvent> events;
        try {
            events = TableSink.start(SinkTable.EVENTS, config, trino, lake);
        } catch (RuntimeException e) {
            bids.close();
            lake.close();
            trino.close();
            throw e;
        }
        for (SinkTable<?> table : tables) {
            LOG.info("cold-store (group {}) consuming topic {} from {} into {} of the lake {}, keeping {}",
                    config.groupIdOf(table.table().name()), table.topic(), config.kafkaBootstrap(), table.table().directory(),
                    config.lake().describe(), Durations.format(config.retention()));
        }
        Admin admin = null;
        List<Compactor> compactors = new ArrayList<>();
        if (config.compaction().enabled()) {
            // Compaction reads the sinks' committed offsets: only files the sinks will never look for again are merged.
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()));
            for (SinkTable<?> table : tables) {
                compactors.add(new Compactor(table, config.groupIdOf(table.table().name()), lake, admin, config.compaction(),
                        config.retention()).start());
            }
            LOG.info("cold-store compacting each hour {} after its end, looking every {}",
                    Durations.format(config.compaction().after()), Durations.format(config.compaction().checkEvery()));
        }
        return new ColdStoreService(trino, lake, bids, events, admin, List.copyOf(compactors));
    }

    /** The compactors of the bids and events tables, in that order; empty when compaction is off. */
    public List<Compactor> compactors() {
        return compactors;
    }

    /** The sink of topic "bids" into {@code lake.bidtrack.bids}. */
    public TableSink<BidRecord> bids() {
        return bids;
    }

    /** The sink of topic "tracking-events" into {@code lake.bidtrack.events}. */
    public TableSink<TrackingEvent> events() {
        return events;
    }

    /** Bids polled from Kafka so far, stored or not yet ({@link #events()} has the same counters for events). */
    public long consumedRecords() {
        return bids.consumedRecords();
    }

    /** Bids consumed but not stored because their key or value was not a bid. */
    public long skippedRecords() {
        return bids.skippedRecords();
    }

    /** Bids consumed again after a crash and not stored again, because the lake already held them. */
    public long alreadyStoredRecords() {
        return bids.alreadyStoredRecords();
    }

    /** Bids consumed but not stored because their hour was past the retention. */
    public long expiredRecords() {
        return bids.expiredRecords();
    }

    public long bidsWritten() {
        return bids.recordsWritten();
    }

    public long eventsWritten() {
        return events.recordsWritten();
    }

    /** Stops consuming, writes, registers and commits what is buffered. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        bids.stop();
        events.stop();
        bids.close();
        events.close();
        compactors.forEach(Compactor::close);
        if (admin != null) {
            admin.close();
        }
        lake.close();
        trino.close();
    }
}
