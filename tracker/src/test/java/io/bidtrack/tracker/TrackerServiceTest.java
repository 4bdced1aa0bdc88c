package io.bidtrack.tracker;

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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tracker on the real engine (hot tier) and the real Kafka broker, with a map-backed cold tier
 * (the Trino path is covered end to end in infra/stack).
 */
class TrackerServiceTest {
    static final Duration HOT_WINDOW = Duration.ofMinutes(10);
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static CacheEngine engine;
    static EmbeddedKafka kafka;
    static Vertx vertx;
    static Redis redis;
    static MapColdLookup cold = new MapColdLookup();
    static TrackerService tracker;
    static KafkaConsumer<String, byte[]> consumer;
    static final Map<String, TrackingEvent> seen = new HashMap<>();

    @BeforeAll
    static void start() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(1, Names.TRACKING_EVENTS_TOPIC);
        String url = "redis://" + engine.host() + ":" + engine.port();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, url);
        CampaignStore campaigns = new CampaignStore(redis);
        await(campaigns.save(new Campaign("puzzle-us-banner", "Puzzle installs", true, "puzzle-studio.example", 2.5,
                "https://puzzle-studio.example/install", Set.of("USA"), Set.of("banner"))));
        await(campaigns.save(new Campaign("shoes", "Shoes", true, "shoes.example", 1.5,
                "https://shoes.example/sale", Set.of(), Set.of())));
        await(campaigns.save(new Campaign("paused", "Paused", false, "paused.example", 1.0,
                "https://paused.example/", Set.of(), Set.of())));
        tracker = await(TrackerService.start(vertx, TrackerConfig.fromEnv(new Env(Map.of(
                Env.variableName("http.port"), "0",
                Env.variableName("redis.url"), url,
                Env.variableName("kafka.bootstrap"), kafka.bootstrapServers(),
                Env.variableName("hot.window"), "10m"))), cold));
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(Names.TRACKING_EVENTS_TOPIC, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.close();
        }
        if (tracker != null) {
            await(tracker.close());
        }
        await(vertx.close());
        kafka.close();
        engine.close();
    }

    @Test
    void impressionIsAGifAtOnceAndAttributedHot() throws Exception {
        BidRecord bid = hotBid(BidId.mint(), "puzzle-us-banner", 2.5);
        long before = System.currentTimeMillis();
        HttpResponse<byte[]> pixel = HTTP.send(request("/t/imp?id=" + bid.getId()), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pixel.statusCode());
        assertEquals("image/gif", pixel.headers().firstValue("content-type").orElse(""));
        assertTrue(new String(pixel.body(), 0, 6).startsWith("GIF8"));
        assertEquals(1, pixel.body()[6] | pixel.body()[7] << 8, "width");
        assertEquals(1, pixel.body()[8] | pixel.body()[9] << 8, "height");

        TrackingEvent event = awaitEvent(bid.getId(), EventType.IMPRESSION);
        assertEquals(Tier.HOT, event.getTier());
        assertEquals("puzzle-us-banner", event.getCampaignId());
        assertEquals(2.5, event.getPriceCpm());
        assertEquals("", event.getUnmatchedReason());
        assertEquals(7, BidId.parse(event.getEventId()).version());
        assertTrue(event.getReceivedAtMs() >= before && event.getReceivedAtMs() <= System.currentTimeMillis());
        assertTrue(event.getLookupLatencyUs() > 0, "lookup latency not measured");
    }

    @Test
    void bidOlderThanTheHotWindowIsLookedUpCold() throws Exception {
        UUID id = BidId.mintAt(System.currentTimeMillis() - 2 * HOT_WINDOW.toMillis());
        BidRecord coldBid = record(id, "shoes", 1.5);
        cold.bids.put(id, coldBid);
        // A stale copy in the hot store must not be consulted: the id's age decides.
        hotBid(id, "puzzle-us-banner", 9.0);

        HttpResponse<String> win = get("/t/win?id=" + id + "&price=1.23");
        assertEquals(204, win.statusCode());
        TrackingEvent event = awaitEvent(id.toString(), EventType.WIN);
        assertEquals(Tier.COLD, event.getTier(), event.toString());
        assertEquals("shoes", event.getCampaignId());
        assertEquals(1.23, event.getPriceCpm(), "the clearing price of a win notice");

        HttpResponse<String> found = get("/bids/" + id);
        assertEquals(200, found.statusCode(), found.body());
        JsonObject json = new JsonObject(found.body());
        assertEquals("COLD", json.getString("tier"));
        assertEquals(id.toString(), json.getString("id"));
        assertEquals("shoes", json.getString("campaignId"));
        assertEquals(1.5, json.getDouble("priceCpm"));
    }

    @Test
    void hotMissFallsThroughToCold() throws Exception {
        UUID id = BidId.mint();
        cold.bids.put(id, record(id, "shoes", 1.5));
        HttpResponse<String> found = get("/bids/" + id);
        assertEquals(200, found.statusCode(), found.body());
        assertEquals("COLD", new JsonObject(found.body()).getString("tier"));
    }

    @Test
    void bidsEndpointShowsAHotBid() throws Exception {
        BidRecord bid = hotBid(BidId.mint(), "puzzle-us-banner", 2.5);
        int coldLookups = cold.lookups.get();
        HttpResponse<String> r = get("/bids/" + bid.getId());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject json = new JsonObject(r.body());
        assertEquals("HOT", json.getString("tier"));
        assertEquals(bid.getId(), json.getString("id"));
        assertEquals("puzzle-us-banner", json.getString("campaignId"));
        assertEquals(2.5, json.getDouble("priceCpm"));
        assertEquals("USA", json.getString("country"));
        assertEquals(coldLookups, cold.lookups.get(), "a hot hit must not ask the cold tier");
    }

    @Test
    void unknownBidIsUnmatchedAnd404() throws Exception {
        String fresh = BidId.mint().toString();
        assertEquals(200, get("/t/imp?id=" + fresh).statusCode());
        TrackingEvent event = awaitEvent(fresh, EventType.IMPRESSION);
        assertEquals(Tier.UNMATCHED, event.getTier());
        assertEquals("", event.getCampaignId());
        assertTrue(!event.getUnmatchedReason().isEmpty());

        String old = BidId.mintAt(System.currentTimeMillis() - Duration.ofHours(2).toMillis()).toString();
        for (String id : List.of(fresh, old)) {
            HttpResponse<String> r = get("/bids/" + id);
            assertEquals(404, r.statusCode(), r.body());
            assertTrue(new JsonObject(r.body()).getString("error").contains(id), r.body());
        }
    }

    @Test
    void pausedCampaignMakesTheEventUnmatched() throws Exception {
        BidRecord bid = hotBid(BidId.mint(), "paused", 1.0);
        assertEquals(204, get("/t/bill?id=" + bid.getId() + "&price=%24%7BAUCTION_PRICE%7D").statusCode());
        TrackingEvent event = awaitEvent(bid.getId(), EventType.BILLING);
        assertEquals(Tier.UNMATCHED, event.getTier());
        assertTrue(event.getUnmatchedReason().contains("paused"), event.getUnmatchedReason());
    }

    @Test
    void unreplacedPriceMacroFallsBackToTheBidPrice() throws Exception {
        BidRecord bid = hotBid(BidId.mint(), "shoes", 1.5);
        assertEquals(204, get("/t/bill?id=" + bid.getId() + "&price=%24%7BAUCTION_PRICE%7D").statusCode());
        TrackingEvent event = awaitEvent(bid.getId(), EventType.BILLING);
        assertEquals(Tier.HOT, event.getTier());
        assertEquals(1.5, event.getPriceCpm());
    }

    @Test
    void clickRedirectsToTheCampaignsLandingPage() throws Exception {
        BidRecord bid = hotBid(BidId.mint(), "shoes", 1.5);
        // With the campaign in the URL the redirect needs no lookup; the landing page comes from L1.
        HttpResponse<String> fast = get("/t/click?id=" + bid.getId() + "&c=shoes");
        assertEquals(302, fast.statusCode());
        assertEquals("https://shoes.example/sale", fast.headers().firstValue("location").orElse(""));
        TrackingEvent event = awaitEvent(bid.getId(), EventType.CLICK);
        assertEquals(Tier.HOT, event.getTier());
        assertEquals("shoes", event.getCampaignId());

        // Without it (or naming an unknown campaign) the bid says where to go.
        BidRecord other = hotBid(BidId.mint(), "puzzle-us-banner", 2.5);
        HttpResponse<String> slow = get("/t/click?id=" + other.getId() + "&c=https%3A%2F%2Fevil.example");
        assertEquals(302, slow.statusCode());
        assertEquals("https://puzzle-studio.example/install", slow.headers().firstValue("location").orElse(""));
        assertEquals(Tier.HOT, awaitEvent(other.getId(), EventType.CLICK).getTier());

        String unknown = BidId.mint().toString();
        HttpResponse<String> nowhere = get("/t/click?id=" + unknown);
        assertEquals(404, nowhere.statusCode());
        assertTrue(new JsonObject(nowhere.body()).containsKey("error"));
        assertEquals(Tier.UNMATCHED, awaitEvent(unknown, EventType.CLICK).getTier());
    }

    @Test
    void failingColdTierIs503AndAnUnmatchedEventWithTheReason() throws Exception {
        UUID id = BidId.mintAt(System.currentTimeMillis() - 2 * HOT_WINDOW.toMillis());
        cold.failing = true;
        try {
            HttpResponse<String> r = get("/bids/" + id);
            assertEquals(503, r.statusCode(), r.body());
            assertEquals(204, get("/t/install?id=" + id).statusCode());
            TrackingEvent event = awaitEvent(id.toString(), EventType.INSTALL);
            assertEquals(Tier.UNMATCHED, event.getTier());
            assertTrue(event.getUnmatchedReason().contains("trino is down"), event.getUnmatchedReason());
        } finally {
            cold.failing = false;
        }
    }

    @Test
    void malformedIdsAre400NamingTheId() throws Exception {
        for (String path : List.of("/t/imp?id=123", "/t/imp", "/t/click?id=", "/t/win?id=not-a-uuid&price=1",
                "/t/imp?id=" + UUID.randomUUID(), "/bids/not-a-uuid", "/bids/" + UUID.randomUUID())) {
            HttpResponse<String> r = get(path);
            assertEquals(400, r.statusCode(), path);
            JsonObject body = new JsonObject(r.body());
            assertTrue(body.getString("error").contains("id"), path + ": " + r.body());
            assertEquals("id", body.getString("field"));
        }
        assertTrue(new JsonObject(get("/bids/not-a-uuid").body()).getString("error").contains("UUID"));
        HttpResponse<String> unknownEvent = get("/t/teleport?id=" + BidId.mint());
        assertEquals(404, unknownEvent.statusCode());
    }

    @Test
    void healthAndMetrics() throws Exception {
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("UP", new JsonObject(health.body()).getString("status"));
        BidRecord bid = hotBid(BidId.mint(), "shoes", 1.5);
        get("/t/imp?id=" + bid.getId());
        awaitEvent(bid.getId(), EventType.IMPRESSION);
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("bidtrack_tracking_events_total{tier=\"HOT\",type=\"IMPRESSION\"}"), metrics);
        assertTrue(metrics.contains("bidtrack_l1_campaigns 3.0"), metrics);
    }

    private static BidRecord record(UUID id, String campaign, double price) {
        return BidRecord.newBuilder().setId(id.toString()).setRequestId("req-" + id).setImpId("1")
                .setCampaignId(campaign).setPriceCpm(price).setCurrency("USD").setCreatedAtMs(BidId.timestampMillis(id))
                .setAdFormat("banner").setCountry("USA").setLandingUrl("https://landing.example/" + campaign).build();
    }

    /** Stores a bid the way the bidder does. */
    private static BidRecord hotBid(UUID id, String campaign, double price) {
        BidRecord bid = record(id, campaign, price);
        await(redis.send(Request.cmd(Command.SET).arg(Names.bidKey(id.toString())).arg(Buffer.buffer(bid.toByteArray()))
                .arg("PX").arg(HOT_WINDOW.toMillis())));
        return bid;
    }

    private static TrackingEvent awaitEvent(String bidId, EventType type) throws Exception {
        String key = bidId + "/" + type;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!seen.containsKey(key) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                TrackingEvent e = TrackingEvent.parseFrom(r.value());
                assertEquals(e.getBidId(), r.key(), "the record key is the bid id");
                seen.put(e.getBidId() + "/" + e.getType(), e);
            }
        }
        TrackingEvent event = seen.get(key);
        return event != null ? event : fail("no " + type + " event for bid " + bidId);
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tracker.port() + path)).timeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
