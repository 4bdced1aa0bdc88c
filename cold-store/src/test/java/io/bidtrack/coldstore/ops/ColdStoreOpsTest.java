package io.bidtrack.coldstore.ops;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.ColdStoreService;
import io.bidtrack.coldstore.TestBids;
import io.bidtrack.coldstore.TestEvents;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.infra.trino.TrinoProcess;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.bidtrack.coldstore.LakeTestSupport.await;
import static io.bidtrack.coldstore.LakeTestSupport.freePort;
import static io.bidtrack.coldstore.LakeTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The cold store's ops port on the real components (Kafka in-process, Trino in its child JVM): its
 * /metrics counters and gauges move as real records are stored, and /ready follows the sinks.
 */
class ColdStoreOpsTest {
    private static final long HOUR = 3_600_000L;
    /** How long the test allows the lake to lag: the rotation is 1 s, but the machine may be busy. */
    private static final double MAX_LAG_SECONDS = 60;

    @TempDir
    static Path lakeDir;
    @TempDir
    static Path workDir;

    private static EmbeddedKafka kafka;
    private static TrinoProcess trino;
    private static KafkaProducer<String, byte[]> producer;
    private static Vertx vertx;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startComponents() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(2, Names.BIDS_TOPIC, Names.TRACKING_EVENTS_TOPIC);
        trino = TrinoProcess.start(TrinoProcess.defaultTargetDir(), freePort(), lakeDir, workDir.resolve("trino.log"));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopComponents() {
        if (vertx != null) vertx.close().await();
        if (producer != null) producer.close();
        if (trino != null) trino.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void metricsFollowTheSinksAndReadinessFollowsTheirThreads() throws Exception {
        ColdStoreConfig config = new ColdStoreConfig(kafka.bootstrapServers(), "ops-test", lakeDir, trino.jdbcUrl(),
                Duration.ofSeconds(1), 1_000_000).withHttpPort(0);
        ColdStoreService service = ColdStoreService.start(config);
        ColdStoreOps ops = await(ColdStoreOps.start(vertx, service, config.httpPort()));
        try {
            assertTrue(ops.port() > 0, "port 0 asks for any free port, and the actual one is known");
            String before = get(ops, "/metrics").body();
            assertEquals(0.0, value(before, "bidtrack_sink_rows_committed_total{table=\"bids\"}"));
            assertTrue(Double.isNaN(value(before, "bidtrack_sink_newest_partition_start_seconds{table=\"bids\"}")),
                    "no partition registered yet");
            assertTrue(Double.isNaN(value(before, "bidtrack_sink_freshness_seconds{table=\"bids\"}")), "nothing committed yet");
            assertEquals(0.0, value(before, "bidtrack_sink_lag_seconds{table=\"bids\"}"), "nothing waits to become queryable");
            assertEquals(0.0, value(before, "bidtrack_compaction_merges_total{table=\"bids\"}"));

            long now = System.currentTimeMillis();
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) ids.add(BidId.mintAt(now - i));
            ids.add(BidId.mintAt(now - 2 * HOUR)); // an older hour: the newest partition is still the current one
            for (int i = 0; i < ids.size(); i++) {
                BidRecord bid = TestBids.full(ids.get(i), i);
                producer.send(new ProducerRecord<>(Names.BIDS_TOPIC, bid.getId(), bid.toByteArray()));
            }
            producer.send(new ProducerRecord<>(Names.BIDS_TOPIC, "not-a-uuid", TestBids.full(BidId.mint(), 9).toByteArray()));
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(Names.TRACKING_EVENTS_TOPIC, ids.get(i).toString(),
                        TestEvents.full(ids.get(i).toString(), EventType.IMPRESSION, Tier.HOT, now, i).toByteArray()));
            }
            producer.flush();

            waitUntil(() -> metric(ops, "bidtrack_sink_rows_committed_total{table=\"bids\"}") == ids.size()
                    && metric(ops, "bidtrack_sink_rows_committed_total{table=\"events\"}") == 2, "the rows to be committed");
            String after = get(ops, "/metrics").body();
            assertEquals(ids.size() + 1.0, value(after, "bidtrack_sink_records_consumed_total{table=\"bids\"}"));
            assertEquals(1.0, value(after, "bidtrack_sink_records_not_stored_total{reason=\"invalid\",table=\"bids\"}"));
            double files = value(after, "bidtrack_sink_files_published_total{table=\"bids\"}");
            assertTrue(files >= 2 && files <= ids.size(), "a file per (Kafka partition, hour) and rotation: " + files);
            assertEquals(Math.floorDiv(now, HOUR) * 3600.0, value(after, "bidtrack_sink_newest_partition_start_seconds{table=\"bids\"}"),
                    "the hour of the newest bids");
            double freshness = value(after, "bidtrack_sink_freshness_seconds{table=\"bids\"}");
            assertTrue(freshness >= 0 && freshness < MAX_LAG_SECONDS, "now minus the newest committed bid's time: " + freshness);
            double sinceCommit = value(after, "bidtrack_sink_last_commit_age_seconds{table=\"bids\"}");
            assertTrue(sinceCommit >= 0 && sinceCommit < MAX_LAG_SECONDS, "a commit just happened: " + sinceCommit);
            waitUntil(() -> metric(ops, "bidtrack_sink_consumer_lag_records{table=\"bids\"}") == 0, "the lag to be known and 0");
            assertEquals(0.0, metric(ops, "bidtrack_sink_lag_seconds{table=\"bids\"}"), "every record read is queryable: none waits");
            assertEquals(0.0, value(after, "bidtrack_sink_rotation_failing{table=\"bids\"}"));

            HttpResponse<String> ready = get(ops, "/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("UP", new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("bids").getString("status"));
            assertEquals(200, get(ops, "/health").statusCode());
        } finally {
            service.close();
        }
        // The sinks stopped: the ops server still answers, and says so.
        HttpResponse<String> stopped = get(ops, "/ready");
        assertEquals(503, stopped.statusCode(), stopped.body());
        assertTrue(stopped.body().contains("stopped"), stopped.body());
        await(ops.close());
    }

    private static double metric(ColdStoreOps ops, String series) {
        try {
            return value(get(ops, "/metrics").body(), series);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of the line {@code series value} in a Prometheus text scrape. */
    private static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return fail("no series " + series + " in:\n" + scrape);
    }

    private static HttpResponse<String> get(ColdStoreOps ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
