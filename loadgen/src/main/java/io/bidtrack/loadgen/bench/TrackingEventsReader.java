package io.bidtrack.loadgen.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bidtrack.common.Names;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import io.bidtrack.loadgen.LatencyRecorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code tracking-events} from the offsets it saw when it was created, and measures, for the
 * events of the bids it is given, how long attribution took on the tracker: the bid lookup and
 * the whole receipt-to-emission time (both measured by the tracker, in microseconds).
 */
final class TrackingEventsReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;

    /** What the events said. */
    record Attribution(long events, Map<Tier, Long> byTier, LatencyRecorder hotLookup, LatencyRecorder hotAttribution) {
    }

    TrackingEventsReader(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Names.TRACKING_EVENTS_TOPIC, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before the events are sent
    }

    /** Reads until {@code expected} events of {@code bidIds} have arrived or {@code timeout} passed. */
    Attribution read(Set<String> bidIds, long expected, Duration timeout) {
        Map<Tier, Long> byTier = new EnumMap<>(Tier.class);
        LatencyRecorder lookup = new LatencyRecorder();
        LatencyRecorder attribution = new LatencyRecorder();
        long seen = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (!bidIds.contains(r.key())) {
                    continue;
                }
                TrackingEvent e;
                try {
                    e = TrackingEvent.parseFrom(r.value());
                } catch (InvalidProtocolBufferException ex) {
                    continue;
                }
                seen++;
                byTier.merge(e.getTier(), 1L, Long::sum);
                if (e.getTier() == Tier.HOT) {
                    lookup.recordNanos(e.getLookupLatencyUs() * 1000);
                    attribution.recordNanos(e.getAttributionLatencyUs() * 1000);
                }
            }
        }
        return new Attribution(seen, byTier, lookup, attribution);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
