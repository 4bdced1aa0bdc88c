package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the sink measurements run on: a real Kafka broker in this JVM with the "bids" topic in
 * {@link #PARTITIONS} partitions (as the local stack creates it), and Trino in a child JVM over a
 * fresh lake the sink writes into. Both sink measurements use the same consumer group, so the
 * second starts where the first committed.
 */
final class SinkStack implements AutoCloseable {
    static final int PARTITIONS = 3;
    static final String GROUP = "cold-bench";

    private final EmbeddedKafka kafka;
    private final LakeTrino trino;
    private final Path lakeDir;

    private SinkStack(EmbeddedKafka kafka, LakeTrino trino, Path lakeDir) {
        this.kafka = kafka;
        this.trino = trino;
        this.lakeDir = lakeDir;
    }

    /** Starts both over {@code runDir} (emptied first: each run measures a fresh broker and lake). */
    static SinkStack start(Path runDir, Path logDir) throws Exception {
        BenchLake.deleteRecursively(runDir);
        Path lakeDir = runDir.resolve("sink-lake").toAbsolutePath().normalize();
        EmbeddedKafka kafka = EmbeddedKafka.start(runDir.resolve("kafka"), 0);
        try {
            kafka.createTopics(PARTITIONS, Names.BIDS_TOPIC, Names.TRACKING_EVENTS_TOPIC);
            return new SinkStack(kafka, LakeTrino.start(lakeDir, logDir.resolve("trino-sink.log")), lakeDir);
        } catch (SQLException | RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /**
     * The sink's settings as its BIDTRACK_* variables would give them, so that any setting not
     * named here keeps the sink's own default.
     */
    ColdStoreConfig sinkConfig(Map<String, String> settings) {
        Map<String, String> vars = new HashMap<>();
        vars.put(Env.variableName("kafka.bootstrap"), kafka.bootstrapServers());
        vars.put(Env.variableName("cold.group.id"), GROUP);
        vars.put(Env.variableName("lake.dir"), lakeDir.toString());
        vars.put(Env.variableName("trino.jdbc.url"), trino.jdbcUrl());
        // Parts measure the sink alone; compaction has a part of its own (CompactionSpeed).
        vars.put(Env.variableName("cold.compact"), "false");
        settings.forEach((k, v) -> vars.put(Env.variableName(k), v));
        return ColdStoreConfig.fromEnv(new Env(vars));
    }

    /** A producer configured as the bidder's (acks=all, idempotent), batching a little more. */
    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Records in "bids" that the benchmark's consumer group has not committed yet. */
    long uncommitted() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(Names.BIDS_TOPIC, p), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            long behind = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                behind += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return behind;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of group " + GROUP + ": " + e.getCause(), e.getCause());
        }
    }

    Path lakeDir() {
        return lakeDir;
    }

    String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    String trinoJdbcUrl() {
        return trino.jdbcUrl();
    }

    LakeTrino trino() {
        return trino;
    }

    @Override
    public void close() {
        trino.close();
        kafka.close();
    }
}
