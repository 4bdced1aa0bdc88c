package io.bidtrack.common.coredata;

import io.bidtrack.common.Names;
import io.bidtrack.common.model.Campaign;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.bidtrack.common.coredata.CampaignCacheTest.await;
import static io.bidtrack.common.coredata.CampaignCacheTest.campaign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The L1 cache's invalidation in both modes against both stores: how fast a change reaches it,
 * flushes, changes made without a publish, and a store that restarts under it.
 * <p>
 * Unless a test is about the resync, the ttl is long: neither the periodic resync nor the per-entry
 * refresh can then explain a change reaching the cache, only the invalidation under test. Reads go
 * through {@link #cached}, which (unlike {@code get}) never triggers a refresh.
 */
class CampaignCacheInvalidationTest {
    private static final Duration LONG_TTL = Duration.ofMinutes(10);
    /** Short enough for a pub/sub-mode test to watch the resync heal what pub/sub cannot hear. */
    private static final Duration RESYNC_TTL = Duration.ofMillis(700);
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static Vertx vertx;
    private CampaignCacheStore server;
    private Redis redis;
    private CampaignCache cache;

    static Stream<Arguments> setups() {
        return Arrays.stream(CampaignCacheStore.Kind.values()).flatMap(kind ->
                Arrays.stream(InvalidationMode.values()).map(mode -> Arguments.of(kind, mode)));
    }

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close());
    }

    @AfterEach
    void stop() {
        if (cache != null) {
            await(cache.close());
        }
        if (redis != null) {
            await(redis.close());
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("setups")
    void savedAndDeletedCampaignsReachL1Quickly(CampaignCacheStore.Kind kind, InvalidationMode mode) {
        CampaignStore store = startStore(kind);
        cache = await(CampaignCache.start(vertx, server.url(), settings(mode, LONG_TTL)));
        assertTrue(cache.loaded());

        List<Long> writes = new ArrayList<>();
        List<Long> deletes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "w" + i;
            long start = System.nanoTime();
            await(store.save(campaign(id, 1 + i)));
            writes.add(nanosUntil(() -> cached(id).isPresent(), "saved campaign " + id + " never reached L1") - start);
        }
        for (int i = 0; i < 20; i++) {
            String id = "w" + i;
            long start = System.nanoTime();
            await(store.save(campaign(id, 50 + i)));
            double cpm = 50 + i;
            writes.add(nanosUntil(() -> cached(id).map(c -> c.bidCpm() == cpm).orElse(false),
                    "update of " + id + " never reached L1") - start);
        }
        for (int i = 0; i < 20; i++) {
            String id = "w" + i;
            long start = System.nanoTime();
            assertTrue(await(store.delete(id)));
            deletes.add(nanosUntil(() -> cached(id).isEmpty(), "deleted campaign " + id + " still in L1") - start);
        }
        report(kind, mode, "save to L1", writes);
        report(kind, mode, "delete to L1", deletes);
        assertTrue(median(writes) < Duration.ofMillis(100).toNanos(), "median write-to-L1 above 100 ms");
        assertEquals(0, cache.size());
        assertTrue(cache.changesApplied() >= 60, "changes applied: " + cache.changesApplied());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("setups")
    void flushAllIsNoticed(CampaignCacheStore.Kind kind, InvalidationMode mode) {
        CampaignStore store = startStore(kind);
        await(store.save(campaign("a", 1.0)));
        await(store.save(campaign("b", 1.0)));
        // Pub/sub mode hears no flush: only its resync can notice one.
        Duration ttl = mode == InvalidationMode.PUBSUB ? RESYNC_TTL : LONG_TTL;
        cache = await(CampaignCache.start(vertx, server.url(), settings(mode, ttl)));
        assertEquals(2, cache.size());

        long start = System.nanoTime();
        await(redis.send(Request.cmd(Command.FLUSHALL)));
        long took = nanosUntil(() -> cache.campaigns().isEmpty(), "FLUSHALL not noticed") - start;
        report(kind, mode, "FLUSHALL to L1", List.of(took));
        if (mode == InvalidationMode.TRACKING) {
            assertTrue(took < Duration.ofMillis(RESYNC_TTL.toMillis()).toNanos(), "flush not heard by tracking");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("setups")
    void changesWithoutPublishReachL1(CampaignCacheStore.Kind kind, InvalidationMode mode) {
        CampaignStore store = startStore(kind);
        await(store.save(campaign("x", 1.0)));
        await(store.save(campaign("y", 1.0)));
        Duration ttl = mode == InvalidationMode.PUBSUB ? RESYNC_TTL : LONG_TTL;
        cache = await(CampaignCache.start(vertx, server.url(), settings(mode, ttl)));
        long resyncsBefore = cache.resyncStats().succeeded();

        // Written behind the updater's back, as redis-cli or a script would: no PUBLISH.
        long start = System.nanoTime();
        await(redis.send(Request.cmd(Command.HSET).arg(Names.campaignKey("x")).arg("bidCpm").arg("7.0")));
        Request hset = Request.cmd(Command.HSET).arg(Names.campaignKey("z"));
        campaign("z", 3.0).toHash().forEach((k, v) -> hset.arg(k).arg(v));
        await(redis.send(hset));
        await(redis.send(Request.cmd(Command.DEL).arg(Names.campaignKey("y"))));
        long took = nanosUntil(() -> cached("x").map(c -> c.bidCpm() == 7.0).orElse(false)
                && cached("z").isPresent() && cached("y").isEmpty(), "changes without a publish never reached L1") - start;
        report(kind, mode, "unpublished HSET/DEL to L1", List.of(took));

        long resyncs = cache.resyncStats().succeeded() - resyncsBefore;
        if (mode == InvalidationMode.TRACKING) {
            assertEquals(0, resyncs, "tracking must hear these changes itself, not through a resync");
        } else {
            assertTrue(resyncs > 0, "pub/sub cannot hear unpublished changes: only a resync can have found them");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("setups")
    void reconnectsAndResyncsAfterTheStoreRestarts(CampaignCacheStore.Kind kind, InvalidationMode mode) {
        CampaignStore store = startStore(kind);
        await(store.save(campaign("before", 1.0)));
        cache = await(CampaignCache.start(vertx, server.url(), settings(mode, LONG_TTL)));
        String activeState = mode == InvalidationMode.PUBSUB ? "subscribed" : "tracking";
        assertEquals("1 campaigns, " + mode + ", " + activeState, cache.status());
        int port = server.port();

        await(redis.close());
        server.close();
        nanosUntil(() -> !cache.listening(), "loss of the store not noticed");
        assertTrue(cache.status().endsWith("reconnecting"), cache.status());
        assertTrue(cache.loaded(), "a reconnecting cache still serves what it has");

        // A new, empty store on the same address: what it holds now was written while the cache
        // was away, so only the resync after reconnecting can bring it (the ttl is long).
        server = kind.start(port);
        redis = Redis.createClient(vertx, server.url());
        store = new CampaignStore(redis);
        await(store.save(campaign("while-away", 2.0)));
        long lostAt = System.nanoTime();
        nanosUntil(() -> cached("while-away").isPresent() && cached("before").isEmpty(),
                "no resync after reconnecting");
        report(kind, mode, "write while away to L1 (incl. 1 s reconnect delay)", List.of(System.nanoTime() - lostAt));
        nanosUntil(cache::listening, "not listening after the resync");
        assertEquals("1 campaigns, " + mode + ", " + activeState, cache.status());

        // And the renewed subscription or tracking hears the next change.
        if (mode == InvalidationMode.TRACKING) {
            await(redis.send(Request.cmd(Command.HSET).arg(Names.campaignKey("while-away")).arg("bidCpm").arg("9.0")));
        } else {
            await(store.save(campaign("while-away", 9.0)));
        }
        nanosUntil(() -> cached("while-away").map(c -> c.bidCpm() == 9.0).orElse(false),
                "no change heard after reconnecting");
    }

    private CampaignStore startStore(CampaignCacheStore.Kind kind) {
        server = kind.start(0);
        redis = Redis.createClient(vertx, server.url());
        return new CampaignStore(redis);
    }

    private static L1Settings settings(InvalidationMode mode, Duration ttl) {
        return new L1Settings(ttl, 1000, mode, HEARTBEAT);
    }

    /** The cached campaign, read without triggering Caffeine's refresh (unlike {@code get}). */
    private Optional<Campaign> cached(String id) {
        return cache.campaigns().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Polls finely (the point is to measure milliseconds) until the condition holds; its nanoTime. */
    private static long nanosUntil(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(failure);
            }
            LockSupport.parkNanos(50_000);
        }
        return System.nanoTime();
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void report(CampaignCacheStore.Kind kind, InvalidationMode mode, String what, List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        System.out.printf("L1 latency [%s, %s] %s: median %.2f ms, max %.2f ms (n=%d)%n", kind, mode, what,
                median(sorted) / 1e6, sorted.getLast() / 1e6, sorted.size());
    }
}
