package io.bidtrack.coldstore;

import io.bidtrack.coldstore.lookup.TrinoBidLookup;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.coldstore.table.BidsTable;
import io.bidtrack.coldstore.table.LakeHours;
import io.bidtrack.coldstore.table.LakeTable;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The cold pipeline on the real components: the Kafka broker in-process, Trino in its child JVM over
 * a temporary lake, and the cold store between them. Started once for the class; the tests run in
 * order and build on each other's data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ColdPipelineTest {
    private static final String GROUP = "cold-store-test";
    private static final long HOUR = 3_600_000L;
    private static final Duration KEEP_EVERYTHING = Duration.ofDays(100 * 365);

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
        kafka.createTopics(2, Names.BIDS_TOPIC, Names.TRACKING_EVENTS_TOPIC);
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
            // The attribution columns only: partial bids.
            Map<UUID, BidRecord> partial = new HashMap<>();
            bids.forEach(b -> partial.put(UUID.fromString(b.getId()), BidRecord.newBuilder().setId(b.getId())
                    .setCampaignId(b.getCampaignId()).setCreativeId(b.getCreativeId()).setPriceCpm(b.getPriceCpm()).build()));
            assertEquals(partial, await(lookup.findAll(ids, BidsTable.Columns.ATTRIBUTION)), "id, campaign, creative and price");
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
                Duration.ofHours(1), 1_000_000, threeBids, null, null, KEEP_EVERYTHING, Duration.ofHours(1));
        try (ColdStoreService service = ColdStoreService.start(bySize)) {
            waitUntil(() -> service.bidsWritten() > 0, "bids written because a buffer reached " + threeBids + " bytes");
        }
        awaitCommittedToEnd();
        assertEquals(List.of(List.of(String.valueOf(bidsProduced()), String.valueOf(bidsProduced()))),
                query("SELECT count(*), count(DISTINCT id) FROM lake.bidtrack.bids"));
    }

    /**
     * Tracking events get the bids' treatment in their own table: one file per (Kafka partition,
     * hour of receipt), rows found by bid id with every field as produced, the enums as names, and
     * the records that are not events skipped.
     */
    @Test
    @Order(4)
    void trackingEventsAreStoredInTheEventsTableInTheHourOfTheirReceipt() throws Exception {
        long now = System.currentTimeMillis();
        String hotBid = BidId.mintAt(now - 1000).toString();
        String coldBid = BidId.mintAt(now - 5 * HOUR).toString();
        List<TrackingEvent> events = List.of(
                event(hotBid, EventType.IMPRESSION, Tier.HOT, now, 1),
                event(hotBid, EventType.CLICK, Tier.HOT, now + 1, 2),
                event(coldBid, EventType.INSTALL, Tier.COLD, now - 4 * HOUR, 3), // received in an earlier hour
                event(BidId.mint().toString(), EventType.IMPRESSION, Tier.UNMATCHED, now, 4));
        events.forEach(e -> produceRaw(Names.TRACKING_EVENTS_TOPIC, e.getBidId(), e.toByteArray()));
        produceRaw(Names.TRACKING_EVENTS_TOPIC, hotBid, "not a protobuf".getBytes(StandardCharsets.UTF_8));
        produceRaw(Names.TRACKING_EVENTS_TOPIC, hotBid, event(hotBid, EventType.WIN, Tier.HOT, 0, 5).toByteArray()); // no receipt time

        try (ColdStoreService service = ColdStoreService.start(config(Duration.ofSeconds(1)))) {
            awaitCommittedToEnd(Names.TRACKING_EVENTS_TOPIC, GROUP + "-events");
            assertEquals(2, service.events().skippedRecords(), "the two records that are not storable events are skipped");
            assertEquals(events.size(), service.eventsWritten());
        }

        assertEquals(events.subList(0, 2), eventsOf(hotBid), "both events of the bid, every field as produced");
        assertEquals(List.of(List.of("IMPRESSION", "HOT", LakeHours.of(now).dt(), LakeHours.of(now).hour()),
                        List.of("CLICK", "HOT", LakeHours.of(now + 1).dt(), LakeHours.of(now + 1).hour())),
                query("SELECT type, tier, dt, hour FROM lake.bidtrack.events WHERE bid_id = '" + hotBid + "' ORDER BY received_at_ms"));
        LakePartition earlier = LakeHours.of(now - 4 * HOUR);
        assertEquals(List.of(List.of("INSTALL", "COLD", earlier.dt(), earlier.hour())),
                query("SELECT type, tier, dt, hour FROM lake.bidtrack.events WHERE bid_id = '" + coldBid + "'"));
        assertEquals(List.of(List.of(String.valueOf(events.size()))), query("SELECT count(*) FROM lake.bidtrack.events"));
        Set<String> files = tableFiles("events");
        assertTrue(files.stream().anyMatch(f -> f.startsWith(earlier.path() + "/events+")), "a file in the earlier hour: " + files);
        assertTrue(files.stream().allMatch(f -> f.matches("dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/events\\+\\d\\+\\d+-\\d+\\.parquet")),
                "files named events+<partition>+<first>-<last>.parquet in dt=/hour= folders: " + files);
    }

    /**
     * Two things a running sink must do that no earlier test saw: make an hour that did not exist
     * when it started queryable (it registers each new partition as it writes it, not only at start),
     * and give a late bid, whose hour already has a file from an earlier rotation, a new file of its
     * own in that hour rather than replacing or skipping the first.
     */
    @Test
    @Order(5)
    void aNewHourBecomesVisibleWhileTheSinkRunsAndALateBidGetsAFileOfItsOwnInIt() throws Exception {
        long hourStart = (System.currentTimeMillis() - 30 * HOUR) / HOUR * HOUR;
        LakePartition hour = LakeHours.of(hourStart);
        BidRecord first = bid(BidId.mintAt(hourStart + 10), 50);
        BidRecord late = bid(BidId.mintAt(hourStart + 20), 51);
        batches.add(new HashMap<>());
        try (ColdStoreService ignored = ColdStoreService.start(config(Duration.ofSeconds(1)))) {
            assertFalse(registeredPartitions("bids").contains(hour), "the hour is new to Trino");
            produce(first);
            waitUntil(() -> findBid(first.getId()).isPresent(), "the first bid of a new hour to become queryable");
            produce(late);
            waitUntil(() -> findBid(late.getId()).isPresent(), "the late bid to become queryable");
            assertEquals(Optional.of(first), findBid(first.getId()), "the first bid is still there");
        }
        Set<String> files = tableFiles("bids").stream().filter(f -> f.startsWith(hour.path() + "/")).collect(Collectors.toSet());
        assertEquals(2, files.size(), "one file per rotation in the bids' hour: " + files);
        assertEquals(List.of(List.of("2")), query("SELECT count(*) FROM lake.bidtrack.bids WHERE dt = '" + hour.dt()
                + "' AND hour = '" + hour.hour() + "'"));
    }

    /**
     * Retention (here 48 hours): at start the sink drops, from Trino and from the lake, every
     * partition of both tables whose hour ended more than 48 hours ago, and keeps the others; a
     * record of such an hour consumed afterwards is counted and committed but not stored.
     */
    @Test
    @Order(6)
    void partitionsPastTheRetentionAreDroppedFromTrinoAndTheLakeAndTheirRecordsNoLongerStored() throws Exception {
        long now = System.currentTimeMillis();
        BidRecord oldBid = bid(BidId.mintAt(now - 72 * HOUR), 60);
        BidRecord recentBid = bid(BidId.mintAt(now - 47 * HOUR), 61);
        TrackingEvent oldEvent = event(oldBid.getId(), EventType.CLICK, Tier.COLD, now - 72 * HOUR, 62);
        TrackingEvent recentEvent = event(recentBid.getId(), EventType.CLICK, Tier.COLD, now - 47 * HOUR, 63);
        LakePartition oldHour = LakeHours.of(now - 72 * HOUR);
        LakePartition recentHour = LakeHours.of(now - 47 * HOUR);
        batches.add(new HashMap<>());
        produce(oldBid);
        produce(recentBid);
        produceRaw(Names.TRACKING_EVENTS_TOPIC, oldEvent.getBidId(), oldEvent.toByteArray());
        produceRaw(Names.TRACKING_EVENTS_TOPIC, recentEvent.getBidId(), recentEvent.toByteArray());
        try (ColdStoreService ignored = ColdStoreService.start(config(Duration.ofSeconds(1)))) {
            awaitCommittedToEnd();
            awaitCommittedToEnd(Names.TRACKING_EVENTS_TOPIC, GROUP + "-events");
        }
        LakePartition leapDay = new LakePartition("2024-02-29", "23"); // stored by test 1
        assertTrue(registeredPartitions("bids").containsAll(List.of(oldHour, recentHour, leapDay)));
        assertTrue(registeredPartitions("events").containsAll(List.of(oldHour, recentHour)));

        Duration retention = Duration.ofHours(48);
        try (ColdStoreService service = ColdStoreService.start(config(Duration.ofSeconds(1)).withRetention(retention, Duration.ofHours(1)))) {
            waitUntil(() -> !Files.exists(lakeDir.resolve("bids").resolve(oldHour.path()))
                    && !Files.exists(lakeDir.resolve("events").resolve(oldHour.path())), "the old hour's folders to be deleted");
            for (String table : List.of("bids", "events")) {
                Set<LakePartition> registered = registeredPartitions(table);
                assertFalse(registered.contains(oldHour), table + ": the old hour is no longer registered");
                assertTrue(registered.contains(recentHour), table + ": the recent hour stays");
                assertTrue(Files.isDirectory(lakeDir.resolve(table).resolve(recentHour.path())), table + ": the recent hour's folder stays");
                assertTrue(registered.stream().allMatch(p -> LakeHours.end(p).orElseThrow().isAfter(Instant.ofEpochMilli(now).minus(retention))),
                        table + ": nothing older than the retention is registered: " + registered);
            }
            assertFalse(Files.exists(lakeDir.resolve("bids/dt=2024-02-29")), "a day's folder goes with its last hour");
            assertEquals(Optional.empty(), findBid(oldBid.getId()));
            assertEquals(Optional.of(recentBid), findBid(recentBid.getId()));
            assertEquals(List.of(), eventsOf(oldBid.getId()));
            assertEquals(List.of(recentEvent), eventsOf(recentBid.getId()));

            // Consumed now, a bid of an hour past the retention is committed but not stored.
            BidRecord expired = bid(BidId.mintAt(now - 72 * HOUR + 1), 64);
            BidRecord fresh = bid(BidId.mint(), 65);
            produce(expired);
            produce(fresh);
            awaitCommittedToEnd();
            assertEquals(1, service.expiredRecords());
            assertEquals(1, service.bidsWritten());
            assertFalse(Files.exists(lakeDir.resolve("bids").resolve(oldHour.path())), "the dropped hour does not come back");
            assertEquals(Optional.of(fresh), findBid(fresh.getId()));
        }
    }

    /**
     * Compaction in the running cold store, on the lake the tests above left (hours with several
     * files, and a late file). Every hour closed for 10 minutes ends up as one merged file, while
     * Trino goes on finding each bid and event exactly once: the sink's committed offsets (from
     * Kafka) say what may be merged, and the sources go one pass later.
     */
    @Test
    @Order(7)
    void closedHoursAreCompactedIntoOneFileEachAndTrinoStillFindsEveryRowOnce() throws Exception {
        long now = System.currentTimeMillis();
        LakePartition thirtyHoursAgo = LakeHours.of(now - 30 * HOUR);
        BidRecord late = bid(BidId.mintAt((now - 30 * HOUR) / HOUR * HOUR + 30), 70);
        String coldBid = BidId.mintAt(now - 5 * HOUR).toString();
        TrackingEvent lateEvent = event(coldBid, EventType.CLICK, Tier.COLD, now - 4 * HOUR, 71); // in the hour of test 4's INSTALL
        batches.add(new HashMap<>());
        produce(late);
        produceRaw(Names.TRACKING_EVENTS_TOPIC, lateEvent.getBidId(), lateEvent.toByteArray());
        ColdStoreConfig.Compaction everySecond = new ColdStoreConfig.Compaction(true, Duration.ofMinutes(10), Duration.ofSeconds(1));
        try (ColdStoreService service = ColdStoreService.start(config(Duration.ofSeconds(1)).withCompaction(everySecond))) {
            awaitCommittedToEnd();
            awaitCommittedToEnd(Names.TRACKING_EVENTS_TOPIC, GROUP + "-events");
            waitUntil(() -> closedHoursHoldOneFileEach("bids", now) && closedHoursHoldOneFileEach("events", now),
                    "every closed hour of both tables to hold one file");
            assertTrue(service.compactors().get(0).merges() > 0, "bids were merged");
            assertTrue(service.compactors().get(1).merges() > 0, "events were merged");
            assertEquals(0, service.compactors().get(0).failures() + service.compactors().get(1).failures());
        }
        assertTrue(tableFiles("bids").stream().anyMatch(f -> f.startsWith(thirtyHoursAgo.path() + "/bids-compacted-")),
                "test 5's hour, with its two files and now a late one: " + tableFiles("bids"));
        // Test 6 dropped the hours past its 48-hour retention, and did not store a bid of them.
        List<BidRecord> kept = batches.stream().flatMap(batch -> batch.keySet().stream())
                .filter(bid -> LakeHours.end(BidId.partitionOf(UUID.fromString(bid.getId()))).orElseThrow()
                        .isAfter(Instant.ofEpochMilli(now).minus(Duration.ofHours(48))))
                .toList();
        assertEquals(List.of(List.of(String.valueOf(kept.size()), String.valueOf(kept.size()))),
                query("SELECT count(*), count(DISTINCT id) FROM lake.bidtrack.bids"));
        for (BidRecord bid : kept) {
            assertEquals(Optional.of(bid), findBid(bid.getId()), "bid " + bid.getId());
        }
        assertEquals(List.of(lateEvent), eventsOf(coldBid));
        List<List<String>> eventCounts = query("SELECT count(*), count(DISTINCT event_id) FROM lake.bidtrack.events");
        assertEquals(eventCounts.getFirst().get(0), eventCounts.getFirst().get(1), "no event twice");
    }

    /** Whether no hour of {@code table} that ended more than 11 minutes before {@code now} holds more than one file. */
    private static boolean closedHoursHoldOneFileEach(String table, long now) {
        try {
            Map<String, Long> filesPerHour = tableFiles(table).stream()
                    .collect(Collectors.groupingBy(f -> f.substring(0, f.lastIndexOf('/')), Collectors.counting()));
            return filesPerHour.entrySet().stream().allMatch(hour -> hour.getValue() == 1
                    || LakeHours.end(partitionOf(hour.getKey())).orElseThrow()
                    .isAfter(Instant.ofEpochMilli(now).minus(Duration.ofMinutes(11))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The partition of a folder {@code dt=2026-11-24/hour=07}. */
    private static LakePartition partitionOf(String folder) {
        String[] parts = folder.split("/");
        return new LakePartition(parts[0].substring("dt=".length()), parts[1].substring("hour=".length()));
    }

    /** Settings that keep everything (test 1 stores a bid of 2024, older than the default retention), and compact nothing. */
    private static ColdStoreConfig config(Duration rotate) {
        return new ColdStoreConfig(kafka.bootstrapServers(), GROUP, lakeDir, trino.jdbcUrl(), rotate, 1_000_000)
                .withRetention(KEEP_EVERYTHING, Duration.ofHours(1))
                .withCompaction(ColdStoreConfig.Compaction.OFF);
    }

    static BidRecord bid(UUID id, int n) {
        return TestBids.full(id, n);
    }

    static TrackingEvent event(String bidId, EventType type, Tier tier, long receivedAtMs, int n) {
        return TestEvents.full(bidId, type, tier, receivedAtMs, n);
    }

    private static void produce(BidRecord bid) {
        batches.getLast().put(bid, produceRaw(bid.getId(), bid.toByteArray()));
    }

    private static RecordMetadata produceRaw(String key, byte[] value) {
        return produceRaw(Names.BIDS_TOPIC, key, value);
    }

    private static RecordMetadata produceRaw(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
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

    /** Every file below the bids table's folder, as paths relative to it. */
    private static Set<String> lakeFiles() throws IOException {
        return tableFiles("bids");
    }

    /** Every file below a table's folder, as paths relative to it. */
    private static Set<String> tableFiles(String name) throws IOException {
        Path table = lakeDir.resolve(name);
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(Files::isRegularFile).map(p -> table.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        return endOffsets(Names.BIDS_TOPIC);
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < 2; p++) request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Offsets are committed only once files are durable and registered, so this is the sign to look. */
    private static void awaitCommittedToEnd() throws Exception {
        awaitCommittedToEnd(Names.BIDS_TOPIC, GROUP);
    }

    private static void awaitCommittedToEnd(String topic, String group) throws Exception {
        // A partition no record went to (keys hash to partitions) has nothing to commit.
        Map<TopicPartition, Long> end = endOffsets(topic).entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        waitUntil(() -> {
            try {
                return committedOffsets(group).equals(end);
            } catch (Exception e) {
                return false;
            }
        }, "committed offsets to reach the end offsets " + end);
    }



    /** The bid of that id through Trino, read with the lookups' own query. */
    private static Optional<BidRecord> findBid(String id) {
        try (Connection connection = DriverManager.getConnection(trino.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(BidsTable.selectByIdSql(UUID.fromString(id)))) {
            return rows.next() ? Optional.of(BidsTable.fromRow(rows)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events of a bid through Trino, in the order they were received. */
    private static List<TrackingEvent> eventsOf(String bidId) throws Exception {
        try (Connection connection = DriverManager.getConnection(trino.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + LakeTable.EVENTS.columnList() + " FROM "
                     + LakeTable.EVENTS.qualified() + " WHERE bid_id = '" + bidId + "' ORDER BY received_at_ms")) {
            List<TrackingEvent> events = new ArrayList<>();
            while (rows.next()) events.add(LakeTable.EVENTS.fromRow(rows, TrackingEvent.newBuilder()).build());
            return events;
        }
    }

    /** The partitions Trino's metastore knows for a table. */
    private static Set<LakePartition> registeredPartitions(String table) throws Exception {
        return query("SELECT dt, hour FROM lake.bidtrack.\"" + table + "$partitions\"").stream()
                .map(row -> new LakePartition(row.get(0), row.get(1))).collect(Collectors.toSet());
    }

    private static List<List<String>> query(String sql) throws Exception {
        return LakeTestSupport.query(trino.jdbcUrl(), sql);
    }
}
