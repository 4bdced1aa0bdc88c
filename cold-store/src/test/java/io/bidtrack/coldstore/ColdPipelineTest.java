package io.bidtrack.coldstore;

import io.bidtrack.coldstore.lookup.TrinoBidLookup;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.infra.trino.TrinoProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The cold pipeline on the real components: the Kafka broker in-process, Trino in its child JVM over
 * a temporary lake, and the cold store between them. Started once for the class; the tests run in
 * order and build on each other's data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ColdPipelineTest {
    private static final String GROUP = "cold-store-test";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long HOUR = 3_600_000L;

    @TempDir
    static Path lakeDir;
    @TempDir
    static Path workDir;

    private static EmbeddedKafka kafka;
    private static TrinoProcess trino;
    private static Admin admin;
    private static KafkaProducer<String, byte[]> producer;
    private static Vertx vertx;
    /** Every bid produced, with where it landed in Kafka, by batch: each batch is stored by one run. */
    private static final List<Map<BidRecord, RecordMetadata>> batches = new ArrayList<>();

    @BeforeAll
    static void startComponents() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(2, Names.BIDS_TOPIC);
        trino = TrinoProcess.start(TrinoProcess.defaultTargetDir(), freePort(), lakeDir, workDir.resolve("trino.log"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopComponents() {
        if (vertx != null) vertx.close().await();
        if (producer != null) producer.close();
        if (admin != null) admin.close();
        if (trino != null) trino.close();
        if (kafka != null) kafka.close();
    }

    @Test
    @Order(1)
    void storesEachBidInTheHourOfItsIdAndFindsItThroughTrino() throws Exception {
        long now = System.currentTimeMillis();
        List<BidRecord> bids = new ArrayList<>();
        for (int i = 0; i < 4; i++) bids.add(bid(BidId.mint(), i));
        for (int i = 4; i < 7; i++) bids.add(bid(BidId.mintAt(now - 3 * HOUR - i), i));
        bids.add(bid(BidId.mintAt(1_709_251_199_999L), 7)); // 2024-02-29T23:59:59.999Z, the hour before midnight
        batches.add(new HashMap<>());
        bids.forEach(ColdPipelineTest::produce);
        produceRaw(BidId.mint().toString(), "not a protobuf".getBytes(StandardCharsets.UTF_8));
        produceRaw("not-a-uuid", bid(BidId.mint(), 99).toByteArray());
        // What a crash between write and rename leaves behind; the sink removes it when assigned partition 0.
        Path leftover = Files.createDirectories(lakeDir.resolve("bids/dt=2020-01-01/hour=00")).resolve(".tmp-bids+0+0.parquet");
        Files.writeString(leftover, "half a file");

        try (ColdStoreService service = ColdStoreService.start(config(Duration.ofSeconds(1)))) {
            awaitCommittedToEnd();
            assertFalse(Files.exists(leftover), "the leftover temporary file should be removed");
            assertEquals(2, service.skippedRecords(), "the two records that are not bids are skipped");
            assertEquals(bids.size(), service.bidsWritten());
        }

        assertEquals(expectedFiles(), lakeFiles(), "one file per (Kafka partition, hour), named by its first and last offsets");
        assertTrue(lakeFiles().stream().noneMatch(f -> f.contains(".tmp-")), "no temporary file may remain");
        assertTrue(Files.isDirectory(lakeDir.resolve("bids/dt=2024-02-29/hour=23")));

        try (TrinoBidLookup lookup = new TrinoBidLookup(vertx, trino.jdbcUrl())) {
            for (BidRecord bid : bids) {
                assertEquals(Optional.of(bid), await(lookup.find(UUID.fromString(bid.getId()))), "bid " + bid.getId());
            }
            assertEquals(Optional.empty(), await(lookup.find(BidId.mint())), "unknown id in a registered hour");
            assertEquals(Optional.empty(), await(lookup.find(BidId.mintAt(now - 1000 * HOUR))), "unknown id in an hour never written");

            // Batched: ids of four hours plus two unknown ones, one query per hour.
            List<UUID> ids = new ArrayList<>(bids.stream().map(b -> UUID.fromString(b.getId())).toList());
            ids.add(BidId.mint());
            ids.add(BidId.mintAt(now - 1000 * HOUR));
            Map<UUID, BidRecord> expected = new HashMap<>();
            bids.forEach(b -> expected.put(UUID.fromString(b.getId()), b));
            assertEquals(expected, await(lookup.findAll(ids)), "every stored bid, and no entry for unknown ids");
        }
    }

    /**
     * A crash after the files are durable and registered but before the offsets are committed: the
     * next run consumes the same records again, and must see from the file names that they are
     * stored, adding no file. Here the lost commit is simulated by moving the group's offsets back to
     * where the last run started. SinkCrashTest kills a real sink at every step instead.
     */
    @Test
    @Order(2)
    void replayingStoredRecordsSkipsThemAndStoresNoDuplicate() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();
        long now = System.currentTimeMillis();
        List<BidRecord> bids = List.of(bid(BidId.mint(), 10), bid(BidId.mint(), 11), bid(BidId.mintAt(now - 2 * HOUR), 12));
        batches.add(new HashMap<>());
        bids.forEach(ColdPipelineTest::produce);
        try (ColdStoreService ignored = ColdStoreService.start(config(Duration.ofSeconds(1)))) {
            awaitCommittedToEnd();
        }
        Set<String> filesAfterFirstRun = lakeFiles();
        assertEquals(expectedFiles(), filesAfterFirstRun);

        admin.alterConsumerGroupOffsets(GROUP, before.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())))).all().get(30, TimeUnit.SECONDS);
        // A rotation interval longer than the test: the only write happens at close, which must flush.
        ColdStoreService replay = ColdStoreService.start(config(Duration.ofHours(1)));
        try {
            waitUntil(() -> replay.consumedRecords() == bids.size(), "the replay to consume " + bids.size() + " records");
        } finally {
            replay.close();
        }
        awaitCommittedToEnd();

        assertEquals(bids.size(), replay.alreadyStoredRecords(), "every replayed record is already stored");
        assertEquals(0, replay.bidsWritten());
        assertEquals(filesAfterFirstRun, lakeFiles(), "the replay should write no file");
        assertEquals(List.of(List.of(String.valueOf(bidsProduced()), String.valueOf(bidsProduced()))),
                query("SELECT count(*), count(DISTINCT id) FROM lake.bidtrack.bids"));
    }

    /**
     * Rotation by size: with an hour between timed rotations, only the byte limit can write files
     * while the sink runs. Every bid still lands once.
     */
    @Test
    @Order(3)
    void aBufferOverItsByteLimitIsWrittenBeforeItsTime() throws Exception {
        List<BidRecord> bids = new ArrayList<>();
        for (int i = 20; i < 40; i++) bids.add(bid(BidId.mint(), i));
        batches.add(new HashMap<>());
        bids.forEach(ColdPipelineTest::produce);
        long threeBids = 3L * bids.getFirst().getSerializedSize();
        ColdStoreConfig bySize = new ColdStoreConfig(kafka.bootstrapServers(), GROUP, lakeDir, trino.jdbcUrl(),
                Duration.ofHours(1), 1_000_000, threeBids, null, null);
        try (ColdStoreService service = ColdStoreService.start(bySize)) {
            waitUntil(() -> service.bidsWritten() > 0, "bids written because a buffer reached " + threeBids + " bytes");
        }
        awaitCommittedToEnd();
        assertEquals(List.of(List.of(String.valueOf(bidsProduced()), String.valueOf(bidsProduced()))),
                query("SELECT count(*), count(DISTINCT id) FROM lake.bidtrack.bids"));
    }

    private static ColdStoreConfig config(Duration rotate) {
        return new ColdStoreConfig(kafka.bootstrapServers(), GROUP, lakeDir, trino.jdbcUrl(), rotate, 1_000_000);
    }

    static BidRecord bid(UUID id, int n) {
        return TestBids.full(id, n);
    }

    private static void produce(BidRecord bid) {
        batches.getLast().put(bid, produceRaw(bid.getId(), bid.toByteArray()));
    }

    private static RecordMetadata produceRaw(String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(Names.BIDS_TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The files the lake should hold: for each batch, one per (hour of the bid, Kafka partition),
     * named after the first and last offsets of that pair in the batch. Holds because each run here
     * finds its whole batch in the topic when it starts, and so stores it in one rotation.
     */
    private static Set<String> expectedFiles() {
        Set<String> files = new TreeSet<>();
        for (Map<BidRecord, RecordMetadata> batch : batches) {
            Map<String, Long> firstOffsets = new HashMap<>();
            Map<String, Long> lastOffsets = new HashMap<>();
            batch.forEach((bid, meta) -> {
                LakePartition partition = BidId.partitionOf(UUID.fromString(bid.getId()));
                String prefix = partition.path() + "/bids+" + meta.partition();
                firstOffsets.merge(prefix, meta.offset(), Math::min);
                lastOffsets.merge(prefix, meta.offset(), Math::max);
            });
            firstOffsets.forEach((prefix, first) -> files.add(prefix + "+" + first + "-" + lastOffsets.get(prefix) + ".parquet"));
        }
        return files;
    }

    private static int bidsProduced() {
        return batches.stream().mapToInt(Map::size).sum();
    }

    /** Every file below the table's folder, as paths relative to it. */
    private static Set<String> lakeFiles() throws IOException {
        Path table = lakeDir.resolve("bids");
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(Files::isRegularFile).map(p -> table.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < 2; p++) request.put(new TopicPartition(Names.BIDS_TOPIC, p), OffsetSpec.latest());
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> committedOffsets() throws Exception {
        return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Offsets are committed only once files are durable and registered, so this is the sign to look. */
    private static void awaitCommittedToEnd() throws Exception {
        // A partition no record went to (keys hash to partitions) has nothing to commit.
        Map<TopicPartition, Long> end = endOffsets().entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        waitUntil(() -> {
            try {
                return committedOffsets().equals(end);
            } catch (Exception e) {
                return false;
            }
        }, "committed offsets to reach the end offsets " + end);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + WAIT + " waiting for " + what);
            Thread.sleep(100);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static List<List<String>> query(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(trino.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<String>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) row.add(rows.getString(i));
                result.add(row);
            }
            return result;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
