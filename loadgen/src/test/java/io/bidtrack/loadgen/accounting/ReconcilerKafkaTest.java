package io.bidtrack.loadgen.accounting;

import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.loadgen.accounting.Reconciliation.Example;
import io.bidtrack.loadgen.accounting.Reconciliation.Problem;
import io.bidtrack.loadgen.accounting.Reconciliation.SettleEnd;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.bidtrack.loadgen.accounting.TestEvents.attributed;
import static io.bidtrack.loadgen.accounting.TestEvents.newBidId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tail and the settling on the real Kafka broker, three partitions a topic as the stack has;
 * each test writes its own topic.
 */
class ReconcilerKafkaTest {
    private static final int BIDS = 500;
    private static EmbeddedKafka kafka;
    private static KafkaProducer<String, byte[]> producer;

    private final EventLedger ledger = new EventLedger();
    private final Reconciler reconciler = new Reconciler(ledger);
    private final List<SettleProgress> progress = new ArrayList<>();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(3, "seen-all", "dropped-one", "max-settle");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** 500 bids with an impression each, the first 50 cold; what a faultless tracker writes. */
    private List<TrackingEvent> sendRun() {
        List<TrackingEvent> events = new ArrayList<>();
        for (int i = 0; i < BIDS; i++) {
            String bid = newBidId();
            Tier tier = i < 50 ? Tier.COLD : Tier.HOT;
            ledger.sent(bid, EventType.IMPRESSION, "c" + i % 3, tier);
            ledger.outcome(bid, EventType.IMPRESSION, Outcome.ANSWERED);
            events.add(attributed(bid, EventType.IMPRESSION, tier, "c" + i % 3, 200, 500));
        }
        return events;
    }

    private static void produce(String topic, List<TrackingEvent> events) {
        events.forEach(e -> producer.send(new ProducerRecord<>(topic, e.getBidId(), e.toByteArray())));
        producer.flush();
    }

    @Test
    void eventsWrittenBeforeTheTailAreIgnoredAndTheWaitEndsWhenAllAreSeen() {
        String topic = "seen-all";
        List<TrackingEvent> events = sendRun();
        produce(topic, events.subList(0, 100)); // an earlier run's copies: not duplicates of this one
        try (TrackingEventsTail tail = new TrackingEventsTail(kafka.bootstrapServers(), topic)) {
            produce(topic, events);
            // Kept up with during the run, as the CLI may do: every event seen before the wait.
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (reconciler.waitingFor() > 0 && System.nanoTime() < deadline) {
                reconciler.poll(tail, Duration.ofMillis(200));
            }
            assertEquals(0, reconciler.waitingFor());
            // Written after the last event was seen: only reading the topic to its end finds them.
            producer.send(new ProducerRecord<>(topic, "x", "not a protobuf".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(topic, "y", new byte[0])); // parses, but names no bid
            produce(topic, List.of(events.get(7)));

            Reconciliation r = reconciler.settle(tail, Duration.ofMinutes(5), Duration.ofMinutes(5), progress::add);

            assertEquals(SettleEnd.ALL_SEEN, r.settling().end());
            assertEquals(BIDS, r.seen());
            assertEquals(0, r.lost());
            assertEquals(1, r.duplicated());
            assertEquals(List.of(events.get(7).getBidId()), r.examples(Problem.DUPLICATED).stream().map(Example::bidId).toList());
            assertEquals(BIDS - 50, r.hot());
            assertEquals(50, r.cold());
            assertEquals(0, r.unexpected());
            assertEquals(2, r.notTrackingEvents());
            assertEquals(0, r.wrongCampaign() + r.wrongTier() + r.unmatched());
        }
    }

    @Test
    void aDroppedEventIsLostOnceNothingArrivesForTheQuietPeriod() {
        String topic = "dropped-one";
        List<TrackingEvent> events = sendRun();
        TrackingEvent dropped = events.get(321);
        try (TrackingEventsTail tail = new TrackingEventsTail(kafka.bootstrapServers(), topic)) {
            produce(topic, events.stream().filter(e -> e != dropped).toList());
            String stranger = newBidId();
            produce(topic, List.of(attributed(stranger, EventType.CLICK, Tier.HOT, "c1", 1, 1)));

            Reconciliation r = reconciler.settle(tail, Duration.ofMillis(1500), Duration.ofMinutes(5), progress::add);

            assertEquals(SettleEnd.QUIET, r.settling().end());
            assertTrue(r.settling().waited().compareTo(Duration.ofMillis(1500)) >= 0, r.settling().toString());
            assertEquals(1, r.lost());
            assertEquals(List.of(new Example(Problem.LOST, dropped.getBidId(), EventType.IMPRESSION, "answered, never seen on tracking-events")),
                    r.examples(Problem.LOST));
            assertEquals(BIDS - 1, r.seen());
            assertEquals(0, r.duplicated());
            assertEquals(1, r.unexpected());
            assertEquals(List.of(stranger), r.examples(Problem.UNEXPECTED).stream().map(Example::bidId).toList());
            assertEquals(BIDS - 1, r.latencies().get(Tier.HOT).lookupUs().getTotalCount() + r.latencies().get(Tier.COLD).lookupUs().getTotalCount());
        }
    }

    /**
     * The tracker keeps emitting this run's events (copies here) slower than the quiet period,
     * so only the maximum settle time ends the wait; progress is reported meanwhile.
     */
    @Test
    void theMaximumSettleTimeBoundsTheWait() throws Exception {
        String topic = "max-settle";
        List<TrackingEvent> events = sendRun();
        try (TrackingEventsTail tail = new TrackingEventsTail(kafka.bootstrapServers(), topic)) {
            produce(topic, events.subList(0, BIDS - 10));
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 100 && !Thread.currentThread().isInterrupted(); i++) {
                        produce(topic, List.of(events.get(i)));
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                Reconciliation r = reconciler.settle(tail, Duration.ofMillis(2500), Duration.ofSeconds(4), progress::add);

                assertEquals(SettleEnd.MAX_SETTLE, r.settling().end());
                assertTrue(r.settling().waited().compareTo(Duration.ofSeconds(4)) >= 0, r.settling().toString());
                assertEquals(10, r.lost());
                assertEquals(BIDS - 10, r.seen());
                assertTrue(r.duplicated() >= 1, "the trickle of copies was read: " + r.duplicated());
            } finally {
                trickle.interrupt();
                trickle.join();
            }
        }
        assertTrue(progress.size() >= 2, "about one progress report a second: " + progress);
        SettleProgress last = progress.getLast();
        assertEquals(10, last.waitingFor());
        assertEquals(BIDS - 10, last.seen());
        assertTrue(last.line().startsWith("waiting for 10 events (490 seen, "), last.line());
    }

    @Test
    void aMissingTopicIsNamed() {
        var e = assertThrows(IllegalStateException.class, () -> new TrackingEventsTail(kafka.bootstrapServers(), "no-such-topic"));
        assertTrue(e.getMessage().contains("no-such-topic"), e.getMessage());
    }

    @Test
    void settleLimitsMustBePositive() {
        try (TrackingEventsTail tail = new TrackingEventsTail(kafka.bootstrapServers(), "seen-all")) {
            assertThrows(IllegalArgumentException.class, () -> reconciler.settle(tail, Duration.ZERO, Duration.ofSeconds(1), null));
            assertThrows(IllegalArgumentException.class, () -> reconciler.settle(tail, Duration.ofSeconds(1), Duration.ofSeconds(-1), null));
        }
    }
}
