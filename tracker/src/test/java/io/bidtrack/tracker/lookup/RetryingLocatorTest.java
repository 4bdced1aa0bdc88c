package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.tracker.lookup.BidLocator.Located;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tier rules and the retries, on the real locator and batcher over a fake hot store and a fake
 * lake. Durations are short, and the only time assertions are lower bounds that the timers
 * guarantee (a retry never comes before its backoff), never how fast anything is.
 */
class RetryingLocatorTest {
    private static final Duration HOT_TTL = Duration.ofMinutes(12);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(200);

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeLake lake = new FakeLake();
    private final Map<UUID, BidRecord> hotStore = new ConcurrentHashMap<>();
    private final AtomicInteger hotLookups = new AtomicInteger();
    private final ColdBatcher batcher = new ColdBatcher(vertx, lake,
            new ColdBatcher.Settings(Duration.ofMillis(1), 500, 1000, Duration.ofSeconds(10), 2), registry);
    private final BidLocator locator = new BidLocator(new BidCache(BidCache.Settings.defaults()), id -> {
        hotLookups.incrementAndGet();
        BidRecord bid = hotStore.get(id);
        return Future.succeededFuture(Optional.ofNullable(bid).map(b -> new HotLookup.Found(b, b.toByteArray())));
    }, batcher, HOT_TTL);
    private RetryingLocator retrying;

    @AfterEach
    void close() {
        if (retrying != null) {
            retrying.stop();
        }
        batcher.close();
        vertx.close().await();
    }

    private RetryingLocator retrying(Duration retryFor, Duration sinkLag) {
        return retrying(new RetryingLocator.Settings(retryFor, FIRST_BACKOFF, MAX_BACKOFF), sinkLag);
    }

    private RetryingLocator retrying(RetryingLocator.Settings settings, Duration sinkLag) {
        retrying = new RetryingLocator(vertx, id -> locator.locate(id, Columns.ATTRIBUTION), settings, sinkLag, registry);
        return retrying;
    }

    private static UUID agedBy(Duration age) {
        return BidId.mintAt(System.currentTimeMillis() - age.toMillis());
    }

    private static Located await(Future<Located> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private double retries(String reason) {
        return registry.get("bidtrack_cold_retries").tag("reason", reason).counter().count();
    }

    @Test
    void theHotTtlDecidesTheTierAndAHotMissFallsThroughToCold() throws Exception {
        retrying(Duration.ofSeconds(5), Duration.ofMillis(1));
        UUID pastWindow = agedBy(Duration.ofMinutes(11)); // past a 10m window, inside its 2m margin
        hotStore.put(pastWindow, FakeLake.bid(pastWindow, "hot"));
        Located hot = await(retrying.locate(pastWindow));
        assertEquals(Tier.HOT, hot.tier());
        assertEquals(0, lake.queries.size(), "a hot hit does not ask the lake");

        UUID pastTtl = agedBy(Duration.ofMinutes(13));
        hotStore.put(pastTtl, FakeLake.bid(pastTtl, "stale"));
        lake.store(pastTtl, "cold");
        int hotBefore = hotLookups.get();
        Located cold = await(retrying.locate(pastTtl));
        assertEquals(Tier.COLD, cold.tier());
        assertEquals("cold", cold.bid().orElseThrow().getCampaignId());
        assertEquals(hotBefore, hotLookups.get(), "past the hot TTL the hot store is not asked");

        UUID lostHot = lake.store(agedBy(Duration.ofMinutes(5)), "lost");
        Located fellThrough = await(retrying.locate(lostHot));
        assertEquals(Tier.COLD, fellThrough.tier());
        assertEquals(hotBefore + 1, hotLookups.get(), "asked hot first, then cold");
    }

    @Test
    void aFailingColdTierIsRetriedWithGrowingBackoffUntilItAnswers() throws Exception {
        retrying(Duration.ofSeconds(30), Duration.ofMillis(1));
        UUID id = lake.store(agedBy(Duration.ofHours(3)), "shoes");
        lake.failuresLeft.set(4);

        Located located = await(retrying.locate(id));
        assertEquals(Tier.COLD, located.tier(), located.reason());
        assertEquals("shoes", located.bid().orElseThrow().getCampaignId());
        assertEquals(5, lake.queries.size());
        assertEquals(4, retries("cold_failed"));
        long[] backoffMillis = {50, 100, 200, 200}; // doubling from cold.retry.backoff, capped at cold.retry.backoff.max
        for (int i = 0; i < backoffMillis.length; i++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(lake.queries.get(i + 1).atNanos() - lake.queries.get(i).atNanos());
            assertTrue(gap >= backoffMillis[i] - 2, "retry " + (i + 1) + " came " + gap + " ms after the failure");
        }
        assertTrue(located.latencyMicros() >= 550_000, "the latency counts every attempt: " + located.latencyMicros());
    }

    @Test
    void aColdTierFailingLongerThanRetryForEndsUnmatchedNamingTheFailure() throws Exception {
        retrying(Duration.ofMillis(400), Duration.ofMillis(1));
        lake.failuresLeft.set(Integer.MAX_VALUE);
        UUID id = lake.store(agedBy(Duration.ofHours(3)), "shoes");

        Located located = await(retrying.locate(id));
        assertEquals(Tier.UNMATCHED, located.tier());
        assertEquals(BidLocator.Failure.COLD, located.failure());
        assertTrue(located.reason().contains("trino is down"), located.reason());
        assertTrue(located.reason().contains("retried for"), located.reason());
        long span = lake.queries.getLast().atMillis() - lake.queries.getFirst().atMillis();
        assertTrue(span >= 400, "gave up after " + span + " ms of a 400 ms budget");
        assertTrue(lake.queries.size() >= 4, "attempts: " + lake.queries.size());
    }

    @Test
    void aColdMissOfABidYoungerThanTheSinkLagIsAskedAgainUntilTheLakeHasIt() throws Exception {
        retrying(Duration.ofSeconds(5), Duration.ofSeconds(10));
        UUID id = BidId.mint(); // the hot store lost it; the sink has not written it yet
        lake.afterQuery = q -> lake.store(id, "shoes"); // written by the time the first query returns

        Located located = await(retrying.locate(id));
        assertEquals(Tier.COLD, located.tier(), located.reason());
        assertEquals(2, lake.queries.size());
        assertEquals(1, retries("not_in_lake_yet"));
        assertEquals(2, hotLookups.get(), "each attempt asks the hot store first");
    }

    @Test
    void aYoungBidTheLakeNeverHoldsIsUnmatchedOnceOlderThanTheSinkLag() throws Exception {
        Duration sinkLag = Duration.ofMillis(300);
        retrying(Duration.ofSeconds(5), sinkLag);
        UUID id = BidId.mint();

        Located located = await(retrying.locate(id));
        assertEquals(Tier.UNMATCHED, located.tier());
        assertTrue(located.reason().contains("not found in the hot store nor the lake"), located.reason());
        long lastAskedAtAge = lake.queries.getLast().atMillis() - BidId.timestampMillis(id);
        assertTrue(lastAskedAtAge >= sinkLag.toMillis(), "last asked at age " + lastAskedAtAge + " ms");
        assertTrue(lake.queries.size() >= 2, "asked again: " + lake.queries.size());
    }

    @Test
    void aMissOfABidOlderThanTheSinkLagIsFinalAtOnce() throws Exception {
        retrying(Duration.ofSeconds(5), Duration.ofSeconds(10));
        UUID id = agedBy(Duration.ofHours(3));

        Located located = await(retrying.locate(id));
        assertEquals(Tier.UNMATCHED, located.tier());
        assertTrue(located.reason().contains("older than the hot TTL and not found in the lake"), located.reason());
        assertEquals(1, lake.queries.size());
        assertEquals(0, hotLookups.get());
        assertEquals(0, retries("not_in_lake_yet") + retries("cold_failed"));
    }

    @Test
    void stoppingEndsWaitingLookupsAtOnceWithTheirLastAnswer() throws Exception {
        // The first retry would come after an hour: only stop() can end this lookup within the test.
        retrying(new RetryingLocator.Settings(Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(1)), Duration.ofMillis(1));
        lake.failuresLeft.set(Integer.MAX_VALUE);
        Future<Located> waiting = retrying.locate(agedBy(Duration.ofHours(3)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (retrying.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, retrying.waiting());

        retrying.stop();
        Located located = await(waiting);
        assertEquals(Tier.UNMATCHED, located.tier());
        assertTrue(located.reason().startsWith("tracker stopped while retrying; cold lookup failed"), located.reason());
        assertEquals(0, retrying.waiting());
    }
}
