package io.bidtrack.engine.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client every bidtrack service uses, unchanged, against the engine. By default it opens each
 * connection with HELLO 3 and refuses servers that reject it, so both protocol versions are tried.
 */
class VertxRedisClientTest {
    static CacheEngine engine;
    static Vertx vertx;

    @BeforeAll
    static void start() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static Redis client(ProtocolVersion version) {
        RedisOptions options = new RedisOptions()
                .setConnectionString("redis://" + engine.host() + ":" + engine.port())
                .setPreferredProtocolVersion(version);
        return Redis.createClient(vertx, options);
    }

    @Test
    void connectsWithDefaultOptions() throws Exception {
        Redis redis = Redis.createClient(vertx, "redis://" + engine.host() + ":" + engine.port());
        try {
            assertEquals("PONG", await(redis.send(Request.cmd(Command.PING))).toString());
        } finally {
            redis.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void binaryValuesRoundTrip(ProtocolVersion version) throws Exception {
        Redis redis = client(version);
        try {
            byte[] bid = new byte[600];
            new Random(42).nextBytes(bid);
            bid[0] = 0;
            bid[1] = '\r';
            bid[2] = '\n';
            String key = "bid:" + version;
            Response ok = await(redis.send(Request.cmd(Command.SET).arg(key).arg(Buffer.buffer(bid)).arg("PX").arg(60_000)));
            assertEquals("OK", ok.toString());
            assertArrayEquals(bid, await(redis.send(Request.cmd(Command.GET).arg(key))).toBytes());
            long ttl = await(redis.send(Request.cmd(Command.PTTL).arg(key))).toLong();
            assertTrue(ttl > 59_000 && ttl <= 60_000, "PTTL " + ttl);
            assertEquals(null, await(redis.send(Request.cmd(Command.GET).arg("missing:" + version))));
        } finally {
            redis.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void hashesRoundTrip(ProtocolVersion version) throws Exception {
        Redis redis = client(version);
        try {
            String key = "campaign:" + version;
            Response added = await(redis.send(Request.cmd(Command.HSET).arg(key)
                    .arg("name").arg("Summer sale").arg("bid_floor").arg("1.25").arg("active").arg("true")));
            assertEquals(3, added.toInteger());
            Map<String, String> fields = asMap(await(redis.send(Request.cmd(Command.HGETALL).arg(key))));
            assertEquals(Map.of("name", "Summer sale", "bid_floor", "1.25", "active", "true"), fields);
            assertEquals("1.25", await(redis.send(Request.cmd(Command.HGET).arg(key).arg("bid_floor"))).toString());
        } finally {
            redis.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void scanFindsEveryKey(ProtocolVersion version) throws Exception {
        Redis redis = client(version);
        try {
            Set<String> written = new HashSet<>();
            for (int i = 0; i < 120; i++) {
                String key = "scan:" + version + ":" + i;
                written.add(key);
                await(redis.send(Request.cmd(Command.SET).arg(key).arg(i)));
            }
            Set<String> seen = new HashSet<>();
            String cursor = "0";
            do {
                Response page = await(redis.send(Request.cmd(Command.SCAN).arg(cursor)
                        .arg("MATCH").arg("scan:" + version + ":*").arg("COUNT").arg(25)));
                cursor = page.get(0).toString();
                for (Response key : page.get(1)) {
                    seen.add(key.toString());
                }
            } while (!cursor.equals("0"));
            assertEquals(written, seen);
        } finally {
            redis.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void subscriberReceivesPublishedMessages(ProtocolVersion version) throws Exception {
        Redis redis = client(version);
        try {
            RedisConnection subscriber = await(redis.connect());
            BlockingQueue<Response> received = new LinkedBlockingQueue<>();
            subscriber.handler(received::add);
            String channel = "core-data:" + version;
            await(subscriber.send(Request.cmd(Command.SUBSCRIBE).arg(channel)));

            Response receivers = await(redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg("{\"campaign\":7}")));
            assertEquals(1, receivers.toInteger());

            Response message = received.poll(5, TimeUnit.SECONDS);
            while (message != null && !"message".equals(message.get(0).toString())) {
                message = received.poll(5, TimeUnit.SECONDS); // skip the subscription confirmation
            }
            assertNotNull(message, "no message received on " + channel);
            assertEquals(channel, message.get(1).toString());
            assertEquals("{\"campaign\":7}", message.get(2).toString());
            await(subscriber.close());
        } finally {
            redis.close();
        }
    }

    /** HGETALL is a map in RESP3 and a flat field/value array in RESP2. */
    private static Map<String, String> asMap(Response response) {
        Map<String, String> map = new HashMap<>();
        if (response.isMap()) {
            for (String key : response.getKeys()) {
                map.put(key, response.get(key).toString());
            }
        } else {
            for (int i = 0; i < response.size(); i += 2) {
                map.put(response.get(i).toString(), response.get(i + 1).toString());
            }
        }
        return map;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
