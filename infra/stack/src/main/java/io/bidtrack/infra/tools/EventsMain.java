package io.bidtrack.infra.tools;

import io.bidtrack.common.Names;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code ./bidtrack events}: the records of {@code tracking-events} (or {@code bids}) as JSON, one
 * a line, from the oldest to the newest there is when it starts; then it stops. It reads without
 * a consumer group, so it moves no one's offsets. Kafka's console consumer does the same with
 * {@link ProtoJsonFormatter} but can only stop after a time without records, and says so with an
 * error; reading up to the end offsets it found at the start needs no waiting.
 */
@Command(name = "bidtrack events", mixinStandardHelpOptions = true,
        description = "Prints the tracking events (or bids) of the running stack as JSON, oldest first, then stops.")
public final class EventsMain implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(200);

    @Option(names = "--bootstrap-server", defaultValue = "127.0.0.1:9092",
            description = "the Kafka broker (default ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--topic", defaultValue = Names.TRACKING_EVENTS_TOPIC,
            description = "tracking-events or bids (default ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--bid", paramLabel = "ID", description = "only the records of this bid id")
    String bid;

    @Option(names = "--timeout", defaultValue = "30s", converter = io.bidtrack.infra.stack.DemoMain.DurationConverter.class,
            description = "give up when the end is not reached by then (default ${DEFAULT-VALUE})")
    Duration timeout;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EventsMain()).execute(args));
    }

    @Override
    public Integer call() {
        if (!topic.equals(Names.TRACKING_EVENTS_TOPIC) && !topic.equals(Names.BIDS_TOPIC)) {
            System.err.println("bidtrack events: --topic must be " + Names.TRACKING_EVENTS_TOPIC + " or " + Names.BIDS_TOPIC
                    + ", not " + topic);
            return 2;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                System.err.println("bidtrack events: the broker at " + bootstrap + " has no topic " + topic);
                return 1;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    System.err.println("bidtrack events: the end of " + topic + " not reached within " + timeout);
                    return 1;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    String json = ProtoJsonFormatter.json(record.topic(), record.value());
                    if (bid == null || bid.equals(bidIdOf(record))) {
                        System.out.println(json);
                    }
                }
            }
            return 0;
        }
    }

    /** The bid a record is about: its key on both topics (the producers key by bid id). */
    private static String bidIdOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bidtrack-events");
        return p;
    }
}
