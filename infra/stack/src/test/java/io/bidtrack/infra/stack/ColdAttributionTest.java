package io.bidtrack.infra.stack;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.ColdStoreService;
import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.infra.trino.TrinoProcess;
import io.bidtrack.tracker.TrackerConfig;
import io.bidtrack.tracker.TrackerService;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Cold attribution on the real components: bids older than the hot window go through real Kafka
 * and the real sink into the lake, Trino (its child JVM) serves them, and the real tracker
 * attributes impressions for them COLD through its batching client. The tracker reaches Trino
 * through a {@link TcpProxy}, so the second test can take Trino away from it (and only from it:
 * the sink talks to Trino directly) and check that events wait, unemitted, and end COLD once
 * Trino is back. One stack for the class.
 */
class ColdAttributionTest {
    private static final long HOUR = 3_600_000;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    private static Vertx vertx;
    private static CacheEngine engine;
    private static EmbeddedKafka kafka;
    private static TrinoProcess trino;
    private static ColdStoreService sink;
    private static TcpProxy proxy;
    private static TrackerService tracker;
    private static EventReader events;
    /** Bids only the lake holds (they are hours old), by id; one set per test. */
    private static final Map<String, BidRecord> attributed = new HashMap<>();
    private static final Map<String, BidRecord> duringOutage = new HashMap<>();

    @BeforeAll
    static void startStack() throws Exception {
        Path lakeDir = dataDir.resolve("lake").toAbsolutePath().normalize();
        CompletableFuture<TrinoProcess> trinoStarting = CompletableFuture.supplyAsync(() ->
                TrinoProcess.start(TrinoProcess.defaultTargetDir(), freePort(), lakeDir, dataDir.resolve("trino.log")));
        vertx = Vertx.vertx();
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        String redisUrl = "redis://" + engine.host() + ":" + engine.port();
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0);
        kafka.createTopics(1, Names.BIDS_TOPIC, Names.TRACKING_EVENTS_TOPIC);
        Redis redis = Redis.createClient(vertx, redisUrl);
        CampaignStore campaigns = new CampaignStore(redis);
        for (String id : List.of("shoes", "puzzle")) {
            campaigns.save(new Campaign(id, id, true, id + ".example", 1.5, "https://" + id + ".example/", Set.of(), Set.of())).await();
        }
        redis.close().await();
        trino = trinoStarting.get(150, TimeUnit.SECONDS);

        sink = ColdStoreService.start(ColdStoreConfig.fromEnv(env(Map.of("kafka.bootstrap", kafka.bootstrapServers(),
                "lake.dir", lakeDir.toString(), "trino.jdbc.url", trino.jdbcUrl(), "rotate", "1s"))));
        proxy = TcpProxy.start(vertx, "127.0.0.1", trino.port());
        tracker = TrackerService.start(vertx, TrackerConfig.fromEnv(env(Map.ofEntries(
                Map.entry("http.port", "0"),
                Map.entry("redis.url", redisUrl),
                Map.entry("kafka.bootstrap", kafka.bootstrapServers()),
                Map.entry("trino.jdbc.url", trino.jdbcUrl().replace(":" + trino.port(), ":" + proxy.port())),
                Map.entry("rotate", "1s"),
                Map.entry("cold.registration.lag", "5s"),
                // Long enough that the burst of impressions below shares its batches.
                Map.entry("cold.batch.window", "500ms"),
                Map.entry("cold.query.timeout", "5s"),
                Map.entry("cold.retry.backoff", "200ms"),
                Map.entry("cold.retry.backoff.max", "1s"),
                Map.entry("cold.retry.for", "2m"))))).await();
        events = new EventReader(kafka.bootstrapServers());

        long thisHour = System.currentTimeMillis() / HOUR * HOUR;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 12; i++) {
                produce(producer, attributed, thisHour - (3 + i % 3) * HOUR + i * 1000L, i % 2 == 0 ? "shoes" : "puzzle");
            }
            for (int i = 0; i < 8; i++) {
                produce(producer, duringOutage, thisHour - (3 + i % 2 * 3) * HOUR + i * 1000L, i % 2 == 0 ? "puzzle" : "shoes");
            }
            producer.flush();
        }
        awaitInLake(attributed.size() + duringOutage.size());
    }

    @AfterAll
    static void stopStack() {
        if (events != null) events.close();
        if (tracker != null) tracker.close().await();
        if (proxy != null) proxy.close();
        if (sink != null) sink.close();
        if (trino != null) trino.close();
        if (kafka != null) kafka.close();
        if (engine != null) engine.close();
        if (vertx != null) vertx.close().await();
    }

    @Test
    void impressionsForBidsOlderThanTheHotWindowAreAttributedColdInFewQueries() throws Exception {
        double queriesBefore = metric("bidtrack_cold_batch_ids_count");
        impressions(attributed.keySet());

        for (BidRecord bid : attributed.values()) {
            TrackingEvent event = events.await(bid.getId());
            assertEquals(Tier.COLD, event.getTier(), event.toString());
            assertEquals(bid.getCampaignId(), event.getCampaignId(), event.toString());
            assertEquals(EventType.IMPRESSION, event.getType());
        }
        double queries = metric("bidtrack_cold_batch_ids_count") - queriesBefore;
        // Three partitions; a burst of 12 lookups within one batch window shares queries.
        assertTrue(queries >= 3 && queries < attributed.size(), queries + " queries for " + attributed.size() + " ids");
        assertEquals(0, metric("bidtrack_tracking_events_total{tier=\"UNMATCHED\",type=\"IMPRESSION\"}"));
    }

    @Test
    void whileTrinoIsDownEventsWaitUnemittedAndEndColdOnceItIsBack() throws Exception {
        String failedRetries = "bidtrack_cold_retries_total{reason=\"cold_failed\"}";
        double retriedBefore = metric(failedRetries);
        String oneId = duringOutage.keySet().iterator().next();
        proxy.cut();
        try {
            HttpResponse<String> debug = get("/bids/" + oneId);
            assertEquals(503, debug.statusCode(), "the debug endpoint answers at once: " + debug.body());
            impressions(duringOutage.keySet());
            // Every event's lookup has failed at least once and waits for its next attempt.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (metric(failedRetries) < retriedBefore + duringOutage.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(metric(failedRetries) >= retriedBefore + duringOutage.size(), "lookups did not fail and retry");
            assertTrue(proxy.refused() > 0, "the tracker never tried to reach Trino");
            assertEquals(duringOutage.size(), metric("bidtrack_tracking_in_flight"), "each waiting event keeps its admission slot");
            events.poll(Duration.ofSeconds(1));
            for (String id : duringOutage.keySet()) {
                assertEquals(0, events.count(id), "emitted while Trino was down: " + id);
            }
        } finally {
            proxy.restore();
        }
        for (BidRecord bid : duringOutage.values()) {
            TrackingEvent event = events.await(bid.getId());
            assertEquals(Tier.COLD, event.getTier(), event.toString());
            assertEquals(bid.getCampaignId(), event.getCampaignId(), event.toString());
        }
        events.poll(Duration.ofMillis(500));
        for (String id : duringOutage.keySet()) {
            assertEquals(1, events.count(id), "one event per impression, none UNMATCHED: " + id);
        }
    }

    private static void produce(KafkaProducer<String, byte[]> producer, Map<String, BidRecord> into, long atMillis, String campaign) {
        String id = BidId.mintAt(atMillis).toString();
        BidRecord bid = BidRecord.newBuilder().setId(id).setRequestId("req-" + id).setImpId("1").setCampaignId(campaign)
                .setCreativeId("cr-" + campaign).setPriceCpm(1.5).setCurrency("USD").setCreatedAtMs(atMillis)
                .setAdFormat("banner").setCountry("USA").build();
        producer.send(new ProducerRecord<>(Names.BIDS_TOPIC, id, bid.toByteArray()));
        into.put(id, bid);
    }

    /** Waits until Trino (asked directly, not through the proxy) holds every produced bid. */
    private static void awaitInLake(int expected) throws Exception {
        List<String> ids = new ArrayList<>(attributed.keySet());
        ids.addAll(duringOutage.keySet());
        String sql = "SELECT count(*) FROM " + Names.LAKE_CATALOG + "." + Names.LAKE_SCHEMA + "." + Names.BIDS_TABLE
                + " WHERE id IN (" + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ")) + ")";
        long deadline = System.nanoTime() + WAIT.toNanos();
        long found = -1;
        try (Connection connection = DriverManager.getConnection(trino.jdbcUrl())) {
            while (System.nanoTime() < deadline) {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                    rows.next();
                    found = rows.getLong(1);
                } catch (java.sql.SQLException e) {
                    found = -1; // the table appears with the sink's first rotation
                }
                if (found == expected) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        fail("the lake holds " + found + " of the " + expected + " bids after " + WAIT);
    }

    /** Sends an impression for each id at once, as a burst, and checks each is answered with the pixel. */
    private static void impressions(Set<String> ids) {
        List<CompletableFuture<HttpResponse<String>>> sent = ids.stream()
                .map(id -> HTTP.sendAsync(request("/t/imp?id=" + id), HttpResponse.BodyHandlers.ofString())).toList();
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            assertEquals(200, response.join().statusCode());
        }
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tracker.port() + path)).timeout(Duration.ofSeconds(30)).build();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    /** One Prometheus series of the tracker, 0 when absent. */
    private static double metric(String series) throws IOException, InterruptedException {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static Env env(Map<String, String> settings) {
        Map<String, String> vars = new HashMap<>();
        settings.forEach((k, v) -> vars.put(Env.variableName(k), v));
        return new Env(vars);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The tracking-events topic read from the start, events kept by bid id. */
    private static final class EventReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, List<TrackingEvent>> byBid = new HashMap<>();

        EventReader(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new StringDeserializer(), new ByteArrayDeserializer());
            TopicPartition partition = new TopicPartition(Names.TRACKING_EVENTS_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
        }

        void poll(Duration atLeast) throws Exception {
            long until = System.nanoTime() + atLeast.toNanos();
            do {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    TrackingEvent event = TrackingEvent.parseFrom(r.value());
                    byBid.computeIfAbsent(event.getBidId(), k -> new ArrayList<>()).add(event);
                }
            } while (System.nanoTime() < until);
        }

        TrackingEvent await(String bidId) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!byBid.containsKey(bidId) && System.nanoTime() < deadline) {
                poll(Duration.ZERO);
            }
            List<TrackingEvent> found = byBid.get(bidId);
            return found != null ? found.getFirst() : fail("no tracking event for bid " + bidId + " within " + WAIT);
        }

        int count(String bidId) {
            return byBid.getOrDefault(bidId, List.of()).size();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
