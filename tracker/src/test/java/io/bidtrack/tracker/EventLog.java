package io.bidtrack.tracker;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bidtrack.common.Names;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.TrackingEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The tracking-events topic read back, every record kept by (bid id, type) so repeats show. */
final class EventLog implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<TrackingEvent>> events = new HashMap<>();

    EventLog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(Names.TRACKING_EVENTS_TOPIC, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /** The event of this bid and type, waiting up to 20 s for it. */
    TrackingEvent await(String bidId, EventType type) {
        String key = bidId + "/" + type;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!events.containsKey(key) && System.nanoTime() < deadline) {
            poll();
        }
        List<TrackingEvent> found = events.get(key);
        return found != null ? found.getFirst() : fail("no " + type + " event for bid " + bidId);
    }

    /** How many records of this bid and type arrived so far (after one more poll). */
    int count(String bidId, EventType type) {
        poll();
        return events.getOrDefault(bidId + "/" + type, List.of()).size();
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            TrackingEvent e;
            try {
                e = TrackingEvent.parseFrom(r.value());
            } catch (InvalidProtocolBufferException ex) {
                throw new AssertionError("a tracking-events record is not a TrackingEvent", ex);
            }
            assertEquals(e.getBidId(), r.key(), "the record key is the bid id");
            events.computeIfAbsent(e.getBidId() + "/" + e.getType(), k -> new ArrayList<>()).add(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
