package io.bidtrack.coldstore.sink;

import io.bidtrack.coldstore.table.BidsTable;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.infra.trino.TrinoProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The sink's exactly-once guarantee under real crashes. For each step of a rotation
 * ({@link SinkStep}): while bids keep arriving, the sink runs as its own process, stops at that step
 * ({@code --pause-at}), is killed there with SIGKILL, and is started again; once it has committed
 * everything, the lake must hold every bid produced exactly once, as its files say and as Trino counts.
 *
 * <p>Trino (the slow part to start) serves every step; each step gets its own Kafka broker, consumer
 * group and an empty table, so the steps are independent. Each step prints what it counted (bids
 * produced, rows in the lake, lost, duplicated) to the test's output. To run it alone:
 * {@code mvn -o test -pl cache-engine,common,infra/kafka-broker,infra/trino-server,cold-store
 * -Dtest=SinkCrashTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SinkCrashTest {
    private static final int KAFKA_PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration PRODUCE_AFTER_RESTART = Duration.ofSeconds(2);
    private static final Pattern ALREADY_STORED = Pattern.compile("skipped (\\d+) record\\(s\\) consumed again");

    @TempDir
    static Path lakeDir;
    @TempDir
    static Path workDir;

    private static TrinoProcess trino;

    @BeforeAll
    static void startTrino() {
        trino = TrinoProcess.start(TrinoProcess.defaultTargetDir(), freePort(), lakeDir, workDir.resolve("trino.log"));
    }

    @AfterAll
    static void stopTrino() {
        if (trino != null) trino.close();
    }

    @ParameterizedTest(name = "killed at {0}")
    @EnumSource(SinkStep.class)
    void aSinkKilledAtAStepStoresEveryBidExactlyOnceAfterItsRestart(SinkStep step) throws Exception {
        emptyTheTable();
        String group = "cold-store-crash-" + step.label();
        List<SinkProcess> sinks = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            kafka.createTopics(KAFKA_PARTITIONS, Names.BIDS_TOPIC);
            Map<String, RecordMetadata> produced;
            SinkProcess restarted;
            try (BidProducer producer = new BidProducer(kafka.bootstrapServers())) {
                SinkProcess first = startSink(kafka, group, step, sinks);
                first.awaitLine("cold-store paused at " + step.label(), WAIT);
                assertEquals(SinkProcess.KILLED_BY_SIGKILL, first.kill(), "the sink should die of SIGKILL");
                checkWhatTheKillLeft(step);

                restarted = startSink(kafka, group, null, sinks);
                restarted.awaitLine("cold-store ready", WAIT);
                Thread.sleep(PRODUCE_AFTER_RESTART.toMillis());
                produced = producer.stop();
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                awaitCommittedToEnd(admin, group);
            }
            restarted.stop(WAIT);

            Map<String, Integer> copies = idsInTheLake(produced);
            long lost = produced.keySet().stream().filter(id -> !copies.containsKey(id)).count();
            long duplicated = copies.values().stream().mapToInt(n -> n - 1).sum();
            long alreadyStored = alreadyStored(restarted.output());
            List<Path> files = tableFiles();
            long hours = files.stream().map(Path::getParent).distinct().count();
            System.out.printf("killed at %s: %d bids produced, %d rows in the lake (%d files, %d hours), %d lost, %d duplicated;"
                            + " the restarted sink skipped %d records already stored%n", step.label(), produced.size(),
                    copies.values().stream().mapToInt(n -> n).sum(), files.size(), hours, lost, duplicated, alreadyStored);
            assertTrue(hours >= 3, "the bids are of three different hours, each its own lake partition");
            assertEquals(0, lost, "bids lost");
            assertEquals(0, duplicated, "bids stored twice");
            assertEquals(List.of((long) produced.size(), (long) produced.size()),
                    countThroughTrino(), "count(*) and count(DISTINCT id) through Trino");
            if (step == SinkStep.RENAMED || step == SinkStep.REGISTERED) {
                assertTrue(alreadyStored > 0, "published but uncommitted records should be consumed again and skipped");
            }
        } finally {
            sinks.forEach(SinkProcess::destroy);
        }
    }

    private static SinkProcess startSink(EmbeddedKafka kafka, String group, SinkStep pauseAt, List<SinkProcess> started) {
        List<String> options = new ArrayList<>(List.of("--kafka", kafka.bootstrapServers(), "--lake", lakeDir.toString(),
                "--trino", trino.jdbcUrl(), "--rotate", "1s"));
        if (pauseAt != null) {
            options.addAll(List.of("--pause-at", pauseAt.label()));
        }
        // One instance id for both runs: the restarted sink takes the killed one's place in the group
        // at once (static membership) instead of waiting for its session to time out.
        // No compaction: this test reads every file back and counts rows per file, and a merge keeps
        // its sources for one pass beside the merged file (CompactorTest covers compaction's crashes).
        Map<String, String> env = Map.of("BIDTRACK_COLD_GROUP_ID", group, "BIDTRACK_COLD_INSTANCE_ID", group + "-0",
                "BIDTRACK_COLD_COMPACT", "false");
        Path log = workDir.resolve(group + "-" + (started.size() + 1) + ".log");
        SinkProcess sink = SinkProcess.start(env, options, log);
        started.add(sink);
        return sink;
    }

    /** The kill came where it was meant to: before the first rename a temporary file, after it a final one. */
    private static void checkWhatTheKillLeft(SinkStep step) throws IOException {
        List<Path> files = tableFiles();
        boolean temporary = files.stream().anyMatch(f -> f.getFileName().toString().startsWith(LakeFiles.TEMP_PREFIX));
        boolean published = files.stream().anyMatch(f -> LakeFileName.parse(BidsTable.DIRECTORY, f.getFileName().toString()).isPresent());
        if (step == SinkStep.WRITTEN || step == SinkStep.SYNCED) {
            assertTrue(temporary && !published, "killed at " + step.label() + " the lake should hold a temporary file only: " + files);
        } else {
            assertTrue(published, "killed at " + step.label() + " the lake should hold a published file: " + files);
        }
    }

    /**
     * How many rows each id has in the lake's files, read directly. Also checks that no temporary
     * file remains and that each row lies where its file's path says: the hour of its bid, the
     * file's Kafka partition and an offset within the file's range.
     */
    private static Map<String, Integer> idsInTheLake(Map<String, RecordMetadata> produced) throws Exception {
        Path table = lakeDir.resolve(BidsTable.DIRECTORY);
        Map<String, Integer> copies = new HashMap<>();
        for (Path file : tableFiles()) {
            String fileName = file.getFileName().toString();
            assertFalse(fileName.startsWith(LakeFiles.TEMP_PREFIX), "a temporary file remains: " + file);
            LakeFileName name = LakeFileName.parse(BidsTable.DIRECTORY, fileName).orElseThrow(() -> new AssertionError("unexpected file " + file));
            Optional<LakePartition> hour = StoredRanges.lakePartitionOf(table.relativize(file.getParent()));
            for (BidRecord bid : BidParquetTest.read(file)) {
                copies.merge(bid.getId(), 1, Integer::sum);
                RecordMetadata meta = produced.get(bid.getId());
                if (meta == null) {
                    fail("the lake holds a bid that was never produced: " + bid.getId() + " in " + file);
                }
                assertEquals(hour, Optional.of(BidId.partitionOf(UUID.fromString(bid.getId()))), "hour of " + bid.getId());
                assertEquals(name.kafkaPartition(), meta.partition(), "Kafka partition of " + bid.getId() + " in " + file);
                assertTrue(name.covers(meta.offset()), "offset " + meta.offset() + " of " + bid.getId() + " outside " + file);
            }
        }
        return copies;
    }

    private static List<Path> tableFiles() throws IOException {
        Path table = lakeDir.resolve(BidsTable.DIRECTORY);
        if (!Files.isDirectory(table)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
        }
    }

    /** The records the restarted sink consumed again and skipped, from its log. */
    private static long alreadyStored(String log) {
        long total = 0;
        Matcher m = ALREADY_STORED.matcher(log);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    /** Offsets are committed only once files are durable and registered, so this is the sign to look. */
    private static void awaitCommittedToEnd(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < KAFKA_PARTITIONS; p++) latest.put(new TopicPartition(Names.BIDS_TOPIC, p), OffsetSpec.latest());
        // A partition no record went to (keys hash to partitions) has nothing to commit.
        Map<TopicPartition, Long> end = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .filter(e -> e.getValue().offset() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<TopicPartition, Long> committed = Map.of();
        while (!committed.equals(end)) {
            if (System.nanoTime() > deadline) fail("committed offsets " + committed + " did not reach the end offsets " + end);
            Thread.sleep(100);
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** Drops the table (its partitions with it) and its files; the sink creates it again when it starts. */
    private static void emptyTheTable() throws Exception {
        try (Connection c = DriverManager.getConnection(trino.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(BidsTable.createSchemaSql());
            s.execute("DROP TABLE IF EXISTS " + BidsTable.QUALIFIED);
        }
        Path table = lakeDir.resolve(BidsTable.DIRECTORY);
        if (Files.exists(table)) {
            try (Stream<Path> paths = Files.walk(table)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static List<Long> countThroughTrino() throws Exception {
        try (Connection c = DriverManager.getConnection(trino.jdbcUrl()); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM " + BidsTable.QUALIFIED)) {
            row.next();
            return List.of(row.getLong(1), row.getLong(2));
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
