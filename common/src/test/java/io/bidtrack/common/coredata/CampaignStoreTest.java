package io.bidtrack.common.coredata;

import io.bidtrack.common.Names;
import io.bidtrack.common.hotstore.HotStore;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.RedisServerProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's writes on the bundled engine and on a real redis-server: a save replaces the whole
 * hash (MULTI/DEL/HSET/EXEC), and the change is published only once it is readable.
 */
class CampaignStoreTest {
    private static CacheEngine engine;
    private static RedisServerProcess redisServer;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        redisServer = RedisServerProcess.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
        engine.close();
        redisServer.close();
    }

    private static String url(String backend) {
        return "engine".equals(backend) ? "redis://" + engine.host() + ":" + engine.port()
                : "redis://127.0.0.1:" + redisServer.port();
    }

    private static Campaign campaign(String id, double cpm, Instant endAt, Set<String> os) {
        return new Campaign(id, "Campaign " + id, true, id + ".example", cpm, "https://" + id + ".example/",
                new Campaign.Targeting(Set.of("USA"), Set.of("banner"), os, Set.of(), Set.of()), Set.of(),
                new Campaign.Flight(null, endAt), Campaign.Budget.UNLIMITED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine", "redis-server"})
    void saveReplacesTheWholeHashSoRemovedFieldsDoNotLinger(String backend) {
        Redis redis = Redis.createClient(vertx, url(backend));
        try {
            CampaignStore store = new CampaignStore(redis);
            String key = Names.campaignKey("linger");
            await(store.save(campaign("linger", 2.0, Instant.parse("2030-01-01T00:00:00Z"), Set.of("android"))));
            await(redis.send(Request.cmd(Command.HSET).arg(key).arg("legacyField").arg("x")));
            assertEquals(1, await(redis.send(Request.cmd(Command.HEXISTS).arg(key).arg("endAt"))).toInteger());

            Campaign plain = campaign("linger", 3.0, null, Set.of());
            await(store.save(plain));

            assertEquals(0, await(redis.send(Request.cmd(Command.HEXISTS).arg(key).arg("endAt"))).toInteger());
            assertEquals(0, await(redis.send(Request.cmd(Command.HEXISTS).arg(key).arg("legacyField"))).toInteger());
            assertEquals(plain.toHash(), CampaignStore.asMap(await(redis.send(Request.cmd(Command.HGETALL).arg(key)))));
            assertEquals(plain, await(store.load("linger")).orElseThrow());
        } finally {
            await(redis.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine", "redis-server"})
    void eachChangeIsPublishedAfterItIsReadable(String backend) throws InterruptedException {
        Redis redis = Redis.createClient(vertx, url(backend));
        Redis subscriberClient = Redis.createClient(vertx, url(backend));
        try {
            CampaignStore store = new CampaignStore(redis);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            // What the subscriber reads back from the store when the message arrives.
            BlockingQueue<Map<String, String>> stateAtMessage = new LinkedBlockingQueue<>();
            RedisConnection sub = await(subscriberClient.connect());
            sub.handler(push -> {
                if (push.size() == 3 && "message".equals(push.get(0).toString())) {
                    received.add(push.get(2).toString());
                    redis.send(Request.cmd(Command.HGETALL).arg(Names.campaignKey("pub")))
                            .onSuccess(h -> stateAtMessage.add(CampaignStore.asMap(h)));
                }
            });
            await(sub.send(Request.cmd(Command.SUBSCRIBE).arg(Names.CORE_DATA_CHANNEL)));

            Campaign c = campaign("pub", 1.25, null, Set.of("ios"));
            await(store.save(c));
            assertEquals(CoreDataMessage.upsert(c), received.poll(5, TimeUnit.SECONDS));
            assertEquals(c.toHash(), stateAtMessage.poll(5, TimeUnit.SECONDS));
            assertTrue(await(store.exists("pub")));

            assertTrue(await(store.delete("pub")));
            String deletion = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(deletion);
            assertEquals(new CoreDataMessage.Deletion("pub"), CoreDataMessage.parse(deletion));
            assertEquals(Map.of(), stateAtMessage.poll(5, TimeUnit.SECONDS));
            assertFalse(await(store.exists("pub")));
            assertFalse(await(store.delete("pub")), "a second delete finds nothing");
        } finally {
            await(subscriberClient.close());
            await(redis.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine", "redis-server"})
    void concurrentSavesLeaveOneCompleteVersion(String backend) {
        // The services' pooled client: several connections, so the transactions really interleave.
        Redis redis = HotStore.pooledClient(vertx, url(backend), 8);
        try {
            CampaignStore store = new CampaignStore(redis);
            Campaign a = campaign("race", 1.0, Instant.parse("2030-01-01T00:00:00Z"), Set.of("android"));
            Campaign b = campaign("race", 9.0, null, Set.of());
            List<Future<Void>> saves = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                saves.add(store.save(i % 2 == 0 ? a : b));
            }
            await(Future.all(saves));
            Map<String, String> hash = CampaignStore.asMap(await(redis.send(Request.cmd(Command.HGETALL).arg(Names.campaignKey("race")))));
            // Never a mix of the two versions (b's bid with a's end date, say).
            assertTrue(hash.equals(a.toHash()) || hash.equals(b.toHash()), hash.toString());
        } finally {
            await(redis.close());
        }
    }

    private static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
