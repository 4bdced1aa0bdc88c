package io.bidtrack.coldstore.s3;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.LakeTestSupport;
import io.bidtrack.coldstore.ColdStoreService;
import io.bidtrack.coldstore.TestBids;
import io.bidtrack.coldstore.lookup.TrinoBidLookup;
import io.bidtrack.coldstore.sink.LakeLocation;
import io.bidtrack.coldstore.table.LakeHours;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.infra.trino.TrinoProcess;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.bidtrack.coldstore.LakeTestSupport.await;
import static io.bidtrack.coldstore.LakeTestSupport.freePort;
import static io.bidtrack.coldstore.LakeTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cold pipeline with the lake in S3, on real components and without Docker: an S3-compatible
 * server in this JVM (s3proxy over a temporary folder, checking signatures), Trino in its child JVM
 * reading the bucket through its native S3 file system, the Kafka broker in-process, and the cold
 * store between them with {@code lake.dir=s3://lake/bidtrack}. The tests run in order and build on
 * each other's data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3LakeTest {
    private static final String BUCKET = "lake";
    private static final String PREFIX = "bidtrack";
    private static final String GROUP = "cold-store-s3-test";
    private static final long HOUR = 3_600_000L;
    private static final Duration KEEP_EVERYTHING = Duration.ofDays(100 * 365);

    @TempDir
    static Path storeDir;
    @TempDir
    static Path workDir;

    private static S3ProxyServer store;
    private static S3Client s3;
    private static EmbeddedKafka kafka;
    private static TrinoProcess trino;
    private static Admin admin;
    private static KafkaProducer<String, byte[]> producer;
    private static Vertx vertx;
    private static final List<BidRecord> produced = new ArrayList<>();

    @BeforeAll
    static void startComponents() throws Exception {
        store = S3ProxyServer.start(storeDir, BUCKET);
        s3 = S3Client.builder().endpointOverride(store.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(2, Names.BIDS_TOPIC, Names.TRACKING_EVENTS_TOPIC);
        trino = TrinoProcess.startS3(TrinoProcess.defaultTargetDir(), freePort(), new TrinoProcess.S3Lake(
                "s3://" + BUCKET + "/" + PREFIX, store.endpoint().toString(), "us-east-1", true,
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY), workDir.resolve("trino.log"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopComponents() throws Exception {
        if (vertx != null) vertx.close().await();
        if (producer != null) producer.close();
        if (admin != null) admin.close();
        if (trino != null) trino.close();
        if (kafka != null) kafka.close();
        if (s3 != null) s3.close();
        if (store != null) store.close();
    }

    /** Bids of three hours become one object per (hour, Kafka partition), found through Trino one by one and in a batch. */
    @Test
    @Order(1)
    void storesEachBidAsAnObjectOfItsHourAndTrinoFindsIt() throws Exception {
        long now = System.currentTimeMillis();
        List<BidRecord> bids = new ArrayList<>();
        for (int i = 0; i < 20; i++) bids.add(TestBids.full(BidId.mint(), i));
        for (int i = 20; i < 25; i++) bids.add(TestBids.full(BidId.mintAt(now - 3 * HOUR - i), i));
        bids.add(TestBids.full(BidId.mintAt(1_709_251_199_999L), 25)); // 2024-02-29T23:59:59.999Z
        Map<BidRecord, RecordMetadata> where = new HashMap<>();
        bids.forEach(bid -> where.put(bid, produce(bid)));
        produced.addAll(bids);

        try (ColdStoreService service = ColdStoreService.start(config(Duration.ofSeconds(1)))) {
            awaitCommittedToEnd();
            assertEquals(bids.size(), service.bidsWritten());
        }

        assertEquals(expectedKeys(where), objects().keySet(), "one object per (hour, Kafka partition), named by its offsets");
        try (Stream<Path> staged = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(staged.noneMatch(p -> p.getFileName().toString().startsWith("bidtrack-lake-")),
                    "every local staging copy is deleted once uploaded");
        }
        try (TrinoBidLookup lookup = new TrinoBidLookup(vertx, trino.jdbcUrl())) {
            for (BidRecord bid : bids) {
                assertEquals(Optional.of(bid), await(lookup.find(UUID.fromString(bid.getId()))), "bid " + bid.getId());
            }
            assertEquals(Optional.empty(), await(lookup.find(BidId.mint())), "an unknown id in a registered hour");
            Map<UUID, BidRecord> expected = new HashMap<>();
            bids.forEach(b -> expected.put(UUID.fromString(b.getId()), b));
            List<UUID> ids = new ArrayList<>(expected.keySet());
            ids.add(BidId.mint());
            assertEquals(expected, await(lookup.findAll(ids)), "every stored bid, and nothing for the unknown id");
        }
        assertEquals(List.of(List.of(String.valueOf(bids.size()), String.valueOf(bids.size()))),
                query("SELECT count(*), count(DISTINCT id) FROM lake.bidtrack.bids"));
    }

    /**
     * A crash after the objects are uploaded and registered but before the offsets are committed,
     * simulated by moving the group's offsets back to the start: the replay must see from the
     * object names that every record is stored, and upload nothing.
     */
    @Test
    @Order(2)
    void replayingStoredRecordsUploadsNothingAndStoresNoDuplicate() throws Exception {
        Map<String, String> before = objects();
        admin.alterConsumerGroupOffsets(GROUP, endOffsets().keySet().stream().collect(Collectors.toMap(
                tp -> tp, tp -> new OffsetAndMetadata(0)))).all().get(30, TimeUnit.SECONDS);

        // A rotation interval longer than the test: the only write happens at close, which must flush.
        ColdStoreService replay = ColdStoreService.start(config(Duration.ofHours(1)));
        try {
            waitUntil(() -> replay.consumedRecords() == produced.size(), "the replay to consume " + produced.size() + " records");
        } finally {
            replay.close();
        }
        awaitCommittedToEnd();

        assertEquals(produced.size(), replay.alreadyStoredRecords(), "every replayed record is already stored");
        assertEquals(0, replay.bidsWritten());
        assertEquals(before, objects(), "the replay uploads no object and replaces none (same keys, same ETags)");
        assertEquals(List.of(List.of(String.valueOf(produced.size()), String.valueOf(produced.size()))),
                query("SELECT count(*), count(DISTINCT id) FROM lake.bidtrack.bids"));
    }

    /** Retention deletes an expired hour's objects from the bucket and its partition from Trino, and keeps the rest. */
    @Test
    @Order(3)
    void retentionDeletesTheObjectsOfExpiredHours() throws Exception {
        long now = System.currentTimeMillis();
        LakePartition leapDay = new LakePartition("2024-02-29", "23"); // stored by test 1
        LakePartition recent = LakeHours.of(now - 3 * HOUR);
        assertTrue(objects().keySet().stream().anyMatch(key -> key.contains(leapDay.path())));

        try (ColdStoreService ignored = ColdStoreService.start(config(Duration.ofSeconds(1)).withRetention(Duration.ofDays(30),
                Duration.ofHours(1)))) {
            waitUntil(() -> objects().keySet().stream().noneMatch(key -> key.contains(leapDay.path())),
                    "the objects of " + leapDay.path() + " to be deleted");
        }
        Set<String> registered = query("SELECT dt, hour FROM lake.bidtrack.\"bids$partitions\"").stream()
                .map(row -> "dt=" + row.get(0) + "/hour=" + row.get(1)).collect(Collectors.toSet());
        assertFalse(registered.contains(leapDay.path()), "the expired hour is no longer registered: " + registered);
        assertTrue(registered.contains(recent.path()), "a recent hour stays: " + registered);
        assertTrue(objects().keySet().stream().anyMatch(key -> key.contains(recent.path())), "a recent hour's objects stay");
        assertEquals(List.of(List.of(String.valueOf(produced.size() - 1))), query("SELECT count(*) FROM lake.bidtrack.bids"));
    }

    /**
     * Compaction over the bucket: the hour of test 1's older bids, given one more object, becomes one
     * merged object (its sources downloaded, merged, uploaded, then deleted one pass later), and
     * Trino still finds every bid once.
     */
    @Test
    @Order(4)
    void compactionMergesAnHoursObjectsIntoOne() throws Exception {
        long now = System.currentTimeMillis();
        LakePartition hour = LakeHours.of(now - 3 * HOUR - 20); // test 1's older bids
        List<BidRecord> more = List.of(TestBids.full(BidId.mintAt(now - 3 * HOUR - 40), 40), TestBids.full(BidId.mintAt(now - 3 * HOUR - 41), 41));
        more.forEach(S3LakeTest::produce);
        produced.addAll(more);
        ColdStoreConfig.Compaction everySecond = new ColdStoreConfig.Compaction(true, Duration.ofMinutes(10), Duration.ofSeconds(1));
        try (ColdStoreService service = ColdStoreService.start(config(Duration.ofSeconds(1)).withCompaction(everySecond))) {
            awaitCommittedToEnd();
            waitUntil(() -> objectsOf(hour).size() == 1 && objectsOf(hour).getFirst().contains("/bids-compacted-"),
                    "the hour's objects to be one merged object");
            assertTrue(service.compactors().getFirst().filesReplaced() >= 2, "at least test 1's object and the new one were merged");
        }
        try (Stream<Path> staged = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(staged.noneMatch(p -> p.getFileName().toString().startsWith("bidtrack-lake-")),
                    "every downloaded and staged copy is deleted");
        }
        long kept = produced.size() - 1; // test 3 dropped the leap day's bid
        assertEquals(List.of(List.of(String.valueOf(kept), String.valueOf(kept))),
                query("SELECT count(*), count(DISTINCT id) FROM lake.bidtrack.bids"));
        try (TrinoBidLookup lookup = new TrinoBidLookup(vertx, trino.jdbcUrl())) {
            for (BidRecord bid : more) {
                assertEquals(Optional.of(bid), await(lookup.find(UUID.fromString(bid.getId()))), "bid " + bid.getId());
            }
        }
    }

    private static List<String> objectsOf(LakePartition hour) {
        return objects().keySet().stream().filter(key -> key.contains("/bids/" + hour.path() + "/")).toList();
    }

    private static ColdStoreConfig config(Duration rotate) {
        LakeLocation.S3 lake = new LakeLocation.S3(BUCKET, PREFIX, store.endpoint(), "us-east-1", S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, true);
        return new ColdStoreConfig(kafka.bootstrapServers(), GROUP, Path.of("unused"), trino.jdbcUrl(), rotate, 1_000_000)
                .withRetention(KEEP_EVERYTHING, Duration.ofHours(1))
                .withCompaction(ColdStoreConfig.Compaction.OFF)
                .withLake(lake);
    }

    /** The keys the bids' objects should have: per (hour, Kafka partition), the first and last offsets. */
    private static Set<String> expectedKeys(Map<BidRecord, RecordMetadata> where) {
        Map<String, Long> first = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        where.forEach((bid, meta) -> {
            String prefix = PREFIX + "/bids/" + BidId.partitionOf(UUID.fromString(bid.getId())).path() + "/bids+" + meta.partition();
            first.merge(prefix, meta.offset(), Math::min);
            last.merge(prefix, meta.offset(), Math::max);
        });
        Set<String> keys = new TreeSet<>();
        first.forEach((prefix, offset) -> keys.add(prefix + "+" + offset + "-" + last.get(prefix) + ".parquet"));
        return keys;
    }

    /**
     * The bids table's objects in the bucket: key to ETag (which changes when an object is replaced).
     * s3proxy's filesystem back end also lists its folders, as keys ending with a slash; S3 itself
     * has no folders, so those are left out.
     */
    private static Map<String, String> objects() {
        Map<String, String> objects = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(PREFIX + "/bids/")).contents()) {
            if (!object.key().endsWith("/")) {
                objects.put(object.key(), object.eTag());
            }
        }
        return objects;
    }

    private static RecordMetadata produce(BidRecord bid) {
        try {
            return producer.send(new ProducerRecord<>(Names.BIDS_TOPIC, bid.getId(), bid.toByteArray())).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < 2; p++) request.put(new TopicPartition(Names.BIDS_TOPIC, p), OffsetSpec.latest());
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Offsets are committed only once the objects are uploaded and registered, so this is the sign to look. */
    private static void awaitCommittedToEnd() throws Exception {
        Map<TopicPartition, Long> end = endOffsets().entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        waitUntil(() -> {
            try {
                return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                        .entrySet().stream().filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())).equals(end);
            } catch (Exception e) {
                return false;
            }
        }, "committed offsets to reach the end offsets " + end);
    }



    private static List<List<String>> query(String sql) throws Exception {
        return LakeTestSupport.query(trino.jdbcUrl(), sql);
    }
}
