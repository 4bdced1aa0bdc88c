package io.bidtrack.tracker;

import io.bidtrack.common.Names;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka goes away and comes back on the same port (same log directory): events are still
 * answered, wait in the tracker's buffer, and every one reaches tracking-events once it is back,
 * exactly once, attributed. No tracking event is lost.
 */
class TrackerKafkaOutageTest {
    static final int EVENTS_DURING_OUTAGE = 20;

    @TempDir
    Path kafkaDir;

    @Test
    void eventsDuringAnOutageAreAnsweredAndAllReachKafkaOnceItIsBack() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, 0);
        int port = kafka.port();
        kafka.createTopics(1, Names.TRACKING_EVENTS_TOPIC);
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0))) {
            TrackerStack stack = new TrackerStack("redis://" + engine.host() + ":" + engine.port());
            EmbeddedKafka back = null;
            try {
                stack.save(new Campaign("shoes", "Shoes", true, "shoes.example", 1.5, "https://shoes.example/sale", Set.of(), Set.of()));
                // Attempts time out after 2 s, so an outage of a few seconds is bridged by the
                // stream's own retries, not by the producer's internal ones.
                stack.start(kafka.bootstrapServers(), Map.of("kafka.delivery.timeout", "2s"));
                kafka.close();

                List<BidRecord> bids = new ArrayList<>();
                for (int i = 0; i < EVENTS_DURING_OUTAGE; i++) {
                    BidRecord bid = stack.hotBid("shoes", 1.5);
                    bids.add(bid);
                    assertEquals(200, stack.get("/t/imp?id=" + bid.getId()).statusCode());
                }
                assertEquals(EVENTS_DURING_OUTAGE, stack.awaitMetric("bidtrack_kafka_buffered{topic=\"tracking-events\"}", EVENTS_DURING_OUTAGE));

                double retries = stack.awaitMetric("bidtrack_kafka_retries_total{topic=\"tracking-events\"}", 1);
                assertTrue(retries >= 1, "no attempt failed and was retried from the buffer");
                back = EmbeddedKafka.start(kafkaDir, port);
                try (EventLog events = new EventLog(back.bootstrapServers())) {
                    for (BidRecord bid : bids) {
                        assertEquals(Tier.HOT, events.await(bid.getId(), EventType.IMPRESSION).getTier());
                    }
                    for (BidRecord bid : bids) {
                        assertEquals(1, events.count(bid.getId(), EventType.IMPRESSION), "event of " + bid.getId() + " duplicated");
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (stack.metric("bidtrack_kafka_buffered{topic=\"tracking-events\"}") > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(0, stack.metric("bidtrack_kafka_buffered{topic=\"tracking-events\"}"), "acknowledged records still buffered");
            } finally {
                stack.close(Duration.ofSeconds(2));
                if (back != null) {
                    back.close();
                }
            }
        }
    }
}
