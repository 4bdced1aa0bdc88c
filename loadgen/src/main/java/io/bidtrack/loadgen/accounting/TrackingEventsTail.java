package io.bidtrack.loadgen.accounting;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bidtrack.common.Names;
import io.bidtrack.common.proto.TrackingEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code tracking-events} from the end it had when this tail was created: create it before
 * the run starts, and it sees every event of the run and none of earlier ones.
 *
 * <p>A plain consumer with no group (assign, seek to the end, fix the positions at once): nothing
 * is committed, and several load runs never share a group. A poll returns at most
 * {@value #MAX_POLL_RECORDS} records and 8 MiB, handed over one by one, so memory stays bounded
 * however many events the run made. Records that are not tracking events are skipped and counted.
 *
 * <p>Not thread-safe (a Kafka consumer is not): use it from one thread.
 */
public final class TrackingEventsTail implements AutoCloseable {
    static final int MAX_POLL_RECORDS = 2000;
    private static final int MAX_FETCH_BYTES = 8 << 20;
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private long notTrackingEvents;

    /** A tail of {@code tracking-events}. */
    public TrackingEventsTail(String bootstrapServers) {
        this(bootstrapServers, Names.TRACKING_EVENTS_TOPIC);
    }

    /**
     * @throws IllegalStateException if Kafka does not answer within 10 s or has no such topic
     */
    public TrackingEventsTail(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_FETCH_BYTES,
                ConsumerConfig.CLIENT_ID_CONFIG, "bidtrack-loadgen-accounting"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " has no topic " + topic);
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(p -> consumer.position(p, METADATA_TIMEOUT)); // seekToEnd is lazy: fix the start now
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw new IllegalStateException("could not read " + topic + " from Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Waits up to {@code timeout} for records and hands each tracking event among them to
     * {@code handler}.
     *
     * @return the number of tracking events handed over
     */
    public int poll(Duration timeout, Consumer<TrackingEvent> handler) {
        int handed = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            TrackingEvent event = parse(record.value());
            if (event == null) {
                notTrackingEvents++;
            } else {
                handler.accept(event);
                handed++;
            }
        }
        return handed;
    }

    /**
     * Reads every record written before this call, or as many as {@code timeout} allows.
     *
     * @return the number of tracking events handed over
     */
    public int pollToEnd(Duration timeout, Consumer<TrackingEvent> handler) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        int handed = 0;
        long left;
        while (!reached(ends) && (left = deadline - System.nanoTime()) > 0) {
            handed += poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos())), handler);
        }
        return handed;
    }

    /** Records skipped because they were not tracking events. */
    public long notTrackingEvents() {
        return notTrackingEvents;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < ends.getOrDefault(p, 0L)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The record as a tracking event, or null when it is not one. Protobuf parses many byte
     * strings (an empty one is a valid message with every field unset), so an event must also name
     * its bid and a known type.
     */
    private static TrackingEvent parse(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            TrackingEvent event = TrackingEvent.parseFrom(value);
            return event.getBidId().isEmpty() || !EventLedger.tracks(event.getType()) ? null : event;
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }
}
