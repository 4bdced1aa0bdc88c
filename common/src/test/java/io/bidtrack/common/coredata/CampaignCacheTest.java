package io.bidtrack.common.coredata;

import io.bidtrack.common.Names;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The L1 cache against the real engine over TCP: initial load, pushes, refresh and resync. */
class CampaignCacheTest {
    private static CacheEngine engine;
    private static Vertx vertx;
    private static String url;
    private Redis redis;
    private CampaignStore store;
    private CampaignCache cache;

    @BeforeAll
    static void startEngine() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        vertx = Vertx.vertx();
        url = "redis://" + engine.host() + ":" + engine.port();
    }

    @AfterAll
    static void stopEngine() {
        await(vertx.close());
        engine.close();
    }

    @BeforeEach
    void connect() {
        redis = Redis.createClient(vertx, url);
        store = new CampaignStore(redis);
        await(redis.send(Request.cmd(Command.FLUSHALL)));
    }

    @AfterEach
    void disconnect() {
        if (cache != null) {
            await(cache.close());
        }
        await(redis.close());
    }

    static Campaign campaign(String id, double cpm) {
        return new Campaign(id, "Campaign " + id, true, id + ".example", cpm, "https://" + id + ".example/landing",
                Set.of("USA"), Set.of("banner"));
    }

    @Test
    void loadsEveryStoredCampaignAtStart() {
        for (int i = 0; i < 1200; i++) { // more than one SCAN page
            await(store.save(campaign("c" + i, 1 + i % 7)));
        }
        await(redis.send(Request.cmd(Command.SET).arg("bid:unrelated").arg("x")));
        // A broken hash is skipped, not fatal.
        await(redis.send(Request.cmd(Command.HSET).arg(Names.campaignKey("broken")).arg("id").arg("broken")));

        cache = await(CampaignCache.start(vertx, url, L1Settings.defaults()));

        assertEquals(1200, cache.size());
        assertEquals(campaign("c42", 1), cache.get("c42").orElseThrow());
        assertTrue(cache.get("broken").isEmpty());
    }

    @Test
    void appliesPushedUpsertsAndDeletions() {
        await(store.save(campaign("a", 1.0)));
        cache = await(CampaignCache.start(vertx, url, L1Settings.defaults()));
        assertEquals(1.0, cache.get("a").orElseThrow().bidCpm());

        await(store.save(campaign("a", 4.5)));
        await(store.save(campaign("b", 2.0)));
        awaitTrue(() -> cache.get("a").map(c -> c.bidCpm() == 4.5).orElse(false), "update of a not pushed");
        awaitTrue(() -> cache.get("b").isPresent(), "new campaign b not pushed");

        assertTrue(await(store.delete("a")));
        awaitTrue(() -> cache.get("a").isEmpty(), "deletion of a not pushed");
        assertEquals(1, cache.size());
    }

    @Test
    void ignoresMalformedMessagesAndKeepsListening() {
        cache = await(CampaignCache.start(vertx, url, L1Settings.defaults()));
        publish("not json");
        publish("{\"id\":\"x\",\"deleted\":\"yes\"}");
        publish("{\"id\":\"bad id!\",\"name\":\"n\",\"bidCpm\":1,\"landingUrl\":\"https://x\"}");
        await(store.save(campaign("after", 1.0)));
        awaitTrue(() -> cache.get("after").isPresent(), "cache stopped listening after bad messages");
        assertEquals(1, cache.size());
    }

    @Test
    void resyncHealsMissedPushes() {
        await(store.save(campaign("kept", 1.0)));
        await(store.save(campaign("gone", 1.0)));
        cache = await(CampaignCache.start(vertx, url, L1Settings.defaults()));
        // Changes made behind the cache's back: no message published.
        await(redis.send(Request.cmd(Command.DEL).arg(Names.campaignKey("gone"))));
        Request hset = Request.cmd(Command.HSET).arg(Names.campaignKey("new"));
        campaign("new", 3.0).toHash().forEach((k, v) -> hset.arg(k).arg(v));
        await(redis.send(hset));
        assertTrue(cache.get("gone").isPresent());

        assertEquals(2, await(cache.resync()));
        assertTrue(cache.get("gone").isEmpty());
        assertEquals(3.0, cache.get("new").orElseThrow().bidCpm());
    }

    @Test
    void staleEntryIsReReadFromTheEngineAfterTheTtl() {
        await(store.save(campaign("r", 1.0)));
        cache = await(CampaignCache.start(vertx, url, new L1Settings(Duration.ofMillis(200), 100)));
        // Changed without a push: only the refresh after the ttl can see it.
        Request hset = Request.cmd(Command.HSET).arg(Names.campaignKey("r")).arg("bidCpm").arg("7.0");
        await(redis.send(hset));
        awaitTrue(() -> cache.get("r").map(c -> c.bidCpm() == 7.0).orElse(false), "stale entry never refreshed");
    }

    @Test
    void keepsServingWhileTheEngineIsAway() {
        CacheEngine own = CacheEngine.start(EngineConfig.defaults().withPort(0));
        String ownUrl = "redis://" + own.host() + ":" + own.port();
        Redis ownRedis = Redis.createClient(vertx, ownUrl);
        try {
            await(new CampaignStore(ownRedis).save(campaign("s", 1.5)));
            cache = await(CampaignCache.start(vertx, ownUrl, new L1Settings(Duration.ofMillis(100), 100)));
        } finally {
            await(ownRedis.close());
        }
        own.close();
        long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
        while (System.nanoTime() < deadline) { // several ttls with refreshes failing
            Optional<Campaign> s = cache.get("s");
            assertTrue(s.isPresent(), "campaign dropped while the engine was away");
            Thread.onSpinWait();
        }
    }

    @Test
    void resubscribesAndResyncsWhenTheEngineComesBack() {
        CacheEngine first = CacheEngine.start(EngineConfig.defaults().withPort(0));
        int port = first.port();
        String ownUrl = "redis://" + first.host() + ":" + port;
        // A short ttl, so the heartbeat notices a connection the old engine left half-open quickly.
        cache = await(CampaignCache.start(vertx, ownUrl, new L1Settings(Duration.ofMillis(300), 100)));
        first.close();

        // A new, empty engine on the same address: the campaign saved there reaches the cache
        // through the resync after reconnecting, the next one through the renewed subscription.
        CacheEngine second = CacheEngine.start(EngineConfig.defaults().withPort(port));
        Redis ownRedis = Redis.createClient(vertx, ownUrl);
        try {
            CampaignStore ownStore = new CampaignStore(ownRedis);
            await(ownStore.save(campaign("while-away", 1.0)));
            awaitTrue(() -> cache.get("while-away").isPresent(), "no resync after reconnecting");
            await(ownStore.save(campaign("after", 1.0)));
            awaitTrue(() -> cache.get("after").isPresent(), "no push after reconnecting");
        } finally {
            await(ownRedis.close());
            await(cache.close());
            cache = null;
            second.close();
        }
    }

    @Test
    void metricsCountHitsMissesChangesAndResyncs() {
        await(store.save(campaign("m", 1.0)));
        cache = await(CampaignCache.start(vertx, url, L1Settings.defaults()));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        cache.registerMetrics(registry);

        assertTrue(cache.get("m").isPresent());
        assertTrue(cache.get("m").isPresent());
        assertTrue(cache.get("nope").isEmpty());
        await(store.save(campaign("m2", 1.0)));
        awaitTrue(() -> cache.get("m2").isPresent(), "push not applied"); // one more hit, maybe misses

        String scrape = registry.scrape();
        assertEquals(3.0, metric(scrape, "bidtrack_l1_gets_total{result=\"hit\"}"));
        double misses = metric(scrape, "bidtrack_l1_gets_total{result=\"miss\"}");
        assertTrue(misses >= 1, scrape);
        assertEquals(3 / (3 + misses), metric(scrape, "bidtrack_l1_hit_ratio"), 1e-9);
        assertEquals(2.0, metric(scrape, "bidtrack_l1_campaigns"));
        assertEquals(1.0, metric(scrape, "bidtrack_l1_changes_applied_total{mode=\"pubsub\"}"));
        assertEquals(1.0, metric(scrape, "bidtrack_l1_resync_seconds_count"));
        assertTrue(metric(scrape, "bidtrack_l1_last_resync_age_seconds") >= 0, scrape);
        assertEquals(1.0, metric(scrape, "bidtrack_l1_listening"));
        assertEquals(0.0, metric(scrape, "bidtrack_l1_evictions_total"));
    }

    @Test
    void reportsLoadedAndStatusForReadiness() {
        await(store.save(campaign("r1", 1.0)));
        await(store.save(campaign("r2", 1.0)));
        cache = await(CampaignCache.start(vertx, url, L1Settings.defaults()));
        assertTrue(cache.loaded());
        assertTrue(cache.listening());
        assertEquals("2 campaigns, pubsub, subscribed", cache.status());
    }

    @Test
    void failsToStartWithoutAStore() {
        int unused = io.bidtrack.engine.testing.FreePort.find();
        Future<CampaignCache> start = CampaignCache.start(vertx, "redis://127.0.0.1:" + unused, L1Settings.defaults());
        awaitTrue(start::isComplete, "start never completed");
        assertFalse(start.succeeded());
    }

    /** The value of one sample line of a Prometheus scrape. */
    static double metric(String scrape, String sample) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample " + sample + " in\n" + scrape);
    }

    private void publish(String message) {
        await(redis.send(Request.cmd(Command.PUBLISH).arg(Names.CORE_DATA_CHANNEL).arg(message)));
    }

    static void awaitTrue(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(failure);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        }
    }

    static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
