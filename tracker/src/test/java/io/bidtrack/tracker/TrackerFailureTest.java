package io.bidtrack.tracker;

import io.bidtrack.common.Names;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.FreePort;
import io.bidtrack.common.model.Campaign;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracker when its dependencies fail: Kafka away, the hot store away. */
class TrackerFailureTest {

    private static String url(CacheEngine engine) {
        return "redis://" + engine.host() + ":" + engine.port();
    }

    private static Campaign shoes() {
        return new Campaign("shoes", "Shoes", true, "shoes.example", 1.5, "https://shoes.example/sale", Set.of(), Set.of());
    }

    @Test
    void aFullEventBufferIs503AndKafkaAwayMakesTheTrackerNotReady() throws Exception {
        String deadKafka = "127.0.0.1:" + FreePort.find();
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0))) {
            TrackerStack stack = new TrackerStack(url(engine));
            try {
                stack.save(shoes());
                // One record fills the buffer, and a dead broker never acknowledges it.
                stack.start(deadKafka, Map.of("kafka.buffer.records", "1"));
                BidRecord first = stack.hotBid("shoes", 1.5);
                assertEquals(200, stack.get("/t/imp?id=" + first.getId()).statusCode());
                assertEquals(1, stack.awaitMetric("bidtrack_kafka_buffered{topic=\"tracking-events\"}", 1));

                BidRecord second = stack.hotBid("shoes", 1.5);
                for (String path : new String[]{"/t/imp?id=", "/t/click?c=shoes&id=", "/t/win?price=1&id=", "/t/install?id="}) {
                    HttpResponse<String> refused = stack.get(path + second.getId());
                    assertEquals(503, refused.statusCode(), path);
                    assertEquals("1", refused.headers().firstValue("retry-after").orElse(""));
                    assertTrue(new JsonObject(refused.body()).getString("error").contains("buffer is full"), refused.body());
                }
                assertEquals(1, stack.metric("bidtrack_tracking_rejected_total{type=\"IMPRESSION\"}"));
                assertEquals(1, stack.metric("bidtrack_tracking_rejected_total{type=\"CLICK\"}"));

                HttpResponse<String> ready = stack.get("/ready");
                assertEquals(503, ready.statusCode(), ready.body());
                JsonObject checks = new JsonObject(ready.body()).getJsonObject("checks");
                assertEquals("DOWN", checks.getJsonObject("kafka").getString("status"), ready.body());
                assertEquals("DOWN", checks.getJsonObject("trackingEvents").getString("status"), ready.body());
                assertEquals("UP", checks.getJsonObject("hotStore").getString("status"), ready.body());
                assertEquals(200, stack.get("/health").statusCode(), "alive all the same");
            } finally {
                stack.close(Duration.ZERO);
            }
        }
    }

    @Test
    void anUnreachableDedupeStoreLetsEventsThrough() throws Exception {
        String kafka = EmbeddedKafka.sharedTemporary(Names.BIDS_TOPIC, Names.TRACKING_EVENTS_TOPIC).bootstrapServers();
        CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        TrackerStack stack = new TrackerStack(url(engine));
        try (EventLog events = new EventLog(kafka)) {
            stack.save(shoes());
            stack.start(kafka, Map.of());
            BidRecord bid = stack.coldBid("shoes", 1.5);
            engine.close();
            // Both copies go out (fail open): a double count can be cleaned downstream, a lost event cannot.
            assertEquals(204, stack.get("/t/install?id=" + bid.getId()).statusCode());
            assertEquals(Tier.COLD, events.await(bid.getId(), EventType.INSTALL).getTier());
            assertEquals(204, stack.get("/t/install?id=" + bid.getId()).statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (events.count(bid.getId(), EventType.INSTALL) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, events.count(bid.getId(), EventType.INSTALL));
            assertTrue(stack.metric("bidtrack_dedupe_unavailable_total") >= 2);
            assertEquals(503, stack.get("/ready").statusCode());
        } finally {
            stack.close(Duration.ofSeconds(2));
            engine.close();
        }
    }
}
