package io.bidtrack.bidder;

import io.bidtrack.bidder.pacing.DailySpend;
import io.bidtrack.common.Names;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.model.Campaign.Budget;
import io.bidtrack.common.model.Campaign.Flight;
import io.bidtrack.common.model.Campaign.Pacing;
import io.bidtrack.common.model.Campaign.Targeting;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static io.bidtrack.bidder.BidderHarness.firstBid;
import static io.bidtrack.bidder.BidderHarness.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the bidder does whichever Redis-compatible store it runs on: run by {@link BidderOnEngineTest}
 * (the bundled engine) and {@link BidderOnRedisServerTest} (a real redis-server). The bidder's
 * clock is fixed at 12:00 UTC today, so flight dates and EVEN pacing are judged at a known time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BidderStoreContract {
    static final Instant NOON = LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC);
    static final String APP = "bid-request-app-banner.json";
    static final String SITE = "bid-request-site-video.json";

    final MutableClock clock = new MutableClock(NOON);
    EmbeddedKafka kafka;
    BidderHarness h;

    /** Starts the store; its redis:// URL. */
    abstract String startStore();

    abstract void stopStore();

    @BeforeAll
    void start() {
        kafka = EmbeddedKafka.sharedTemporary(Names.BIDS_TOPIC, Names.TRACKING_EVENTS_TOPIC);
        h = BidderHarness.start(startStore(), kafka.bootstrapServers(), clock, Map.of(), campaigns());
    }

    @AfterAll
    void stop() {
        try {
            if (h != null) {
                h.close();
            }
        } finally {
            stopStore();
        }
    }

    static List<Campaign> campaigns() {
        Duration day = Duration.ofDays(1);
        return List.of(
                campaign("puzzle-us-banner", true, "puzzle-studio.example", 2.5,
                        new Targeting(Set.of("USA"), Set.of("banner"), Set.of("android"), Set.of(1, 4, 5), Set.of("IAB9")),
                        Set.of("IAB9-30"), Flight.ALWAYS, Budget.UNLIMITED),
                campaign("news-uk-video", true, "streaming.example", 3.0,
                        new Targeting(Set.of("GBR"), Set.of("video"), Set.of(), Set.of(2), Set.of("IAB12")),
                        Set.of("IAB19"), Flight.ALWAYS, Budget.UNLIMITED),
                campaign("paused-fra", false, "paused.example", 5.0, countries("FRA"), Set.of(), Flight.ALWAYS, Budget.UNLIMITED),
                campaign("ended-deu", true, "ended.example", 5.0, countries("DEU"), Set.of(),
                        new Flight(NOON.minus(day.multipliedBy(10)), NOON.minus(day)), Budget.UNLIMITED),
                campaign("future-ita", true, "future.example", 5.0, countries("ITA"), Set.of(),
                        new Flight(NOON.plus(day), null), Budget.UNLIMITED),
                campaign("asap-can", true, "asap.example", 2.5, countries("CAN"), Set.of(), Flight.ALWAYS,
                        new Budget(0.01, Pacing.ASAP)),
                campaign("even-aus", true, "even.example", 2.5, countries("AUS"), Set.of(), Flight.ALWAYS,
                        new Budget(0.02, Pacing.EVEN)));
    }

    private static Targeting countries(String country) {
        return new Targeting(Set.of(country), Set.of(), Set.of(), Set.of(), Set.of());
    }

    private static Campaign campaign(String id, boolean active, String domain, double cpm, Targeting targeting,
                                     Set<String> adCategories, Flight flight, Budget budget) {
        return new Campaign(id, id.replace('-', ' '), active, domain, cpm, "https://" + domain + "/landing",
                targeting, adCategories, flight, budget);
    }

    static JsonObject app(Consumer<JsonObject> change) {
        JsonObject request = sample(APP);
        change.accept(request);
        return request;
    }

    static JsonObject imp0(JsonObject request) {
        return request.getJsonArray("imp").getJsonObject(0);
    }

    @Test
    void bothSamplesAndSmallVariationsGetBids() {
        for (double floor : new double[] {0, 0.05, 0.5, 1.0, 1.99, 2.0}) {
            JsonObject app = sample(APP).put("id", "app-" + floor);
            imp0(app).put("bidfloor", floor);
            JsonObject response = h.bid(app);
            assertEquals("app-" + floor, response.getString("id"));
            assertEquals("puzzle-us-banner", firstBid(response).getString("cid"));

            JsonObject site = sample(SITE).put("id", "site-" + floor);
            imp0(site).put("bidfloor", floor);
            assertEquals("news-uk-video", firstBid(h.bid(site)).getString("cid"));
        }
    }

    @Test
    void responseCarriesTrackingUrlsAndAdvertiserFields() {
        JsonObject response = h.bid(sample(APP));
        String bidId = response.getString("bidid");
        JsonObject bid = firstBid(response);
        assertEquals(new JsonArray().add("IAB9-30"), bid.getJsonArray("cat"));
        assertEquals(new JsonArray().add("puzzle-studio.example"), bid.getJsonArray("adomain"));
        assertEquals("puzzle-us-banner-banner", bid.getString("crid"));
        assertEquals("puzzle-us-banner", bid.getString("cid"));
        assertEquals(1, bid.getInteger("mtype"));
        assertEquals(BidderHarness.TRACKER + "/t/win?id=" + bidId + "&price=${AUCTION_PRICE}", bid.getString("nurl"));
        assertEquals(BidderHarness.TRACKER + "/t/bill?id=" + bidId + "&price=${AUCTION_PRICE}", bid.getString("burl"));
        assertTrue(bid.getString("adm").contains(BidderHarness.TRACKER + "/t/imp?id=" + bidId), bid.getString("adm"));
        assertTrue(bid.getString("adm").contains(BidderHarness.TRACKER + "/t/click?id=" + bidId), bid.getString("adm"));
    }

    @Test
    void storedRecordIsProductionSizedHotAndOnKafka() throws Exception {
        String bidId = h.bid(sample(APP)).getString("bidid");
        byte[] hot = h.command(Command.GET, Names.bidKey(bidId)).toBytes();
        System.out.println("BidRecord of the app banner sample: " + hot.length + " bytes");
        assertTrue(hot.length >= 400 && hot.length <= 900, "record of " + hot.length + " bytes");
        BidRecord r = BidRecord.parseFrom(hot);
        assertEquals("agltb3B1Yi1pbmNyDAsSA0FwcBiJkfIUDA", r.getInventoryId());
        assertEquals("Example Puzzle", r.getInventoryName());
        assertEquals(List.of("IAB9-30"), r.getContentCategoriesList());
        assertEquals("Example Games", r.getPublisherName());
        assertEquals("pub-123", r.getPublisherId());
        assertEquals("com.example.puzzle", r.getAppBundle());
        assertEquals("Google", r.getDeviceMake());
        assertEquals("Pixel 8", r.getDeviceModel());
        assertEquals("14", r.getDeviceOsv());
        assertEquals("android", r.getDeviceOs());
        assertEquals(4, r.getDeviceType());
        assertTrue(r.getUserAgent().startsWith("Mozilla/5.0 (Linux; Android 14; Pixel 8)"), r.getUserAgent());
        assertEquals("USA", r.getCountry());
        assertEquals("CA", r.getRegion());
        assertEquals("San Francisco", r.getCity());
        assertEquals(2, r.getConnectionType());
        assertEquals("a1b2c3d4-e5f6-47a8-9b0c-d1e2f3a4b5c6", r.getSourceTid());
        assertEquals(1, r.getAuctionType());
        assertEquals(100, r.getTmaxMs());
        assertEquals("puzzle-studio.example", r.getAdvertiserDomain());
        assertEquals(List.of("IAB9-30"), r.getAdCategoriesList());
        assertEquals("203.0.113.7", r.getIp());
        assertEquals("55816b39711f9b5acf3b90e313ed29e51665623f", r.getUserId());
        assertEquals(320, r.getWidth());
        assertEquals(0.05, r.getBidFloor());
        long pttl = h.command(Command.PTTL, Names.bidKey(bidId)).toLong();
        assertTrue(pttl > Duration.ofMinutes(10).toMillis() && pttl <= Duration.ofSeconds(630).toMillis(), "PTTL " + pttl);
        byte[] onKafka = BidderHarness.consumeBids(kafka.bootstrapServers(), Set.of(bidId), Duration.ofSeconds(20)).get(bidId).getFirst();
        assertArrayEquals(hot, onKafka);
    }

    @Test
    void eachTargetingDimensionAndBlockIsA204WithItsReason() {
        h.noBid(app(r -> r.getJsonObject("device").getJsonObject("geo").put("country", "ESP")), "no_campaign");
        h.noBid(app(r -> imp0(r).remove("banner")).put("imp", new JsonArray().add(new JsonObject().put("id", "1")
                .put("video", new JsonObject().put("mimes", new JsonArray().add("video/mp4"))))), "no_campaign");
        h.noBid(app(r -> r.getJsonObject("device").put("os", "ios")), "os");
        h.noBid(app(r -> r.getJsonObject("device").put("devicetype", 3)), "device_type");
        h.noBid(app(r -> r.getJsonObject("device").remove("devicetype")), "device_type");
        h.noBid(app(r -> r.getJsonObject("app").put("cat", new JsonArray().add("IAB1"))), "category");
        h.noBid(app(r -> imp0(r).put("bidfloor", 2.51)), "floor");
        h.noBid(app(r -> r.put("bcat", new JsonArray().add("IAB9"))), "bcat");
        h.noBid(app(r -> r.put("badv", new JsonArray().add("puzzle-studio.example"))), "badv");
        h.noBid(app(r -> r.put("cur", new JsonArray().add("EUR"))), "currency");
        h.noBid(app(r -> imp0(r).put("bidfloorcur", "EUR")), "currency");
        h.noBid(app(r -> r.getJsonObject("device").getJsonObject("geo").put("country", "FRA")), "paused");
        h.noBid(app(r -> r.getJsonObject("device").getJsonObject("geo").put("country", "DEU")), "flight");
        h.noBid(app(r -> r.getJsonObject("device").getJsonObject("geo").put("country", "ITA")), "flight");
        // The same request without the block still bids: each 204 above is that dimension's doing.
        h.bid(app(r -> r.put("bcat", new JsonArray().add("IAB25"))));
    }

    @Test
    void asapBudgetStopsAtTheBudgetAndTheCounterMatches() {
        // 0.01 USD a day at 2.5 CPM: 2500 micro-USD a bid, 4 bids.
        JsonObject canada = app(r -> r.getJsonObject("device").getJsonObject("geo").put("country", "CAN"));
        for (int i = 0; i < 4; i++) {
            assertEquals("asap-can", firstBid(h.bid(canada)).getString("cid"));
        }
        h.noBid(canada, "budget");
        assertEquals("10000", h.command(Command.GET, DailySpend.key("asap-can", DailySpend.epochDay(clock.millis()))).toString());
        long ttl = h.command(Command.TTL, DailySpend.key("asap-can", DailySpend.epochDay(clock.millis()))).toLong();
        assertTrue(ttl > 86_400 && ttl <= DailySpend.KEY_TTL_SECONDS, "TTL " + ttl);
    }

    @Test
    void evenPacingFollowsTheTimeOfDay() {
        // 0.02 USD a day, EVEN, 2500 micro-USD a bid; the line is budget x elapsed + one bid.
        JsonObject australia = app(r -> r.getJsonObject("device").getJsonObject("geo").put("country", "AUS"));
        try {
            assertBids(australia, 5, "pacing");   // at 12:00: 10000 + 2500 → 12500
            clock.set(NOON.plus(Duration.ofHours(6)));
            assertBids(australia, 2, "pacing");   // at 18:00: 15000 + 2500 → 17500
            clock.set(NOON.plus(Duration.ofSeconds(12 * 3600 - 1)));
            assertBids(australia, 1, "budget");   // at 23:59:59: capped by the budget, 20000
        } finally {
            clock.set(NOON);
        }
        assertEquals("20000", h.command(Command.GET, DailySpend.key("even-aus", DailySpend.epochDay(NOON.toEpochMilli()))).toString());
    }

    private void assertBids(JsonObject request, int bids, String thenReason) {
        for (int i = 0; i < bids; i++) {
            assertEquals("even-aus", firstBid(h.bid(request)).getString("cid"), "bid " + (i + 1) + " of " + bids);
        }
        h.noBid(request, thenReason);
    }

    @Test
    void aStoreTooSlowToAnswerMeansNoBidNotAnUnfindableOne() {
        // CLIENT PAUSE holds every write for longer than store.timeout (250ms): the SET cannot be
        // confirmed in time, so the bid is not served.
        h.command(Command.CLIENT, "PAUSE", 1000, "WRITE");
        try {
            h.noBid(sample(APP), "store_timeout");
        } finally {
            h.command(Command.CLIENT, "UNPAUSE");
        }
        h.bid(sample(APP));
    }

    @Test
    void malformedRequestsAre400NamingTheField() {
        assertError(h.post(BidderHarness.sampleText("bid-request-invalid-no-imp.json")), "imp");
        assertError(h.post("{\"id\":"), "body");
        assertError(h.post(app(r -> r.put("site", new JsonObject().put("id", "s")))), "app");
        assertError(h.post(app(r -> imp0(r).getJsonObject("banner").put("w", "wide"))), "imp[0].banner.w");
        assertError(h.post(app(r -> r.getJsonObject("device").put("devicetype", 9))), "device.devicetype");
        assertError(h.post(app(r -> r.put("tmax", -5))), "tmax");
        assertError(h.post(app(r -> r.put("bcat", "IAB25"))), "bcat");
    }

    private static void assertError(HttpResponse<String> r, String field) {
        assertEquals(400, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals(field, body.getString("field"), r.body());
        assertFalse(body.getString("error").isBlank());
    }

    @Test
    void oversizedBodyIs413WithJson() {
        HttpResponse<String> r = h.post(sample(APP).put("padding", "x".repeat(70_000)));
        assertEquals(413, r.statusCode());
        assertTrue(new JsonObject(r.body()).containsKey("error"), r.body());
    }

    @Test
    void readyChecksTheStoreKafkaAndTheCampaigns() {
        HttpResponse<String> r = h.get("/ready");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject checks = new JsonObject(r.body()).getJsonObject("checks");
        for (String check : List.of("hotStore", "kafka", "kafkaBuffer", "campaigns")) {
            assertEquals("UP", checks.getJsonObject(check).getString("status"), r.body());
        }
        assertEquals("7 campaigns, pubsub, subscribed", checks.getJsonObject("campaigns").getString("detail"));
    }

    @Test
    void metricsCoverOutcomesPricesAndSelection() {
        h.bid(sample(SITE));
        String metrics = h.get("/metrics").body();
        for (String expected : List.of("bidtrack_bid_requests_total{outcome=\"bid\"}", "bidtrack_bid_requests_total{outcome=\"shed\"}",
                "bidtrack_no_bids_total{reason=\"budget\"}", "bidtrack_bid_price_cpm_count", "bidtrack_bid_selection_duration_seconds_count",
                "bidtrack_http_request_duration_seconds_bucket", "bidtrack_kafka_buffered", "bidtrack_l1_campaigns 7.0")) {
            assertTrue(metrics.contains(expected), expected + " missing from\n" + metrics);
        }
    }
}
