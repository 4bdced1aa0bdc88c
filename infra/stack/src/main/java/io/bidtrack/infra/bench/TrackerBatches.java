package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.tracker.lookup.ColdBatcher;
import io.bidtrack.tracker.lookup.TrinoLakeReader;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cold lookups as the tracker makes them for events: one id per event, selecting the columns attribution
 * reads ({@link Columns#ATTRIBUTION}), through its {@link ColdBatcher} with the default settings, which
 * groups the ids waiting at the same time into one query per lake partition.
 * {@code outstanding} lookups are kept in flight (as many events waiting for their bid), each answer
 * starting the next one, until {@code total} ids were looked up: ids per second, and each lookup's
 * latency from its start.
 */
final class TrackerBatches {
    record Result(Latency latency, long ids, long misses, long queries, double idsPerQuery, Duration wall) {
        double idsPerSecond() {
            return ids / (wall.toNanos() / 1e9);
        }
    }

    private TrackerBatches() {
    }

    static Result run(Vertx vertx, String jdbcUrl, KnownIds ids, int total, int outstanding, SplittableRandom random) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ColdBatcher.Settings settings = ColdBatcher.Settings.defaults();
        try (ColdBatcher batcher = new ColdBatcher(vertx, new TrinoLakeReader(vertx, jdbcUrl, settings.queryTimeout()), settings, registry)) {
            Latency latency = new Latency();
            AtomicLong misses = new AtomicLong();
            Promise<Void> done = Promise.promise();
            long start = System.nanoTime();
            // One context drives every lookup: the batcher answers on the caller's context, never blocking it.
            vertx.runOnContext(v -> {
                Driver driver = new Driver(batcher, ids, total, random, latency, misses, done);
                for (int i = 0; i < Math.min(outstanding, total); i++) {
                    driver.next();
                }
            });
            done.future().toCompletionStage().toCompletableFuture().join();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            DistributionSummary perQuery = registry.get("bidtrack_cold_batch_ids").summary();
            return new Result(latency, total, misses.get(), perQuery.count(), perQuery.mean(), wall);
        }
    }

    /** Starts lookups until {@code total} have started; completes {@code done} when all have answered. */
    private static final class Driver {
        private final ColdBatcher batcher;
        private final KnownIds ids;
        private final int total;
        private final SplittableRandom random;
        private final Latency latency;
        private final AtomicLong misses;
        private final Promise<Void> done;
        private int started;
        private int answered;

        Driver(ColdBatcher batcher, KnownIds ids, int total, SplittableRandom random, Latency latency, AtomicLong misses,
               Promise<Void> done) {
            this.batcher = batcher;
            this.ids = ids;
            this.total = total;
            this.random = random;
            this.latency = latency;
            this.misses = misses;
            this.done = done;
        }

        void next() {
            if (started == total) {
                return;
            }
            started++;
            UUID id = ids.pick(random);
            long t = System.nanoTime();
            // As the tracker's events ask: the columns attribution reads (GET /bids/{id} asks for all).
            Future<Optional<BidRecord>> found = batcher.find(id, Columns.ATTRIBUTION);
            found.onComplete(ar -> {
                latency.recordNanos(System.nanoTime() - t);
                if (ar.failed()) {
                    done.tryFail(ar.cause());
                    return;
                }
                if (ar.result().isEmpty() || !ar.result().get().getId().equals(id.toString())) {
                    misses.incrementAndGet();
                }
                if (++answered == total) {
                    done.tryComplete();
                } else {
                    next();
                }
            });
        }
    }
}
