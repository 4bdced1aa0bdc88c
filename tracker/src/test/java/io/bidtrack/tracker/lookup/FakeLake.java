package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Context;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A lake of the test's making behind the batcher: it records each query, and can fail or hold them. */
final class FakeLake implements LakeReader {
    /** One query as the batcher ran it. */
    record Query(LakePartition partition, List<UUID> ids, Columns columns, boolean onEventLoop, long atMillis, long atNanos) {
    }

    final Map<UUID, BidRecord> bids = new ConcurrentHashMap<>();
    final List<Query> queries = new CopyOnWriteArrayList<>();
    /** Released once per query that started. */
    final Semaphore started = new Semaphore(0);
    /** This many queries fail (then they succeed again); Integer.MAX_VALUE: all of them. */
    final AtomicInteger failuresLeft = new AtomicInteger();
    /** When set, queries wait for it before answering. */
    volatile CountDownLatch gate;
    /** Runs after each query has read the bids (so it sees the lake as it was before). */
    volatile Consumer<Query> afterQuery = q -> {
    };

    static BidRecord bid(UUID id, String campaign) {
        return BidRecord.newBuilder().setId(id.toString()).setCampaignId(campaign).setCreativeId("cr-" + campaign)
                .setPriceCpm(1.5).setCreatedAtMs(BidId.timestampMillis(id)).setCountry("USA").build();
    }

    UUID store(UUID id, String campaign) {
        bids.put(id, bid(id, campaign));
        return id;
    }

    @Override
    public Map<UUID, BidRecord> read(LakePartition partition, List<UUID> ids, Columns columns, Duration timeout) throws Exception {
        Query query = new Query(partition, ids, columns, Context.isOnEventLoopThread(), System.currentTimeMillis(), System.nanoTime());
        queries.add(query);
        started.release();
        CountDownLatch wait = gate;
        if (wait != null) {
            wait.await();
        }
        if (failuresLeft.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
            throw new SQLException("trino is down");
        }
        Map<UUID, BidRecord> found = new HashMap<>();
        for (UUID id : ids) {
            BidRecord bid = bids.get(id);
            if (bid != null) {
                found.put(id, PartialBids.select(bid, columns));
            }
        }
        afterQuery.accept(query);
        return found;
    }

    /** Lets every held query go. */
    void open() {
        CountDownLatch wait = gate;
        gate = null;
        if (wait != null) {
            wait.countDown();
        }
    }
}
