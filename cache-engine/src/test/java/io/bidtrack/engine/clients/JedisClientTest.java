package io.bidtrack.engine.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.KeyValue;

/**
 * Jedis, the most used Java client, unchanged against the engine: it sends CLIENT SETINFO and
 * (for RESP3) HELLO 3 on connect, parses every reply type, and pools connections across threads.
 */
class JedisClientTest {
    static CacheEngine engine;

    @BeforeAll
    static void start() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void flush() {
        try (Jedis jedis = connect(RedisProtocol.RESP2)) {
            jedis.flushAll();
        }
    }

    private static Jedis connect(RedisProtocol protocol) {
        return new Jedis(new HostAndPort(engine.host(), engine.port()),
                DefaultJedisClientConfig.builder().protocol(protocol).timeoutMillis(10_000).build());
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    void dataTypes(RedisProtocol protocol) {
        try (Jedis jedis = connect(protocol)) {
            assertEquals("PONG", jedis.ping());

            assertEquals("OK", jedis.set("bid", "0.42", SetParams.setParams().px(60_000)));
            assertEquals("0.42", jedis.get("bid"));
            long ttl = jedis.pttl("bid");
            assertTrue(ttl > 0 && ttl <= 60_000, "PTTL " + ttl);
            jedis.set("gone", "x", SetParams.setParams().px(1));
            awaitGone(jedis, "gone");
            assertEquals(3, jedis.incrBy("n", 3));
            assertEquals(2.5, jedis.incrByFloat("f", 2.5));

            assertEquals(2, jedis.hset("campaign:1", Map.of("name", "spring", "budget", "100")));
            assertEquals(Map.of("name", "spring", "budget", "100"), jedis.hgetAll("campaign:1"));
            assertEquals(150, jedis.hincrBy("campaign:1", "budget", 50));

            assertEquals(3, jedis.rpush("events", "a", "b", "c"));
            assertEquals(List.of("a", "b", "c"), jedis.lrange("events", 0, -1));
            assertEquals("a", jedis.lpop("events"));

            assertEquals(3, jedis.sadd("tags", "x", "y", "z"));
            assertEquals(Set.of("x", "y", "z"), jedis.smembers("tags"));
            assertTrue(jedis.sismember("tags", "y"));

            jedis.zadd("scores", 1.5, "alice");
            jedis.zadd("scores", Map.of("bob", 3.0, "carol", 2.0));
            assertEquals(List.of(new Tuple("alice", 1.5), new Tuple("carol", 2.0), new Tuple("bob", 3.0)),
                    jedis.zrangeWithScores("scores", 0, -1));
            assertEquals(4.0, jedis.zincrby("scores", 2.5, "alice"));
            assertEquals(List.of("alice", "bob"), jedis.zrevrangeByScore("scores", 10, 2.5));
            assertEquals(2, jedis.zrank("scores", "alice"));

            // The engine's own settings, as a client sees them.
            assertEquals("OK", jedis.configSet("client-output-buffer-limit", "pubsub 64mb 16mb 90"));
            assertEquals("normal 0 0 0 slave 268435456 67108864 60 pubsub 67108864 16777216 90",
                    jedis.configGet("client-output-buffer-limit").get("client-output-buffer-limit"));
            jedis.configSet("client-output-buffer-limit", "pubsub 32mb 8mb 60");
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    void pipeliningAndTransactions(RedisProtocol protocol) {
        try (Jedis jedis = connect(protocol)) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<Long>> increments = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                increments.add(pipeline.incr("pipelined"));
            }
            Response<String> value = pipeline.get("pipelined");
            Response<Map<String, String>> missing = pipeline.hgetAll("nothing");
            pipeline.sync();
            for (int i = 0; i < 1000; i++) {
                assertEquals(i + 1, increments.get(i).get());
            }
            assertEquals("1000", value.get());
            assertEquals(Map.of(), missing.get());

            Transaction multi = jedis.multi();
            Response<Long> first = multi.incr("tx");
            Response<Long> second = multi.incrBy("tx", 10);
            Response<String> set = multi.set("tx-done", "yes");
            List<Object> results = multi.exec();
            assertEquals(3, results.size());
            assertEquals(1, first.get());
            assertEquals(11, second.get());
            assertEquals("OK", set.get());

            // WATCH: a write from another connection between WATCH and EXEC aborts the transaction.
            jedis.watch("tx");
            try (Jedis other = connect(protocol)) {
                other.incr("tx");
            }
            Transaction aborted = jedis.multi();
            aborted.set("tx", "lost");
            assertNull(aborted.exec(), "EXEC after a watched key changed returns null");
            assertEquals("12", jedis.get("tx"));
        }
    }

    @Test
    void pubSub() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        CountDownLatch subscribed = new CountDownLatch(2);
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                subscribed.countDown();
            }

            @Override
            public void onPSubscribe(String pattern, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String channel, String message) {
                received.add(channel + "=" + message);
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                received.add(pattern + ":" + channel + "=" + message);
            }
        };
        try (Jedis subscriber = connect(RedisProtocol.RESP2); Jedis publisher = connect(RedisProtocol.RESP2)) {
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> subscriber.subscribe(listener, "bids"));
            assertTrue(waitFor(() -> listener.isSubscribed()), "subscribed");
            listener.psubscribe("win.*");
            assertTrue(subscribed.await(5, TimeUnit.SECONDS));
            assertEquals(1, publisher.publish("bids", "b1"));
            assertEquals(1, publisher.publish("win.eu", "w1"));
            assertEquals(0, publisher.publish("other", "x"));
            assertEquals("bids=b1", received.poll(5, TimeUnit.SECONDS));
            assertEquals("win.*:win.eu=w1", received.poll(5, TimeUnit.SECONDS));
            listener.unsubscribe();
            listener.punsubscribe();
            loop.get(5, TimeUnit.SECONDS); // subscribe() returns once nothing is subscribed
            assertEquals("PONG", subscriber.ping(), "the connection is usable again");
        }
    }

    @Test
    void blockingPop() throws Exception {
        try (Jedis consumer = connect(RedisProtocol.RESP3); Jedis producer = connect(RedisProtocol.RESP2)) {
            CompletableFuture<KeyValue<String, String>> popped =
                    CompletableFuture.supplyAsync(() -> consumer.blpop(5.0, "queue"));
            assertTrue(waitFor(() -> producer.clientList().contains("cmd=blpop")), "the consumer is blocked");
            producer.rpush("queue", "job-1");
            KeyValue<String, String> result = popped.get(5, TimeUnit.SECONDS);
            assertNotNull(result);
            assertEquals("queue", result.getKey());
            assertEquals("job-1", result.getValue());
            assertNull(consumer.blpop(0.05, "queue"), "times out with nothing queued");
        }
    }

    @Test
    void poolSharedByThreads() throws Exception {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(4); // fewer connections than threads: borrowers wait for each other
        try (JedisPool pool = new JedisPool(config, new HostAndPort(engine.host(), engine.port()),
                DefaultJedisClientConfig.builder().timeoutMillis(10_000).build())) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    work.add(threads.submit(() -> {
                        for (int i = 0; i < 200; i++) {
                            try (Jedis jedis = pool.getResource()) {
                                jedis.incr("pooled");
                                jedis.sadd("writers", "t" + thread);
                                jedis.set("own:" + thread, "v" + i);
                            }
                            try (Jedis jedis = pool.getResource()) { // maybe another connection: still sees it
                                assertEquals("v" + i, jedis.get("own:" + thread));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                threads.shutdownNow();
            }
            try (Jedis jedis = pool.getResource()) {
                assertEquals("1600", jedis.get("pooled"));
                assertEquals(8, jedis.scard("writers"));
            }
            assertEquals(0, pool.getNumActive(), "every connection went back to the pool");
        }
    }

    private static void awaitGone(Jedis jedis, String key) {
        assertTrue(waitFor(() -> !jedis.exists(key)), key + " expired");
    }

    /** Polls {@code condition} for up to 5 s: waits for another thread, it measures nothing. */
    private static boolean waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
