package io.bidtrack.infra.compose;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.ColdStoreService;
import io.bidtrack.coldstore.lookup.TrinoBidLookup;
import io.bidtrack.coldstore.s3.S3ProxyServer;
import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.infra.trino.TrinoProcess;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.bidtrack.infra.compose.ComposeFileTest.COMPOSE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compose stack's lake on real components, without Docker: Trino (its child JVM) started with
 * infra/trino/catalog/lake.properties itself and the trino service's environment, an S3-compatible
 * store in this JVM in MinIO's place (its bucket and keys from the compose file), the Kafka broker
 * in-process, and the cold store started with the cold-store service's variables. Only the
 * addresses change (the containers' names mean nothing here) and the rotation (a test does not
 * wait a minute). A bid produced to Kafka must come back through Trino, so the catalog file
 * parses, reaches the bucket with those keys, and reads what the cold store writes where it writes it.
 */
class ComposeLakeTest {
    @TempDir
    Path dir;

    @Test
    void aBidTheColdStoreWritesWithTheComposeSettingsIsFoundThroughTheComposeCatalog() throws Exception {
        Map<String, String> minio = COMPOSE.environment("minio");
        String bucket = COMPOSE.environment("minio-init").get("LAKE_BUCKET");
        try (S3ProxyServer s3 = S3ProxyServer.startWithKeys(Files.createDirectories(dir.resolve("s3")), minio.get("MINIO_ROOT_USER"),
                minio.get("MINIO_ROOT_PASSWORD"), bucket);
             EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
             TrinoProcess trino = TrinoProcess.startWithCatalog(TrinoProcess.defaultTargetDir(), freePort(),
                     catalogAt(s3.endpoint()), COMPOSE.environment("trino"), dir.resolve("trino.log"))) {
            kafka.createTopics(Names.TOPIC_PARTITIONS, Names.STACK_TOPICS.toArray(String[]::new));

            UUID id = BidId.mint();
            BidRecord bid = BidRecord.newBuilder().setId(id.toString()).setRequestId("compose-lake-test").setImpId("1")
                    .setCampaignId("puzzle-us-banner").setPriceCpm(2.5).setCurrency("USD")
                    .setCreatedAtMs(BidId.timestampMillis(id)).build();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Names.BIDS_TOPIC, bid.getId(), bid.toByteArray())).get(30, TimeUnit.SECONDS);
            }

            Map<String, String> variables = new LinkedHashMap<>(ComposeFileTest.bidtrackVariables("cold-store"));
            variables.put("BIDTRACK_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
            variables.put("BIDTRACK_TRINO_JDBC_URL", trino.jdbcUrl());
            variables.put("BIDTRACK_S3_ENDPOINT", s3.endpoint().toString());
            variables.put("BIDTRACK_ROTATE", "1s");
            variables.computeIfPresent("BIDTRACK_HTTP_PORT", (k, v) -> "0"); // the ops server, on any free port
            Vertx vertx = Vertx.vertx();
            try (ColdStoreService ignored = ColdStoreService.start(ColdStoreConfig.fromEnv(new Env(variables)));
                 TrinoBidLookup lookup = new TrinoBidLookup(vertx, trino.jdbcUrl())) {
                Map<UUID, BidRecord> found = Map.of();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (found.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    found = lookup.findInPartition(BidId.partitionOf(id), List.of(id), Duration.ofSeconds(30));
                }
                assertEquals(Map.of(id, bid), found, "the bid, stored in the bucket and read back through the compose catalog");
            } finally {
                vertx.close().await();
            }
            assertEquals(List.of("1"), column(trino.jdbcUrl(), "SELECT count(*) FROM " + Names.LAKE_CATALOG + "." + Names.LAKE_SCHEMA
                    + "." + Names.BIDS_TABLE));
            // The lake's files and the metastore's are in the bucket, below the cold store's lake.dir.
            String prefix = URI.create(variables.get("BIDTRACK_LAKE_DIR")).getPath().substring(1);
            try (var files = Files.walk(dir.resolve("s3").resolve(bucket).resolve(prefix))) {
                List<String> names = new ArrayList<>(files.map(p -> p.getFileName().toString()).toList());
                assertEquals(true, names.contains("metastore") && names.contains(Names.BIDS_TABLE), names.toString());
            }
        }
    }

    /** infra/trino/catalog/lake.properties with only its endpoint pointed at the test's store. */
    private Path catalogAt(URI endpoint) throws IOException {
        Path original = COMPOSE.bindMounts("trino").get("/etc/trino/catalog").resolve(Names.LAKE_CATALOG + ".properties");
        List<String> lines = new ArrayList<>();
        int replaced = 0;
        for (String line : Files.readAllLines(original)) {
            if (line.startsWith("s3.endpoint=")) {
                line = "s3.endpoint=" + endpoint;
                replaced++;
            }
            lines.add(line);
        }
        assertEquals(1, replaced, "one s3.endpoint line in " + original);
        Path copy = Files.createDirectories(dir.resolve("catalog")).resolve(original.getFileName());
        Files.write(copy, lines);
        return copy;
    }

    private static List<String> column(String jdbcUrl, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) values.add(rows.getString(1));
            return values;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
