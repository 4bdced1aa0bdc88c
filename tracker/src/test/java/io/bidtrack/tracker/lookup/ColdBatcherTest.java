package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batching client on a fake lake. Timing is by Vert.x timers only: windows either far longer
 * than the test (so a batch can only leave by being full) or far longer than one event-loop turn
 * (so every id asked for in that turn lands in the same batch).
 */
class ColdBatcherTest {
    private static final long HOUR = 3_600_000;
    private static final Duration LONG = Duration.ofHours(1);

    private final Vertx vertx = Vertx.vertx();
    private final FakeLake lake = new FakeLake();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ColdBatcher batcher;

    @AfterEach
    void close() {
        lake.open();
        if (batcher != null) {
            batcher.close();
        }
        vertx.close().await();
    }

    private ColdBatcher start(Duration window, int maxIds, int queueMax, Duration timeout, int workers) {
        batcher = new ColdBatcher(vertx, lake, new ColdBatcher.Settings(window, maxIds, queueMax, timeout, workers), registry);
        return batcher;
    }

    /** An id in the hour that starts {@code hoursAgo} hours before the current one, {@code n} seconds in. */
    private static UUID idIn(int hoursAgo, int n) {
        long hourStart = System.currentTimeMillis() / HOUR * HOUR - hoursAgo * HOUR;
        return BidId.mintAt(hourStart + n * 1000L);
    }

    /** Asks for every id in one turn of one event loop, as a burst of events on one loop would. */
    private List<Future<Optional<BidRecord>>> findInOneTurn(Context context, List<UUID> ids) {
        return findInOneTurn(context, ids, f -> {
        });
    }

    /** @param then called, in the same turn, with each lookup's future */
    private List<Future<Optional<BidRecord>>> findInOneTurn(Context context, List<UUID> ids,
                                                            Consumer<Future<Optional<BidRecord>>> then) {
        CompletableFuture<List<Future<Optional<BidRecord>>>> asked = new CompletableFuture<>();
        context.runOnContext(v -> {
            List<Future<Optional<BidRecord>>> futures = ids.stream().map(batcher::find).toList();
            futures.forEach(then);
            asked.complete(futures);
        });
        return asked.join();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Waits up to 10 s for a gauge to read {@code value}; returns what it read last. */
    private double awaitGauge(String name, double value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        double read = registry.get(name).gauge().value();
        while (read != value && System.nanoTime() < deadline) {
            Thread.sleep(5);
            read = registry.get(name).gauge().value();
        }
        return read;
    }

    private static List<Optional<BidRecord>> awaitAll(List<Future<Optional<BidRecord>>> futures) throws Exception {
        List<Optional<BidRecord>> answers = new java.util.ArrayList<>();
        for (Future<Optional<BidRecord>> f : futures) {
            answers.add(await(f));
        }
        return answers;
    }

    /** Makes the only worker busy with a query that waits until {@code lake.open()}; returns its lookup. */
    private Future<Optional<BidRecord>> occupyTheWorker() throws InterruptedException {
        lake.gate = new CountDownLatch(1);
        Future<Optional<BidRecord>> busy = batcher.find(lake.store(idIn(2, 0), "x"));
        assertTrue(lake.started.tryAcquire(10, TimeUnit.SECONDS), "the first query never started");
        return busy;
    }

    private static Throwable failure(Future<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(f));
        return e.getCause();
    }

    @Test
    void idsOfOneWindowAreGroupedIntoOneQueryPerPartitionOffTheEventLoop() throws Exception {
        start(Duration.ofMillis(500), 500, 1000, Duration.ofSeconds(10), 4);
        UUID a1 = lake.store(idIn(3, 1), "a"), a2 = idIn(3, 2);
        UUID b1 = lake.store(idIn(4, 1), "b");
        UUID c1 = idIn(5, 1), c2 = lake.store(idIn(5, 2), "c"), c3 = idIn(5, 3);
        Context caller = vertx.getOrCreateContext();
        List<UUID> asked = List.of(a1, a2, b1, c1, c2, c3, a1);
        AtomicInteger onCaller = new AtomicInteger();
        List<Future<Optional<BidRecord>>> answers = findInOneTurn(caller, asked, f -> f.onComplete(r -> {
            if (Vertx.currentContext() == caller) {
                onCaller.incrementAndGet();
            }
        }));

        for (int i = 0; i < asked.size(); i++) {
            Optional<BidRecord> bid = await(answers.get(i));
            assertEquals(lake.bids.containsKey(asked.get(i)), bid.isPresent(), asked.get(i).toString());
            bid.ifPresent(b -> assertTrue(asked.contains(UUID.fromString(b.getId()))));
        }
        assertEquals("a", await(answers.get(6)).orElseThrow().getCampaignId(), "an id asked twice is answered twice");
        assertEquals(3, lake.queries.size(), "one query per partition: " + lake.queries);
        Map<LakePartition, Set<UUID>> byPartition = lake.queries.stream()
                .collect(Collectors.toMap(FakeLake.Query::partition, q -> Set.copyOf(q.ids())));
        assertEquals(Map.of(BidId.partitionOf(a1), Set.of(a1, a2), BidId.partitionOf(b1), Set.of(b1),
                BidId.partitionOf(c1), Set.of(c1, c2, c3)), byPartition);
        assertEquals(6, lake.queries.stream().mapToInt(q -> q.ids().size()).sum(), "an id asked twice is queried once");
        assertFalse(lake.queries.stream().anyMatch(FakeLake.Query::onEventLoop), "a query ran on an event loop");
        assertEquals(3, registry.get("bidtrack_cold_batch_ids").summary().count());
        assertEquals(6, registry.get("bidtrack_cold_batch_ids").summary().totalAmount());
        assertEquals(3, registry.get("bidtrack_cold_query").tag("outcome", "ok").timer().count());
        // The answers come back on the asking event loop, not on the worker.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (onCaller.get() < asked.size() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(asked.size(), onCaller.get());
    }

    @Test
    void aFullBatchRunsWithoutWaitingForItsWindow() throws Exception {
        start(LONG, 3, 1000, Duration.ofSeconds(10), 4);
        List<UUID> ids = IntStream.range(0, 7).mapToObj(n -> lake.store(idIn(3, n), "a")).toList();
        List<Future<Optional<BidRecord>>> answers = findInOneTurn(vertx.getOrCreateContext(), ids);

        for (int i = 0; i < 6; i++) {
            assertTrue(await(answers.get(i)).isPresent());
        }
        assertEquals(List.of(ids.subList(0, 3), ids.subList(3, 6)), lake.queries.stream().map(FakeLake.Query::ids).toList());
        assertFalse(answers.get(6).isComplete(), "the seventh id waits for its window (an hour)");
        assertEquals(1.0, registry.get("bidtrack_cold_queue_ids").gauge().value());

        batcher.close();
        assertTrue(failure(answers.get(6)).getMessage().contains("closed"), "closing fails what still waits");
    }

    @Test
    void aFullQueueRefusesNewLookupsWithAClearReasonAndLosesNoneItTook() throws Exception {
        start(Duration.ofMillis(1), 2, 4, Duration.ofMinutes(1), 1);
        lake.gate = new CountDownLatch(1);
        Future<Optional<BidRecord>> running = batcher.find(lake.store(idIn(3, 0), "a"));
        assertTrue(lake.started.tryAcquire(10, TimeUnit.SECONDS), "the first query never started");

        // The only worker is busy: four ids fill the queue, the fifth is refused.
        List<UUID> queued = List.of(lake.store(idIn(4, 0), "b"), idIn(4, 1), idIn(5, 0), lake.store(idIn(5, 1), "c"));
        List<Future<Optional<BidRecord>>> waiting = findInOneTurn(vertx.getOrCreateContext(), queued);
        assertEquals(4.0, registry.get("bidtrack_cold_queue_ids").gauge().value());
        Throwable refused = failure(batcher.find(idIn(6, 0)));
        assertInstanceOf(RejectedExecutionException.class, refused);
        assertTrue(refused.getMessage().contains("cold lookup queue is full"), refused.getMessage());
        assertTrue(refused.getMessage().contains("BIDTRACK_COLD_QUEUE_MAX=4"), refused.getMessage());
        assertEquals(1.0, registry.get("bidtrack_cold_queue_full").counter().count());
        assertEquals(1, lake.queries.size(), "nothing else ran while the worker was busy");

        lake.open();
        assertTrue(await(running).isPresent());
        List<Boolean> found = waiting.stream().map(f -> {
            try {
                return await(f).isPresent();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals(List.of(true, false, false, true), found);
        assertEquals(3, lake.queries.size(), "one query per partition, one after the other on the one worker");
        assertEquals(0.0, registry.get("bidtrack_cold_queue_ids").gauge().value());
    }

    @Test
    void aQueryPastItsTimeoutFailsItsLookupsAndKeepsItsWorkerUntilTheReaderReturns() throws Exception {
        start(Duration.ofMillis(1), 500, 1000, Duration.ofMillis(100), 1);
        lake.gate = new CountDownLatch(1);
        Throwable timedOut = failure(batcher.find(idIn(3, 0)));
        assertInstanceOf(TimeoutException.class, timedOut);
        assertTrue(timedOut.getMessage().contains("timed out after 100ms"), timedOut.getMessage());
        assertEquals(1.0, registry.get("bidtrack_cold_queries_running").gauge().value(), "the reader still holds its worker");

        lake.open();
        UUID later = lake.store(idIn(3, 1), "a");
        assertTrue(await(batcher.find(later)).isPresent(), "the worker serves the next query once the reader gave up");
        assertEquals(1, registry.get("bidtrack_cold_query").tag("outcome", "timeout").timer().count());
    }

    @Test
    void aFailedQueryFailsItsLookupsWithTheCause() throws Exception {
        start(Duration.ofMillis(1), 500, 1000, Duration.ofSeconds(10), 4);
        lake.failuresLeft.set(1);
        UUID id = idIn(3, 0);
        Throwable failed = failure(batcher.find(id));
        assertTrue(failed.getMessage().contains("trino is down"), failed.getMessage());
        assertTrue(failed.getMessage().contains(BidId.partitionOf(id).path()), failed.getMessage());
        assertEquals(1, registry.get("bidtrack_cold_query").tag("outcome", "failed").timer().count());
    }

    @Test
    void aWaitingBatchKeepsTakingIdsOfItsPartitionUntilAWorkerTakesIt() throws Exception {
        start(Duration.ofMillis(1), 500, 1000, Duration.ofMinutes(1), 1);
        Future<Optional<BidRecord>> busy = occupyTheWorker();
        UUID first = lake.store(idIn(3, 0), "a");
        Future<Optional<BidRecord>> firstAnswer = batcher.find(first);
        assertEquals(1.0, awaitGauge("bidtrack_cold_batches_ready", 1.0), "the window of the first id ended");

        // After its window: these join the batch that waits, rather than starting a new one.
        List<UUID> later = List.of(idIn(3, 1), lake.store(idIn(3, 2), "a"), idIn(3, 3));
        List<Future<Optional<BidRecord>>> laterAnswers = findInOneTurn(vertx.getOrCreateContext(), later);
        assertEquals(1.0, registry.get("bidtrack_cold_batches_ready").gauge().value(), "one batch waits");
        assertEquals(4.0, registry.get("bidtrack_cold_queue_ids").gauge().value(), "every waiting id counts");

        lake.open();
        assertTrue(await(busy).isPresent());
        assertTrue(await(firstAnswer).isPresent());
        assertEquals(List.of(false, true, false), awaitAll(laterAnswers).stream().map(Optional::isPresent).toList());
        assertEquals(2, lake.queries.size(), "the busy query, then one for all four ids: " + lake.queries);
        assertEquals(List.of(first, later.get(0), later.get(1), later.get(2)), lake.queries.get(1).ids());
        assertEquals(4.0, registry.get("bidtrack_cold_batch_ids").summary().max());
        assertEquals(0.0, registry.get("bidtrack_cold_batches_ready").gauge().value());
    }

    @Test
    void aWaitingBatchTakesIdsOnlyUpToTheMaximumAndTheQueueBoundStillHolds() throws Exception {
        start(Duration.ofMillis(1), 3, 4, Duration.ofMinutes(1), 1);
        Future<Optional<BidRecord>> busy = occupyTheWorker();
        UUID first = idIn(3, 0);
        Future<Optional<BidRecord>> firstAnswer = batcher.find(first);
        assertEquals(1.0, awaitGauge("bidtrack_cold_batches_ready", 1.0), "the window of the first id ended");

        List<UUID> later = List.of(idIn(3, 1), idIn(3, 2), idIn(3, 3));
        List<Future<Optional<BidRecord>>> laterAnswers = findInOneTurn(vertx.getOrCreateContext(), later);
        assertEquals(4.0, registry.get("bidtrack_cold_queue_ids").gauge().value());
        Throwable refused = failure(batcher.find(idIn(3, 4)));
        assertInstanceOf(RejectedExecutionException.class, refused);
        assertTrue(refused.getMessage().contains("cold lookup queue is full"), refused.getMessage());

        lake.open();
        await(busy);
        await(firstAnswer);
        awaitAll(laterAnswers);
        assertEquals(List.of(List.of(first, later.get(0), later.get(1)), List.of(later.get(2))),
                lake.queries.subList(1, lake.queries.size()).stream().map(FakeLake.Query::ids).toList(),
                "a full batch takes no more ids: the next one starts a new batch");
    }

    @Test
    void lookupsWantingOtherColumnsAreQueriedApartAndEachGetsWhatItAskedFor() throws Exception {
        start(Duration.ofMillis(500), 500, 1000, Duration.ofSeconds(10), 4);
        UUID a = lake.store(idIn(3, 1), "a"), b = lake.store(idIn(3, 2), "b");
        CompletableFuture<List<Future<Optional<BidRecord>>>> asked = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> asked.complete(List.of(
                batcher.find(a, Columns.ATTRIBUTION), batcher.find(b, Columns.ATTRIBUTION), batcher.find(a, Columns.ALL))));
        List<Optional<BidRecord>> answers = awaitAll(asked.join());

        assertEquals(2, lake.queries.size(), "one query per partition and column set: " + lake.queries);
        Map<Columns, List<UUID>> byColumns = lake.queries.stream()
                .collect(Collectors.toMap(FakeLake.Query::columns, FakeLake.Query::ids));
        assertEquals(Map.of(Columns.ATTRIBUTION, List.of(a, b), Columns.ALL, List.of(a)), byColumns);

        BidRecord partial = answers.get(0).orElseThrow();
        assertEquals(List.of(a.toString(), "a", "cr-a", 1.5),
                List.of(partial.getId(), partial.getCampaignId(), partial.getCreativeId(), partial.getPriceCpm()));
        assertEquals("", partial.getCountry(), "only the attribution columns");
        assertEquals(lake.bids.get(a), answers.get(2).orElseThrow(), "the whole bid for a lookup that asked for it");
        assertEquals("USA", answers.get(2).orElseThrow().getCountry());
    }
}
