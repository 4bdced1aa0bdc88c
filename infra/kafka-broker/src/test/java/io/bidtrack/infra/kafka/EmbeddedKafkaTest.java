package io.bidtrack.infra.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedKafkaTest {
    private static final String TOPIC = "bids";
    private static final String GROUP = "cold-store";
    private static final Duration POLL_LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path logDir;

    @Test
    void committedOffsetsAndRecordsSurviveARestartOnTheSameLogDir() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
            kafka.createTopics(1, TOPIC);
            produce(kafka, "a", "b", "c");
            try (KafkaConsumer<String, String> consumer = consumer(kafka, GROUP)) {
                assertEquals(List.of("a", "b", "c"), pollValues(consumer, 3));
                consumer.commitSync();
            }
            produce(kafka, "d"); // written but never consumed before the restart
        }

        try (EmbeddedKafka restarted = EmbeddedKafka.start(logDir, 0)) {
            assertEquals(3, committedOffset(restarted, GROUP), "the group's committed offset after the restart");
            try (KafkaConsumer<String, String> consumer = consumer(restarted, GROUP)) {
                assertEquals(List.of("d"), pollValues(consumer, 1), "the group resumes after its committed offset");
            }
            try (KafkaConsumer<String, String> fresh = consumer(restarted, "another-group")) {
                assertEquals(List.of("a", "b", "c", "d"), pollValues(fresh, 4), "every record is still in the log");
            }
        }
    }

    @Test
    void createTopicsIsIdempotentAndKeepsExistingTopicsAsTheyAre() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            kafka.createTopics(3, "bids", "tracking-events");
            kafka.createTopics(5, "bids", "core-data");

            Map<String, TopicDescription> topics =
                    admin.describeTopics(Set.of("bids", "tracking-events", "core-data")).allTopicNames().get();
            assertEquals(3, topics.get("bids").partitions().size(), "an existing topic keeps its partitions");
            assertEquals(3, topics.get("tracking-events").partitions().size());
            assertEquals(5, topics.get("core-data").partitions().size());
        }
    }

    @Test
    void listensOnTheRequestedPortAndReleasesItOnClose() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(logDir, port);
        assertEquals("127.0.0.1:" + port, kafka.bootstrapServers());
        assertTrue(accepts(port), "the broker should accept connections on its port");

        kafka.close();
        kafka.close(); // a second close is a no-op
        assertFalse(accepts(port), "the port should be free after close");
        assertTrue(Files.exists(logDir.resolve("meta.properties")), "a caller's log dir is kept");
    }

    @Test
    void refusesAPortThatIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EmbeddedKafka.start(logDir, taken.getLocalPort()));
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort() + " is already in use"), e.getMessage());
        }
    }

    @Test
    void aTemporaryBrokerDeletesItsLogDirOnClose() {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            dir = kafka.logDir();
            kafka.createTopics(1, TOPIC);
            produce(kafka, "x");
            assertTrue(Files.isDirectory(dir.resolve(TOPIC + "-0")), "the topic's partition lives in the temp dir");
        }
        assertFalse(Files.exists(dir), "the temporary log dir should be gone after close");
    }

    private static void produce(EmbeddedKafka kafka, String... values) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(TOPIC, value, value));
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafka kafka, String group) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    /** Polls until {@code expected} values arrived, then once more to catch any unexpected extra. */
    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int expected) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + POLL_LIMIT.toNanos();
        while (values.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
        }
        consumer.poll(Duration.ofMillis(300)).forEach(record -> values.add(record.value()));
        return values;
    }

    private static long committedOffset(EmbeddedKafka kafka, String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(TOPIC, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new AssertionError("could not read the offsets of group " + group, e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
