package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.config.Durations;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cold tier behind a batching client: lookups that arrive close together are answered by one
 * query per lake partition ({@code WHERE dt = ? AND hour = ? AND id IN (...)}). A Trino query costs
 * tens of milliseconds however few ids it names, so at hundreds of cold events a second, one query
 * per id would keep Trino busy with overhead.
 * <p>
 * How a lookup travels:
 * <ol>
 *   <li>Its id joins the open batch of its partition and column set (the partition comes from the
 *       UUIDv7's time; the columns from the caller, see {@link Columns}). The first id of a batch
 *       starts its window ({@code cold.batch.window}); the batch is <em>ready</em> when the window
 *       ends or when it holds {@code cold.batch.max.ids}.</li>
 *   <li>Ready batches wait, oldest first, for one of {@code cold.workers} worker threads (JDBC
 *       blocks: never on an event loop). Batches of different partitions run in parallel.
 *       <b>A ready batch keeps taking ids</b> of its partition and column set until a worker takes
 *       it or it holds {@code cold.batch.max.ids}. Every query has a fixed cost (planning,
 *       scheduling, opening the partition's files), and over an hour not compacted yet it reads
 *       most of the id column whatever the number of ids (see {@link Columns}); so when every
 *       worker is busy, the waiting batches grow, and each query serves more lookups for that cost
 *       instead of Trino getting a queue of small queries of the same partition.</li>
 *   <li>Each query has {@code cold.query.timeout}: by then its lookups fail, whether or not the
 *       {@link LakeReader} has given up yet (it is told the timeout, and frees its thread when it
 *       does).</li>
 * </ol>
 * <b>A bounded queue that refuses.</b> At most {@code cold.queue.max} ids wait (collecting or
 * ready) at any time; a lookup beyond that fails at once with "cold lookup queue is full". Waiting
 * instead would not make Trino any faster, only every lookup's wait longer, and the memory would
 * then be bounded by the callers rather than here. A refused lookup is not lost: for events, the
 * {@link RetryingLocator} asks again with a backoff, while the event keeps its admission slot, so a
 * lasting overload fills the tracker's admission and it answers 503, which clients retry; the
 * debug endpoint {@code GET /bids/{id}} answers 503 at once.
 * <p>
 * Meters: {@code bidtrack_cold_batch_ids} (ids per query), {@code bidtrack_cold_queue_ids} (ids
 * waiting for a worker), {@code bidtrack_cold_batches_ready} (batches whose window ended, waiting for
 * a worker), {@code bidtrack_cold_queries_running}, {@code bidtrack_cold_query_seconds{outcome}}
 * (ok, failed, timeout), {@code bidtrack_cold_queue_full_total}.
 */
public final class ColdBatcher implements ColdLookup {
    /**
     * @param window       how long the first id of a batch waits for others ({@code cold.batch.window}, default 15ms)
     * @param maxIds       ids in one query at most; a batch this full runs at once ({@code cold.batch.max.ids}, default 2000)
     * @param queueMax     ids waiting for a worker at most; beyond it lookups are refused ({@code cold.queue.max}, default 20000)
     * @param queryTimeout how long one query may take ({@code cold.query.timeout}, default 10s)
     * @param workers      queries running at once ({@code cold.workers}, default 4; Trino's single local
     *                     node mostly queues more)
     */
    public record Settings(Duration window, int maxIds, int queueMax, Duration queryTimeout, int workers) {
        public static final Duration DEFAULT_WINDOW = Duration.ofMillis(15);
        /**
         * Large batches spread each query's fixed cost over more ids. Over the sink's files, before
         * compaction, a query costs about the scan of its hour's id column whatever its ids: there,
         * {@code bench cold} over 2 hourly partitions of 1,000,000 bids, 4,000 lookups in flight, gave
         * 1,095 ids/s at 500 ids per query and 1,744 at 2,000 (2026-12-04, all columns).
         */
        public static final int DEFAULT_MAX_IDS = 2_000;
        public static final int DEFAULT_QUEUE_MAX = 20_000;
        public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);
        public static final int DEFAULT_WORKERS = 4;
        /** An IN list of 10,000 ids is ~400 KB of SQL: past that, Trino spends more parsing than reading. */
        static final int MAX_IDS_LIMIT = 10_000;

        public Settings {
            require(window.toMillis() >= 1, "cold.batch.window", "must be at least 1ms, got " + window);
            require(maxIds >= 1 && maxIds <= MAX_IDS_LIMIT, "cold.batch.max.ids", "must be 1 to " + MAX_IDS_LIMIT + ", got " + maxIds);
            require(queueMax >= maxIds, "cold.queue.max", "must be at least cold.batch.max.ids (" + maxIds + "), got " + queueMax);
            require(queryTimeout.toMillis() >= 1, "cold.query.timeout", "must be at least 1ms, got " + queryTimeout);
            require(workers >= 1 && workers <= 64, "cold.workers", "must be 1 to 64, got " + workers);
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_WINDOW, DEFAULT_MAX_IDS, DEFAULT_QUEUE_MAX, DEFAULT_QUERY_TIMEOUT, DEFAULT_WORKERS);
        }

        private static void require(boolean ok, String key, String problem) {
            if (!ok) {
                throw new IllegalArgumentException(Env.variableName(key) + " " + problem);
            }
        }
    }

    private final Vertx vertx;
    private final LakeReader reader;
    private final Settings settings;
    private final WorkerExecutor workers;

    // Guarded by this: lookups come from every event loop, and each touch is a few map operations.
    /** The batch that new ids of a key join: collecting, or ready and not full; none once a worker took it. */
    private final Map<ColdBatch.Key, ColdBatch> open = new HashMap<>();
    /** Batches waiting for a worker, oldest first; a full one has left {@link #open}, the others have not. */
    private final ArrayDeque<ColdBatch> ready = new ArrayDeque<>();
    private final Set<ColdBatch> running = new HashSet<>();
    private int queuedIds;
    private boolean closed;

    private final DistributionSummary batchIds;
    private final Counter queueFull;
    private final Map<String, Timer> queryTime = new HashMap<>();

    public ColdBatcher(Vertx vertx, LakeReader reader, Settings settings, MeterRegistry registry) {
        this.vertx = vertx;
        this.reader = reader;
        this.settings = settings;
        // Its own pool: a slow Trino must not take Vert.x's shared workers from everything else.
        this.workers = vertx.createSharedWorkerExecutor("cold-lookup-" + System.identityHashCode(this), settings.workers());
        this.batchIds = DistributionSummary.builder("bidtrack_cold_batch_ids").description("ids per cold query (one lake partition)")
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue((double) settings.maxIds()).register(registry);
        this.queueFull = Counter.builder("bidtrack_cold_queue_full").description("cold lookups refused because the queue was full")
                .register(registry);
        for (String outcome : List.of("ok", "failed", "timeout")) {
            queryTime.put(outcome, Timer.builder("bidtrack_cold_query").tag("outcome", outcome)
                    .description("time of one cold query on its worker, by outcome").publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60)).register(registry));
        }
        Gauge.builder("bidtrack_cold_queue_ids", this, ColdBatcher::queuedIds)
                .description("cold lookup ids waiting for a worker (collecting or ready)").register(registry);
        Gauge.builder("bidtrack_cold_batches_ready", this, ColdBatcher::readyBatches)
                .description("cold batches waiting for a worker (they keep taking ids until one takes them)").register(registry);
        Gauge.builder("bidtrack_cold_queries_running", this, ColdBatcher::runningQueries)
                .description("cold queries on the workers").register(registry);
    }

    /**
     * Never blocks: the id joins its partition's batch for those columns, and the future completes
     * on the caller's context.
     */
    @Override
    public Future<Optional<BidRecord>> find(UUID id, Columns columns) {
        ColdBatch.Waiter waiter = ColdBatch.Waiter.on(vertx.getOrCreateContext());
        ColdBatch.Key key = new ColdBatch.Key(BidId.partitionOf(id), columns);
        List<ColdBatch> start;
        synchronized (this) {
            String refusal = join(key, id, waiter);
            if (refusal != null) {
                return Future.failedFuture(new RejectedExecutionException(refusal));
            }
            start = takeStartable();
        }
        start.forEach(this::run);
        return waiter.future();
    }

    /** Adds the id to the open batch of its key; returns why it cannot, or null. Under the lock. */
    private String join(ColdBatch.Key key, UUID id, ColdBatch.Waiter waiter) {
        if (closed) {
            return "cold lookup is closed (the tracker is stopping)";
        }
        ColdBatch batch = open.get(key);
        if (queuedIds >= settings.queueMax() && (batch == null || !batch.contains(id))) {
            queueFull.increment();
            return "cold lookup queue is full: " + queuedIds + " ids wait for a Trino worker ("
                    + Env.variableName("cold.queue.max") + "=" + settings.queueMax() + ")";
        }
        if (batch == null) {
            ColdBatch opened = new ColdBatch(key);
            opened.windowTimer = vertx.setTimer(settings.window().toMillis(), t -> windowEnded(opened));
            open.put(key, opened);
            batch = opened;
        }
        if (batch.add(id, waiter)) {
            queuedIds++;
        }
        if (batch.size() >= settings.maxIds()) {
            open.remove(key); // the next id of its key starts a new batch
            if (!batch.ready) {
                vertx.cancelTimer(batch.windowTimer);
                markReady(batch);
            }
        }
        return null;
    }

    private void windowEnded(ColdBatch batch) {
        List<ColdBatch> start;
        synchronized (this) {
            if (closed || batch.ready) {
                return; // it filled up earlier, or the batcher closed
            }
            markReady(batch); // and it stays open: ids keep joining it while it waits
            start = takeStartable();
        }
        start.forEach(this::run);
    }

    private void markReady(ColdBatch batch) {
        batch.ready = true;
        batch.windowTimer = -1;
        ready.add(batch);
    }

    /** The ready batches that free workers can take now, oldest first; they take no more ids. Under the lock. */
    private List<ColdBatch> takeStartable() {
        List<ColdBatch> start = new ArrayList<>();
        while (running.size() < settings.workers() && !ready.isEmpty()) {
            ColdBatch batch = ready.poll();
            open.remove(batch.key, batch);
            queuedIds -= batch.size();
            running.add(batch);
            start.add(batch);
        }
        return start;
    }

    private void run(ColdBatch batch) {
        batchIds.record(batch.size());
        Duration timeout = settings.queryTimeout();
        long started = System.nanoTime();
        long timer = vertx.setTimer(timeout.toMillis(), t -> batch.fail(new TimeoutException(
                "cold query of " + batch.partition().path() + " timed out after " + Durations.format(timeout))));
        List<UUID> ids = batch.ids();
        workers.executeBlocking(() -> reader.read(batch.partition(), ids, batch.key.columns(), timeout), false).onComplete(result -> {
            vertx.cancelTimer(timer);
            boolean answered = result.succeeded() ? batch.answer(result.result())
                    : batch.fail(new IllegalStateException("cold query of " + batch.partition().path() + " failed: "
                    + result.cause(), result.cause()));
            String outcome = result.succeeded() && answered ? "ok" : answered ? "failed" : "timeout";
            queryTime.get(outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            List<ColdBatch> next;
            synchronized (this) {
                running.remove(batch);
                next = takeStartable();
            }
            next.forEach(this::run);
        });
    }

    synchronized int queuedIds() {
        return queuedIds;
    }

    synchronized int readyBatches() {
        return ready.size();
    }

    synchronized int runningQueries() {
        return running.size();
    }

    /** Fails every lookup still waiting or running, then stops the workers and the reader. */
    @Override
    public void close() {
        List<ColdBatch> unanswered = new ArrayList<>();
        synchronized (this) {
            closed = true;
            open.values().forEach(b -> vertx.cancelTimer(b.windowTimer));
            // a ready batch that is not full is in both
            Set<ColdBatch> waiting = new HashSet<>(open.values());
            waiting.addAll(ready);
            unanswered.addAll(waiting);
            unanswered.addAll(running);
            open.clear();
            ready.clear();
            queuedIds = 0;
        }
        unanswered.forEach(b -> b.fail(new IllegalStateException("cold lookup closed (the tracker is stopping)")));
        workers.close();
        reader.close();
    }
}
