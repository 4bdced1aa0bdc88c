package io.bidtrack.bidder;

import io.bidtrack.common.Names;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.bidtrack.bidder.BidderHarness.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka goes away and comes back on the same port (same log directory): bids are still answered,
 * their records wait in the stream's buffer and all arrive, once each; a full buffer sheds load.
 */
class BidderKafkaOutageTest {
    static final int BIDS_DURING_OUTAGE = 20;
    static final int SMALL_BUFFER = 3;

    @TempDir
    Path kafkaDir;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable r : resources.reversed()) {
            r.close();
        }
    }

    @Test
    void bidsDuringAnOutageAreAnsweredAndAllReachKafkaOnceItIsBack() throws Exception {
        CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        resources.add(engine);
        EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, 0);
        int port = kafka.port();
        kafka.createTopics(1, Names.BIDS_TOPIC);
        String redisUrl = "redis://" + engine.host() + ":" + engine.port();
        List<Campaign> campaigns = List.of(new Campaign("everyone", "Run of network", true, "shop.example", 2.0,
                "https://shop.example/", Set.of(), Set.of()));
        BidderHarness bidder = BidderHarness.start(redisUrl, kafka.bootstrapServers(), Clock.systemUTC(), Map.of(), campaigns);
        resources.add(bidder);
        BidderHarness small = BidderHarness.start(redisUrl, kafka.bootstrapServers(), Clock.systemUTC(),
                Map.of("kafka.buffer.records", Integer.toString(SMALL_BUFFER)), List.of());
        resources.add(small);
        JsonObject request = sample("bid-request-app-banner.json");
        String before = bidder.bid(request).getString("bidid");
        assertEquals(1, BidderHarness.consumeBids(kafka.bootstrapServers(), Set.of(before), Duration.ofSeconds(20)).size());

        kafka.close();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < BIDS_DURING_OUTAGE; i++) {
            ids.add(bidder.bid(request).getString("bidid"));
        }
        assertEquals(BIDS_DURING_OUTAGE, ids.size());
        // The bidder with the small buffer fills it, then sheds: 204, counted, nothing stored to lose.
        Set<String> smallIds = new HashSet<>();
        for (int i = 0; i < SMALL_BUFFER; i++) {
            smallIds.add(small.bid(request).getString("bidid"));
        }
        small.noBid(request, "shed");
        assertEquals(1.0, small.metric("bidtrack_bid_requests_total{outcome=\"shed\"}"));
        assertEquals(SMALL_BUFFER, small.metric("bidtrack_kafka_buffered{topic=\"bids\"}"));
        HttpResponse<String> ready = small.get("/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        JsonObject checks = new JsonObject(ready.body()).getJsonObject("checks");
        assertEquals("DOWN", checks.getJsonObject("kafka").getString("status"), ready.body());
        assertEquals("DOWN", checks.getJsonObject("kafkaBuffer").getString("status"), ready.body());

        EmbeddedKafka back = EmbeddedKafka.start(kafkaDir, port);
        resources.add(back);
        Set<String> all = new HashSet<>(ids);
        all.addAll(smallIds);
        Map<String, List<byte[]>> found = BidderHarness.consumeBids(back.bootstrapServers(), all, Duration.ofSeconds(60));
        assertEquals(all, found.keySet(), "records lost during the outage");
        for (Map.Entry<String, List<byte[]>> e : found.entrySet()) {
            assertEquals(1, e.getValue().size(), "record " + e.getKey() + " duplicated");
            byte[] hot = bidder.command(io.vertx.redis.client.Command.GET, Names.bidKey(e.getKey())).toBytes();
            assertArrayEquals(hot, e.getValue().getFirst());
        }
        assertTrue(small.metric("bidtrack_kafka_buffered{topic=\"bids\"}") <= SMALL_BUFFER);
        assertEquals(200, small.bid(request) != null ? 200 : 0); // room again once Kafka acknowledged
    }
}
