package io.bidtrack.tracker;

import com.google.protobuf.util.JsonFormat;
import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.Names;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import io.bidtrack.tracker.dedupe.Dedupe;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.bidtrack.tracker.TrackerStack.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracker end to end: HTTP in, events read back from the real Kafka broker. Nothing here
 * depends on which Redis-compatible store holds the bids and dedupe marks, so every case runs on
 * the bundled engine and on a real redis-server (the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TrackerContract {
    TrackerStack stack;
    EventLog events;

    /** Starts the hot store; returns its URL. */
    abstract String startStore();

    abstract void stopStore();

    @BeforeAll
    void start() {
        String kafka = EmbeddedKafka.sharedTemporary(Names.BIDS_TOPIC, Names.TRACKING_EVENTS_TOPIC).bootstrapServers();
        stack = new TrackerStack(startStore());
        Instant now = Instant.now();
        stack.save(new Campaign("shoes", "Shoes", true, "shoes.example", 1.5, "https://shoes.example/sale", Set.of(), Set.of()));
        stack.save(new Campaign("puzzle", "Puzzle installs", true, "puzzle-studio.example", 2.5,
                "https://puzzle-studio.example/install", Set.of("USA"), Set.of("banner")));
        stack.save(new Campaign("paused", "Paused", false, "paused.example", 1.0, "https://paused.example/", Set.of(), Set.of()));
        stack.save(flight("expired", null, now.minus(Duration.ofDays(1))));
        stack.save(flight("upcoming", now.plus(Duration.ofDays(1)), null));
        stack.save(new Campaign("doomed", "Doomed", true, "doomed.example", 1.0, "https://doomed.example/", Set.of(), Set.of()));
        stack.start(kafka, Map.of());
        events = new EventLog(kafka);
    }

    private static Campaign flight(String id, Instant start, Instant end) {
        return new Campaign(id, id, true, id + ".example", 1.0, "https://" + id + ".example/",
                Campaign.Targeting.EVERYONE, Set.of(), new Campaign.Flight(start, end), Campaign.Budget.UNLIMITED);
    }

    @AfterAll
    void stop() {
        if (events != null) {
            events.close();
        }
        if (stack != null) {
            stack.close();
        }
        stopStore();
    }

    @Test
    void impressionIsAGifAtOnceAndAttributedHot() throws Exception {
        BidRecord bid = stack.hotBid("puzzle", 2.5);
        long before = System.currentTimeMillis();
        HttpResponse<byte[]> pixel = TrackerStack.HTTP.send(stack.request("/t/imp?id=" + bid.getId()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pixel.statusCode());
        assertEquals("image/gif", pixel.headers().firstValue("content-type").orElse(""));
        assertTrue(new String(pixel.body(), 0, 6).startsWith("GIF8"));
        assertEquals(1, pixel.body()[6] | pixel.body()[7] << 8, "width");
        assertEquals(1, pixel.body()[8] | pixel.body()[9] << 8, "height");

        TrackingEvent event = events.await(bid.getId(), EventType.IMPRESSION);
        assertEquals(Tier.HOT, event.getTier());
        assertEquals("puzzle", event.getCampaignId());
        assertEquals("cr-puzzle", event.getCreativeId());
        assertEquals(2.5, event.getPriceCpm());
        assertEquals("", event.getUnmatchedReason());
        assertEquals(7, BidId.parse(event.getEventId()).version());
        assertTrue(event.getReceivedAtMs() >= before, event.toString());
        assertTrue(event.getAttributedAtMs() >= event.getReceivedAtMs() && event.getAttributedAtMs() <= System.currentTimeMillis(),
                event.toString());
        assertTrue(event.getLookupLatencyUs() > 0, "an engine lookup takes time: " + event);
    }

    @Test
    void theNextEventOfTheSameBidIsFoundInTheBidCache() throws Exception {
        BidRecord bid = stack.hotBid("shoes", 1.5);
        double hits = stack.metric("bidtrack_bid_cache_hits_total");
        assertEquals(200, stack.get("/t/imp?id=" + bid.getId()).statusCode());
        events.await(bid.getId(), EventType.IMPRESSION);
        // Gone from the store, still attributed HOT: the click found it in process.
        await(stack.redis.send(Request.cmd(Command.DEL).arg(Names.bidKey(bid.getId()))));
        assertEquals(302, stack.get("/t/click?id=" + bid.getId()).statusCode());
        assertEquals(Tier.HOT, events.await(bid.getId(), EventType.CLICK).getTier());
        assertTrue(stack.metric("bidtrack_bid_cache_hits_total") >= hits + 1);
        assertTrue(stack.metric("bidtrack_bid_cache_hit_ratio") > 0);
    }

    @Test
    void winAndBillingNoticesTakeTheClearingPriceWhenItIsANumber() throws Exception {
        Map<String, Double> cases = Map.of(
                "1.23", 1.23,
                "0", 0.0,
                "%24%7BAUCTION_PRICE%7D", 1.5, // the macro the exchange did not replace
                "", 1.5,                        // OpenRTB: a missing macro value becomes empty
                "abc", 1.5, "1e3", 1.5, "NaN", 1.5, "-2", 1.5, "1.5d", 1.5,
                "9".repeat(40), 1.5);
        for (Map.Entry<String, Double> c : cases.entrySet()) {
            for (String endpoint : List.of("win", "bill")) {
                BidRecord bid = stack.hotBid("shoes", 1.5);
                HttpResponse<String> r = stack.get("/t/" + endpoint + "?id=" + bid.getId() + "&price=" + c.getKey());
                assertEquals(204, r.statusCode(), endpoint + " price=" + c.getKey());
                TrackingEvent event = events.await(bid.getId(), "win".equals(endpoint) ? EventType.WIN : EventType.BILLING);
                assertEquals(Tier.HOT, event.getTier());
                assertEquals(c.getValue(), event.getPriceCpm(), endpoint + " price=" + c.getKey());
            }
        }
        BidRecord noPrice = stack.hotBid("shoes", 1.5);
        assertEquals(204, stack.get("/t/win?id=" + noPrice.getId()).statusCode());
        assertEquals(1.5, events.await(noPrice.getId(), EventType.WIN).getPriceCpm());
    }

    @Test
    void installPostbackIsAcceptedByGetAndPost() throws Exception {
        BidRecord byGet = stack.hotBid("puzzle", 2.5);
        BidRecord byQuery = stack.hotBid("puzzle", 2.5);
        BidRecord byForm = stack.hotBid("puzzle", 2.5);
        BidRecord byJson = stack.hotBid("puzzle", 2.5);
        assertEquals(204, stack.get("/t/install?id=" + byGet.getId()).statusCode());
        assertEquals(204, stack.post("/t/install?id=" + byQuery.getId(), "text/plain", "").statusCode());
        assertEquals(204, stack.post("/t/install", "application/x-www-form-urlencoded", "id=" + byForm.getId() + "&event=install").statusCode());
        HttpResponse<String> json = stack.post("/t/install", "application/json", new JsonObject().put("id", byJson.getId()).encode());
        assertEquals(204, json.statusCode(), json.body());
        for (BidRecord bid : List.of(byGet, byQuery, byForm, byJson)) {
            TrackingEvent event = events.await(bid.getId(), EventType.INSTALL);
            assertEquals(Tier.HOT, event.getTier());
            assertEquals("puzzle", event.getCampaignId());
        }
    }

    @Test
    void clickRedirectsToTheCampaignsLandingPageNeverToTheRequestsUrl() throws Exception {
        BidRecord bid = stack.hotBid("shoes", 1.5);
        HttpResponse<String> fast = stack.get("/t/click?id=" + bid.getId() + "&c=shoes&url=https%3A%2F%2Fevil.example");
        assertEquals(302, fast.statusCode());
        assertEquals("https://shoes.example/sale", fast.headers().firstValue("location").orElse(""));
        TrackingEvent event = events.await(bid.getId(), EventType.CLICK);
        assertEquals(Tier.HOT, event.getTier());
        assertEquals("shoes", event.getCampaignId());

        // A campaign parameter that is a URL (or names no campaign): the bid says which campaign.
        BidRecord other = stack.hotBid("puzzle", 2.5);
        HttpResponse<String> slow = stack.get("/t/click?id=" + other.getId()
                + "&c=https%3A%2F%2Fevil.example&landing=https%3A%2F%2Fevil.example&redirect=https%3A%2F%2Fevil.example");
        assertEquals(302, slow.statusCode());
        assertEquals("https://puzzle-studio.example/install", slow.headers().firstValue("location").orElse(""));
        assertEquals(Tier.HOT, events.await(other.getId(), EventType.CLICK).getTier());

        String unknown = BidId.mint().toString();
        HttpResponse<String> nowhere = stack.get("/t/click?id=" + unknown);
        assertEquals(404, nowhere.statusCode());
        assertTrue(new JsonObject(nowhere.body()).containsKey("error"));
        assertEquals(Tier.UNMATCHED, events.await(unknown, EventType.CLICK).getTier());
    }

    @Test
    void bidOlderThanTheHotWindowIsLookedUpCold() throws Exception {
        BidRecord bid = stack.coldBid("shoes", 1.5);
        // A stale copy in the hot store must not be consulted: the id's age decides.
        stack.hotBid(UUID.fromString(bid.getId()), "puzzle", 9.0);
        assertEquals(204, stack.get("/t/win?id=" + bid.getId() + "&price=1.23").statusCode());
        TrackingEvent event = events.await(bid.getId(), EventType.WIN);
        assertEquals(Tier.COLD, event.getTier(), event.toString());
        assertEquals("shoes", event.getCampaignId());
        assertEquals("cr-shoes", event.getCreativeId());
        assertEquals(1.23, event.getPriceCpm());
        // Events read a partial bid from the lake: only the columns attribution needs.
        assertEquals(Set.of(Columns.ATTRIBUTION), stack.cold.asked.get(UUID.fromString(bid.getId())));

        // A click without a campaign: the partial bid names it, for the redirect and the event.
        BidRecord clicked = stack.coldBid("puzzle", 2.5);
        HttpResponse<String> click = stack.get("/t/click?id=" + clicked.getId());
        assertEquals(302, click.statusCode(), click.body());
        assertEquals("https://puzzle-studio.example/install", click.headers().firstValue("location").orElse(""));
        TrackingEvent clickEvent = events.await(clicked.getId(), EventType.CLICK);
        assertEquals(Tier.COLD, clickEvent.getTier(), clickEvent.toString());
        assertEquals("cr-puzzle", clickEvent.getCreativeId());
        assertEquals(2.5, clickEvent.getPriceCpm());
        assertEquals(Set.of(Columns.ATTRIBUTION), stack.cold.asked.get(UUID.fromString(clicked.getId())));

        // A young bid the hot store lost falls through to the lake.
        UUID young = BidId.mint();
        stack.cold.bids.put(young, TrackerStack.record(young, "shoes", 1.5));
        assertEquals(200, stack.get("/t/imp?id=" + young).statusCode());
        assertEquals(Tier.COLD, events.await(young.toString(), EventType.IMPRESSION).getTier());
    }

    @Test
    void unknownBidIsUnmatchedWithTheReason() throws Exception {
        String fresh = BidId.mint().toString();
        assertEquals(200, stack.get("/t/imp?id=" + fresh).statusCode());
        TrackingEvent event = events.await(fresh, EventType.IMPRESSION);
        assertEquals(Tier.UNMATCHED, event.getTier());
        assertEquals("", event.getCampaignId());
        assertTrue(event.getUnmatchedReason().contains("not found"), event.getUnmatchedReason());
        assertTrue(BidId.ageMillis(UUID.fromString(fresh), System.currentTimeMillis()) >= 2000,
                "a fresh id is UNMATCHED only once older than the sink's lag (2 s here)");

        String old = BidId.mintAt(System.currentTimeMillis() - Duration.ofHours(2).toMillis()).toString();
        assertEquals(204, stack.get("/t/install?id=" + old).statusCode());
        TrackingEvent oldEvent = events.await(old, EventType.INSTALL);
        assertEquals(Tier.UNMATCHED, oldEvent.getTier());
        assertTrue(oldEvent.getUnmatchedReason().contains("not found in the lake"), oldEvent.getUnmatchedReason());
    }

    @Test
    void eventsOfCampaignsThatCannotBeCreditedAreUnmatched() throws Exception {
        Map<String, String> reasons = Map.of(
                "paused", "campaign paused is paused",
                "expired", "campaign expired ended at",
                "upcoming", "campaign upcoming starts at",
                "never-existed", "campaign never-existed does not exist");
        for (Map.Entry<String, String> c : reasons.entrySet()) {
            BidRecord bid = stack.hotBid(c.getKey(), 1.0);
            assertEquals(204, stack.get("/t/bill?id=" + bid.getId() + "&price=0.9").statusCode());
            TrackingEvent event = events.await(bid.getId(), EventType.BILLING);
            assertEquals(Tier.UNMATCHED, event.getTier(), c.getKey());
            assertTrue(event.getUnmatchedReason().startsWith(c.getValue()), event.getUnmatchedReason());
            assertEquals("", event.getCampaignId());
        }
        // A paused campaign's visitor still lands on its page; the click is not credited.
        BidRecord paused = stack.hotBid("paused", 1.0);
        HttpResponse<String> click = stack.get("/t/click?id=" + paused.getId() + "&c=paused");
        assertEquals("https://paused.example/", click.headers().firstValue("location").orElse(""));
        assertEquals(Tier.UNMATCHED, events.await(paused.getId(), EventType.CLICK).getTier());
    }

    @Test
    void aCampaignDeletedAfterTheBidMakesItsEventsUnmatched() throws Exception {
        BidRecord bid = stack.hotBid("doomed", 1.0);
        double before = stack.metric("bidtrack_l1_campaigns");
        await(stack.campaigns.delete("doomed"));
        await(stack.redis.send(Request.cmd(Command.PUBLISH).arg(Names.CORE_DATA_CHANNEL)
                .arg(new JsonObject().put("id", "doomed").put("deleted", true).encode())));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stack.metric("bidtrack_l1_campaigns") >= before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(200, stack.get("/t/imp?id=" + bid.getId()).statusCode());
        TrackingEvent event = events.await(bid.getId(), EventType.IMPRESSION);
        assertEquals(Tier.UNMATCHED, event.getTier());
        assertEquals("campaign doomed does not exist", event.getUnmatchedReason());
        assertEquals(404, stack.get("/t/click?id=" + bid.getId()).statusCode(), "no landing page without the campaign");
    }

    @Test
    void aRepeatedEventCountsOnceAndOtherTypesOfTheSameBidStillCount() throws Exception {
        BidRecord bid = stack.hotBid("shoes", 1.5);
        String duplicates = "bidtrack_tracking_duplicates_total{type=\"IMPRESSION\"}";
        double before = stack.metric(duplicates);
        assertEquals(200, stack.get("/t/imp?id=" + bid.getId()).statusCode());
        events.await(bid.getId(), EventType.IMPRESSION);
        assertEquals(200, stack.get("/t/imp?id=" + bid.getId()).statusCode(), "a repeat gets the same answer");
        assertEquals(before + 1, stack.awaitMetric(duplicates, before + 1));
        assertEquals(204, stack.get("/t/win?id=" + bid.getId() + "&price=1").statusCode());
        assertEquals(302, stack.get("/t/click?id=" + bid.getId() + "&c=shoes").statusCode());
        events.await(bid.getId(), EventType.WIN);
        events.await(bid.getId(), EventType.CLICK);
        assertEquals(1, events.count(bid.getId(), EventType.IMPRESSION), "the repeat was not emitted");
        assertEquals(1, events.count(bid.getId(), EventType.WIN));
        assertEquals(1, events.count(bid.getId(), EventType.CLICK));

        // The mark lives in the store, for the dedupe window.
        String mark = Dedupe.key(EventType.IMPRESSION, UUID.fromString(bid.getId()));
        long ttl = await(stack.redis.send(Request.cmd(Command.PTTL).arg(mark))).toLong();
        assertTrue(ttl > Duration.ofHours(23).toMillis() && ttl <= Duration.ofHours(24).toMillis(), "PTTL " + ttl);
        // What the README's sizing of the window rests on.
        long bytes = await(stack.redis.send(Request.cmd(Command.MEMORY).arg("USAGE").arg(mark))).toLong();
        System.out.println("dedupe mark MEMORY USAGE: " + bytes + " bytes");
        assertTrue(bytes > 0 && bytes <= 128, "MEMORY USAGE " + bytes);
    }

    @Test
    void malformedInputIsAClearErrorNamingTheField() throws Exception {
        String v4 = UUID.randomUUID().toString();
        for (String path : List.of("/t/imp?id=123", "/t/imp", "/t/click?id=", "/t/win?id=not-a-uuid&price=1",
                "/t/bill?price=1", "/t/install?id=" + v4, "/t/imp?id=" + v4, "/t/imp?id=" + "a".repeat(500),
                "/bids/not-a-uuid", "/bids/" + v4)) {
            assertError(stack.get(path), 400, "id", path);
        }
        assertError(stack.post("/t/install", "application/json", "{\"id\": 42}"), 400, "id", "JSON id not a string");
        assertError(stack.post("/t/install", "application/json", "[1,2]"), 400, "body", "JSON not an object");
        assertError(stack.post("/t/install", "application/json", "{oops"), 400, "body", "JSON malformed");
        assertError(stack.post("/t/install", "application/x-www-form-urlencoded", "id=nope"), 400, "id", "form id");
        assertError(stack.get("/t/imp?id=" + BidId.mint() + "&pad=" + "x".repeat(2100)), 414, "query", "long query");
        assertEquals(414, stack.get("/t/imp?id=" + BidId.mint() + "&pad=" + "x".repeat(5000)).statusCode(),
                "a request line past the server's bound");
        HttpResponse<String> big = stack.post("/t/install", "application/x-www-form-urlencoded", "id=" + BidId.mint() + "&pad=" + "x".repeat(5000));
        assertEquals(413, big.statusCode());
        assertTrue(new JsonObject(big.body()).getString("error").contains("too large"), big.body());
        assertError(stack.get("/t/teleport?id=" + BidId.mint()), 404, "event", "unknown event");
        assertEquals(405, stack.post("/t/imp?id=" + BidId.mint(), "text/plain", "").statusCode());
    }

    private static void assertError(HttpResponse<String> r, int status, String field, String what) {
        assertEquals(status, r.statusCode(), what + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""), what);
        JsonObject body = new JsonObject(r.body());
        assertEquals(field, body.getString("field"), what + ": " + r.body());
        assertTrue(!body.getString("error", "").isEmpty(), what);
    }

    @Test
    void bidsEndpointShowsTheBidFromItsTier() throws Exception {
        BidRecord hot = stack.hotBid("puzzle", 2.5);
        int coldLookups = stack.cold.lookups.get();
        HttpResponse<String> r = stack.get("/bids/" + hot.getId());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject json = new JsonObject(r.body());
        assertEquals("HOT", json.getString("tier"));
        assertEquals("puzzle", json.getString("campaignId"));
        assertEquals(coldLookups, stack.cold.lookups.get(), "a hot hit must not ask the cold tier");

        BidRecord cold = stack.coldBid("shoes", 1.5);
        JsonObject coldJson = new JsonObject(stack.get("/bids/" + cold.getId()).body());
        assertEquals("COLD", coldJson.getString("tier"));
        assertEquals(1.5, coldJson.getDouble("priceCpm"));
        // The whole bid, not the attribution columns events ask for.
        assertEquals(Set.of(Columns.ALL), stack.cold.asked.get(UUID.fromString(cold.getId())));
        coldJson.remove("tier");
        BidRecord.Builder shown = BidRecord.newBuilder();
        JsonFormat.parser().merge(coldJson.encode(), shown);
        assertEquals(cold, shown.build());
        assertEquals("USA", coldJson.getString("country"));

        String unknown = BidId.mint().toString();
        HttpResponse<String> missing = stack.get("/bids/" + unknown);
        assertEquals(404, missing.statusCode());
        assertTrue(new JsonObject(missing.body()).getString("error").contains(unknown));
    }

    @Test
    void aFailingColdTierIsRetriedAndTheEventWaitsForIt() throws Exception {
        BidRecord bid = stack.coldBid("shoes", 1.5);
        String retries = "bidtrack_cold_retries_total{reason=\"cold_failed\"}";
        double retriedBefore = stack.metric(retries);
        stack.cold.failing = true;
        try {
            assertEquals(503, stack.get("/bids/" + bid.getId()).statusCode(), "the debug endpoint does not wait");
            assertEquals(204, stack.get("/t/install?id=" + bid.getId()).statusCode());
            // Three retries (50, 100, 200 ms of backoff), then still nothing on the topic.
            assertTrue(stack.awaitMetric(retries, retriedBefore + 3) >= retriedBefore + 3);
            assertEquals(0, events.count(bid.getId(), EventType.INSTALL), "emitted while the cold tier was down");
        } finally {
            stack.cold.failing = false;
        }
        TrackingEvent event = events.await(bid.getId(), EventType.INSTALL);
        assertEquals(Tier.COLD, event.getTier(), event.toString());
        assertEquals("shoes", event.getCampaignId());
        assertEquals(1, events.count(bid.getId(), EventType.INSTALL));
    }

    @Test
    void aColdTierFailingLongerThanTheRetryBudgetIsUnmatchedWithTheReason() throws Exception {
        UUID id = BidId.mintAt(System.currentTimeMillis() - 2 * TrackerStack.HOT_WINDOW.toMillis());
        stack.cold.failing = true;
        try {
            long sent = System.nanoTime();
            assertEquals(204, stack.get("/t/install?id=" + id).statusCode());
            TrackingEvent event = events.await(id.toString(), EventType.INSTALL);
            assertTrue(System.nanoTime() - sent >= TrackerStack.COLD_RETRY_FOR.toNanos(), "gave up before cold.retry.for");
            assertEquals(Tier.UNMATCHED, event.getTier());
            assertTrue(event.getUnmatchedReason().contains("trino is down"), event.getUnmatchedReason());
            assertTrue(event.getUnmatchedReason().contains("retried for"), event.getUnmatchedReason());
        } finally {
            stack.cold.failing = false;
        }
    }

    @Test
    void aFreshBidFoundInNoTierIsAskedAgainUntilTheLakeWouldHoldIt() throws Exception {
        // The hot store lost it (or never got it): the sink may still be writing it to the lake.
        UUID lost = BidId.mint();
        String retries = "bidtrack_cold_retries_total{reason=\"not_in_lake_yet\"}";
        double before = stack.metric(retries);
        assertEquals(200, stack.get("/t/imp?id=" + lost).statusCode());
        assertTrue(stack.awaitMetric(retries, before + 1) >= before + 1);
        stack.cold.bids.put(lost, TrackerStack.record(lost, "puzzle", 2.5)); // the sink's rotation
        TrackingEvent event = events.await(lost.toString(), EventType.IMPRESSION);
        assertEquals(Tier.COLD, event.getTier(), event.toString());
        assertEquals("puzzle", event.getCampaignId());
    }

    @Test
    void healthReadyAndMetrics() throws Exception {
        HttpResponse<String> health = stack.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("UP", new JsonObject(health.body()).getString("status"));

        HttpResponse<String> ready = stack.get("/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject checks = new JsonObject(ready.body()).getJsonObject("checks");
        for (String check : List.of("hotStore", "kafka", "campaigns", "trackingEvents")) {
            assertEquals("UP", checks.getJsonObject(check).getString("status"), ready.body());
        }

        BidRecord bid = stack.hotBid("shoes", 1.5);
        stack.get("/t/imp?id=" + bid.getId());
        events.await(bid.getId(), EventType.IMPRESSION);
        String metrics = stack.get("/metrics").body();
        for (String series : List.of(
                "bidtrack_tracking_events_total{tier=\"HOT\",type=\"IMPRESSION\"}",
                "bidtrack_tracking_events_total{tier=\"UNMATCHED\",type=\"INSTALL\"}",
                "bidtrack_tracking_duplicates_total{type=\"CLICK\"}",
                "bidtrack_tracking_rejected_total{type=\"WIN\"}",
                "bidtrack_dedupe_unavailable_total",
                "bidtrack_bid_cache_hit_ratio",
                "bidtrack_bid_lookup_seconds_bucket{tier=\"HOT\",le=",
                "bidtrack_attribution_seconds_bucket{tier=\"HOT\",le=",
                "bidtrack_kafka_buffered{topic=\"tracking-events\"}",
                "bidtrack_tracking_in_flight",
                "bidtrack_http_request_duration_seconds_bucket",
                "bidtrack_l1_campaigns",
                "bidtrack_cold_retries_total{reason=\"cold_failed\"}",
                "bidtrack_cold_retrying")) {
            assertTrue(metrics.contains(series), series + " missing from\n" + metrics);
        }
    }
}
