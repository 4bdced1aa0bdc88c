package io.bidtrack.bidder;

import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The bidder on the real engine and the real Kafka broker, fed the shared sample requests. */
class BidderServiceTest {
    static final Path SAMPLES = Path.of(System.getProperty("bidtrack.samples.dir", "../samples"));
    static final Duration HOT_WINDOW = Duration.ofMinutes(10);
    static final Duration HOT_MARGIN = Duration.ofSeconds(30);
    static final String TRACKER = "https://track.example";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static CacheEngine engine;
    static EmbeddedKafka kafka;
    static Vertx vertx;
    static Redis redis;
    static BidderService bidder;

    @BeforeAll
    static void start() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(1, Names.BIDS_TOPIC);
        String url = "redis://" + engine.host() + ":" + engine.port();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, url);
        CampaignStore store = new CampaignStore(redis);
        // The demo's campaigns (infra/stack demo-campaigns.json).
        await(store.save(new Campaign("puzzle-us-banner", "Puzzle installs", true, "puzzle-studio.example", 2.5,
                "https://puzzle-studio.example/install", Set.of("USA"), Set.of("banner"))));
        await(store.save(new Campaign("news-uk-video", "UK pre-roll", true, "streaming.example", 3.0,
                "https://streaming.example/trial", Set.of("GBR"), Set.of("video"))));
        await(store.save(new Campaign("global-run-of-network", "Run of network", true, "shop.example", 2.1,
                "https://shop.example/sale", Set.of(), Set.of())));
        await(store.save(new Campaign("paused", "Paused, pays most", false, "paused.example", 99,
                "https://paused.example/", Set.of(), Set.of())));
        bidder = await(BidderService.start(vertx, BidderConfig.fromEnv(new Env(Map.of(
                Env.variableName("http.port"), "0",
                Env.variableName("redis.url"), url,
                Env.variableName("kafka.bootstrap"), kafka.bootstrapServers(),
                Env.variableName("hot.window"), "10m",
                Env.variableName("hot.margin"), "30s",
                Env.variableName("tracker.base.url"), TRACKER + "/")))));
    }

    @AfterAll
    static void stop() {
        if (bidder != null) {
            await(bidder.close());
        }
        await(vertx.close());
        kafka.close();
        engine.close();
    }

    @Test
    void appBannerSampleIsBidStoredHotAndProducedToKafka() throws Exception {
        HttpResponse<String> r = post(sample("bid-request-app-banner.json"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject response = new JsonObject(r.body());
        assertEquals("80ce30c53c16e6ede735f123ef6e32361bfc7b22", response.getString("id"));
        assertEquals("USD", response.getString("cur"));
        String bidId = response.getString("bidid");
        UUID id = BidId.parse(bidId);
        assertTrue(BidId.ageMillis(id, System.currentTimeMillis()) < 60_000);
        JsonObject bid = firstBid(response);
        assertEquals(bidId, bid.getString("id"));
        assertEquals("1", bid.getString("impid"));
        assertEquals("puzzle-us-banner", bid.getString("cid"));
        assertEquals(2.5, bid.getDouble("price"));
        assertEquals(new JsonArray().add("puzzle-studio.example"), bid.getJsonArray("adomain"));
        assertEquals(TRACKER + "/t/win?id=" + bidId + "&price=${AUCTION_PRICE}", bid.getString("nurl"));
        assertEquals(TRACKER + "/t/bill?id=" + bidId + "&price=${AUCTION_PRICE}", bid.getString("burl"));
        assertTrue(bid.getString("adm").contains("<img src=\"" + TRACKER + "/t/imp?id=" + bidId + "\""), bid.getString("adm"));
        assertTrue(bid.getString("adm").contains("href=\"" + TRACKER + "/t/click?id=" + bidId + "&amp;c=puzzle-us-banner\""), bid.getString("adm"));

        // Hot: the protobuf under bid:{id}, expiring within the window plus the margin.
        Response stored = await(redis.send(Request.cmd(Command.GET).arg(Names.bidKey(bidId))));
        byte[] hotBytes = stored.toBytes();
        BidRecord record = BidRecord.parseFrom(hotBytes);
        assertEquals(bidId, record.getId());
        assertEquals("80ce30c53c16e6ede735f123ef6e32361bfc7b22", record.getRequestId());
        assertEquals("puzzle-us-banner", record.getCampaignId());
        assertEquals(2.5, record.getPriceCpm());
        assertEquals(BidId.timestampMillis(id), record.getCreatedAtMs());
        assertEquals("banner", record.getAdFormat());
        assertEquals(320, record.getWidth());
        assertEquals(50, record.getHeight());
        assertEquals("USA", record.getCountry());
        assertEquals("com.example.puzzle", record.getAppBundle());
        assertEquals("pub-123", record.getPublisherId());
        assertEquals("9d1b3f2e-6c1a-4e1b-9a55-2f4a0a9b7c11", record.getIfa());
        assertEquals(0.05, record.getBidFloor());
        assertEquals("https://puzzle-studio.example/install", record.getLandingUrl());
        long pttl = await(redis.send(Request.cmd(Command.PTTL).arg(Names.bidKey(bidId)))).toLong();
        assertTrue(pttl > 0 && pttl <= HOT_WINDOW.plus(HOT_MARGIN).toMillis(), "PTTL " + pttl);
        assertTrue(pttl > HOT_WINDOW.toMillis(), "PTTL " + pttl + " shorter than the hot window");

        // Cold path: the same bytes on Kafka, key = bid id.
        assertArrayEquals(hotBytes, awaitBidOnKafka(bidId));
    }

    @Test
    void siteVideoSampleGetsVastWithTrackingUrls() throws Exception {
        HttpResponse<String> r = post(sample("bid-request-site-video.json"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject bid = firstBid(new JsonObject(r.body()));
        String bidId = new JsonObject(r.body()).getString("bidid");
        assertEquals("news-uk-video", bid.getString("cid"));
        assertEquals(2, bid.getInteger("mtype"));
        String adm = bid.getString("adm");
        assertTrue(adm.startsWith("<VAST version=\"4.2\">"), adm);
        assertTrue(adm.contains("<Impression><![CDATA[" + TRACKER + "/t/imp?id=" + bidId + "]]></Impression>"), adm);
        assertEquals(1, adm.split("/t/imp\\?id=", -1).length - 1, "one ad shown must fire one impression: " + adm);
        assertTrue(adm.contains("<ClickThrough><![CDATA[" + TRACKER + "/t/click?id=" + bidId + "&c=news-uk-video]]>"), adm);
        BidRecord record = BidRecord.parseFrom(await(redis.send(Request.cmd(Command.GET).arg(Names.bidKey(bidId)))).toBytes());
        assertEquals("news.example.com", record.getSiteDomain());
        assertEquals("8953", record.getPublisherId());
        assertEquals("GBR", record.getCountry());
        assertEquals("video", record.getAdFormat());
    }

    @Test
    void targetingPicksTheBestEligibleCampaign() throws Exception {
        // A UK banner: the US banner and the UK video campaigns do not target it, run-of-network does.
        JsonObject request = sample("bid-request-app-banner.json");
        request.getJsonObject("device").getJsonObject("geo").put("country", "GBR");
        assertEquals("global-run-of-network", firstBid(bid(request)).getString("cid"));

        // Floors up to 2.00 always get a bid from the demo campaigns.
        JsonObject floored = sample("bid-request-site-video.json");
        floored.getJsonArray("imp").getJsonObject(0).put("bidfloor", 2.0);
        assertEquals("news-uk-video", firstBid(bid(floored)).getString("cid"));

        // The publisher blocks the best advertiser: the next one bids.
        JsonObject blocked = sample("bid-request-app-banner.json");
        blocked.put("badv", new JsonArray().add("puzzle-studio.example"));
        assertEquals("global-run-of-network", firstBid(bid(blocked)).getString("cid"));
    }

    @Test
    void noEligibleCampaignIs204() throws Exception {
        JsonObject highFloor = sample("bid-request-app-banner.json");
        highFloor.getJsonArray("imp").getJsonObject(0).put("bidfloor", 50.0);
        assertNoBid(highFloor);

        JsonObject euroFloor = sample("bid-request-app-banner.json");
        euroFloor.getJsonArray("imp").getJsonObject(0).put("bidfloorcur", "EUR");
        assertNoBid(euroFloor);

        JsonObject euroOnly = sample("bid-request-app-banner.json").put("cur", new JsonArray().add("EUR"));
        assertNoBid(euroOnly);

        JsonObject allBlocked = sample("bid-request-app-banner.json").put("badv",
                new JsonArray().add("puzzle-studio.example").add("shop.example"));
        assertNoBid(allBlocked);
    }

    @Test
    void campaignPushedAfterStartIsBidWith() throws Exception {
        await(new CampaignStore(redis).save(new Campaign("fr-native", "French native", true, "fr.example", 4.0,
                "https://fr.example/", Set.of("FRA"), Set.of("native"))));
        JsonObject request = sample("bid-request-app-banner.json");
        request.getJsonObject("device").getJsonObject("geo").put("country", "FRA");
        JsonObject imp = request.getJsonArray("imp").getJsonObject(0);
        imp.remove("banner");
        imp.put("native", new JsonObject().put("request", "{}").put("ver", "1.2"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String cid = null;
        while (System.nanoTime() < deadline && !"fr-native".equals(cid)) {
            cid = firstBid(bid(request)).getString("cid");
        }
        assertEquals("fr-native", cid);
        JsonObject bid = firstBid(bid(request));
        assertEquals(4, bid.getInteger("mtype"));
        JsonObject adm = new JsonObject(bid.getString("adm"));
        assertTrue(adm.getJsonObject("native").getJsonArray("eventtrackers").getJsonObject(0).getString("url").contains("/t/imp?id="));
    }

    @Test
    void invalidRequestsAre400NamingTheField() throws Exception {
        HttpResponse<String> noImp = post(Files.readString(SAMPLES.resolve("bid-request-invalid-no-imp.json")));
        assertError(noImp, 400, "imp");
        assertTrue(new JsonObject(noImp.body()).getString("error").contains("imp"), noImp.body());

        assertError(post("{\"id\":"), 400, "body");
        assertError(post("[]"), 400, "body");
        assertError(post(""), 400, "body");
        assertError(post(sample("bid-request-app-banner.json").put("id", "").encode()), 400, "id");
        assertError(post(sample("bid-request-app-banner.json").put("id", 7).encode()), 400, "id");
        assertError(post(sample("bid-request-app-banner.json").put("imp", new JsonArray()).encode()), 400, "imp");
        assertError(post(sample("bid-request-app-banner.json").put("imp", new JsonArray().add("x")).encode()), 400, "imp[0]");
        JsonObject noFormat = sample("bid-request-app-banner.json");
        noFormat.getJsonArray("imp").getJsonObject(0).remove("banner");
        assertError(post(noFormat.encode()), 400, "imp[0]");
        JsonObject badFloor = sample("bid-request-app-banner.json");
        badFloor.getJsonArray("imp").getJsonObject(0).put("bidfloor", "cheap");
        assertError(post(badFloor.encode()), 400, "imp[0].bidfloor");
        JsonObject badGeo = sample("bid-request-app-banner.json");
        badGeo.getJsonObject("device").put("geo", "USA");
        assertError(post(badGeo.encode()), 400, "device.geo");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        JsonObject huge = sample("bid-request-app-banner.json").put("padding", "x".repeat(70_000));
        HttpResponse<String> r = post(huge.encode());
        assertEquals(413, r.statusCode());
        assertTrue(new JsonObject(r.body()).containsKey("error"), r.body());
    }

    @Test
    void healthAndMetrics() throws Exception {
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("UP", new JsonObject(health.body()).getString("status"));
        post(sample("bid-request-app-banner.json").encode());
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("bidtrack_bid_requests_total{outcome=\"bid\"}"), metrics);
        assertTrue(metrics.contains("bidtrack_l1_campaigns"), metrics);
    }

    private static void assertNoBid(JsonObject request) throws Exception {
        HttpResponse<String> r = post(request.encode());
        assertEquals(204, r.statusCode(), r.body());
        assertEquals("", r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals(field, body.getString("field"), r.body());
        assertTrue(!body.getString("error").isBlank());
    }

    private static JsonObject bid(JsonObject request) throws Exception {
        HttpResponse<String> r = post(request.encode());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static JsonObject firstBid(JsonObject response) {
        return response.getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
    }

    private static byte[] awaitBidOnKafka(String bidId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Names.BIDS_TOPIC).stream()
                    .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (bidId.equals(r.key())) {
                        return r.value();
                    }
                }
            }
        }
        return fail("bid " + bidId + " never reached Kafka topic " + Names.BIDS_TOPIC);
    }

    static JsonObject sample(String name) throws IOException {
        return new JsonObject(Files.readString(SAMPLES.resolve(name)));
    }

    static HttpResponse<String> post(JsonObject body) throws IOException, InterruptedException {
        return post(body.encode());
    }

    static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bidder.port() + "/openrtb2/bid"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bidder.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
