package io.bidtrack.infra.stack;

import io.bidtrack.bidder.BidderConfig;
import io.bidtrack.bidder.BidderService;
import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.updater.UpdaterConfig;
import io.bidtrack.updater.UpdaterService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flow 4 end to end, in both invalidation modes at once: a campaign PUT on the updater's admin API
 * goes through Kafka {@code core-data}, the updater writes the engine and publishes, and two
 * bidders, one kept current by pub/sub and one by client-side caching (CLIENT TRACKING BCAST), bid
 * with the change. The issue asks for "visible to the bidder within 100 ms of the PUT"; the time
 * runs from just before the PUT is sent to the first bid request that shows the change.
 */
class CoreDataPropagationTest {
    private static final Path SAMPLES = Path.of(System.getProperty("bidtrack.samples.dir", "../../samples"));
    private static final long LIMIT_MS = 100;
    private static final int CHANGES = 10;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static CacheEngine engine;
    static EmbeddedKafka kafka;
    static Vertx vertx;
    static UpdaterService updater;
    static BidderService pubsubBidder;
    static BidderService trackingBidder;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        // As in the stacks: each service signs in as its own user of infra/acl/users.acl, so client-side
        // caching (CLIENT TRACKING BCAST PREFIX campaign:) must work within the bidder's rights.
        HotStoreUsers users = HotStoreUsers.shared();
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0)
                .withAclFile(users.writeTo(dir.resolve("users.acl")).toString()));
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(3, Names.CORE_DATA_TOPIC, Names.CORE_DATA_DLQ_TOPIC, Names.BIDS_TOPIC);
        vertx = Vertx.vertx();
        Map<String, String> shared = Map.of(
                "http.port", "0",
                "kafka.bootstrap", kafka.bootstrapServers());
        String updaterStore = users.url(HotStoreUsers.UPDATER, engine.host(), engine.port());
        String bidderStore = users.url(HotStoreUsers.BIDDER, engine.host(), engine.port());
        updater = await(UpdaterService.start(vertx, UpdaterConfig.fromEnv(env(shared, Map.of("redis.url", updaterStore)))));
        pubsubBidder = await(BidderService.start(vertx, BidderConfig.fromEnv(env(shared,
                Map.of("redis.url", bidderStore, "l1.invalidation", "pubsub")))));
        trackingBidder = await(BidderService.start(vertx, BidderConfig.fromEnv(env(shared,
                Map.of("redis.url", bidderStore, "l1.invalidation", "tracking")))));
    }

    @AfterAll
    static void stop() {
        for (var service : new Object[]{trackingBidder, pubsubBidder, updater}) {
            if (service instanceof BidderService b) {
                await(b.close());
            } else if (service instanceof UpdaterService u) {
                await(u.close());
            }
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (kafka != null) {
            kafka.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void createdUpdatedAndPausedCampaignsReachBothKindsOfBidderWithin100Ms() throws Exception {
        // A first change warms up the path (class loading, JIT, connections); it is not measured.
        JsonObject warmUpRequest = request("QQQ");
        timeToVisible(campaign("propagation-warm-up", "QQQ", 4.0, true), warmUpRequest, "propagation-warm-up", 4.0);
        timeToVisible(campaign("propagation-warm-up", "QQQ", 4.0, false), warmUpRequest, null, 0);
        List<Long> pubsubMs = new ArrayList<>();
        List<Long> trackingMs = new ArrayList<>();
        for (int k = 0; k < CHANGES; k++) {
            // A country of its own, so only this campaign can win these requests.
            String country = "Q" + (char) ('A' + k) + "Z";
            String id = "propagation-" + k;
            JsonObject request = request(country);
            assertNoBid(pubsubBidder, request);
            assertNoBid(trackingBidder, request);

            long[] created = timeToVisible(campaign(id, country, 4.0, true), request, id, 4.0);
            long[] repriced = timeToVisible(campaign(id, country, 4.5, true), request, id, 4.5);
            long[] paused = timeToVisible(campaign(id, country, 4.5, false), request, null, 0);
            for (long[] t : List.of(created, repriced, paused)) {
                pubsubMs.add(t[0]);
                trackingMs.add(t[1]);
            }
        }
        System.out.printf("PUT -> visible in the bidder, ms: pubsub %s; tracking %s%n", pubsubMs, trackingMs);
        assertMostWithinLimit("pubsub", pubsubMs);
        assertMostWithinLimit("tracking", trackingMs);
    }

    /**
     * Sends the PUT and then bids on both bidders until both show the change (a bid from
     * {@code campaignId} at {@code price}, or no bid when {@code campaignId} is null).
     *
     * @return milliseconds from before the PUT to the change seen, for {pubsub, tracking}
     */
    private static long[] timeToVisible(JsonObject campaign, JsonObject request, String campaignId, double price) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(updaterUrl() + "/campaigns/" + campaign.getString("id")))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(campaign.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        long[] seenMs = {-1, -1};
        long deadline = start + Duration.ofSeconds(10).toNanos();
        BidderService[] bidders = {pubsubBidder, trackingBidder};
        while ((seenMs[0] < 0 || seenMs[1] < 0) && System.nanoTime() < deadline) {
            // Both bidders are asked at once, so neither waits for the other's answer.
            List<CompletableFuture<HttpResponse<String>>> asked = new ArrayList<>();
            for (BidderService bidder : bidders) {
                asked.add(HTTP.sendAsync(bidRequest(bidder, request), HttpResponse.BodyHandlers.ofString()));
            }
            for (int b = 0; b < 2; b++) {
                HttpResponse<String> answer = asked.get(b).join();
                if (seenMs[b] < 0 && shows(answer, campaignId, price)) {
                    seenMs[b] = (System.nanoTime() - start) / 1_000_000;
                }
            }
        }
        assertTrue(seenMs[0] >= 0 && seenMs[1] >= 0, "change to " + campaign.getString("id") + " not seen within 10 s: " + seenMs[0] + ", " + seenMs[1]);
        return seenMs;
    }

    private static boolean shows(HttpResponse<String> response, String campaignId, double price) {
        if (campaignId == null) {
            return response.statusCode() == 204;
        }
        if (response.statusCode() != 200) {
            return false;
        }
        JsonObject bid = new JsonObject(response.body()).getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
        return campaignId.equals(bid.getString("cid")) && bid.getDouble("price") == price;
    }

    /** Nine changes in ten within the limit: one slow outlier on a loaded 2-core CI machine is tolerated, two are not. */
    private static void assertMostWithinLimit(String mode, List<Long> ms) {
        long within = ms.stream().filter(t -> t <= LIMIT_MS).count();
        assertTrue(within * 10 >= ms.size() * 9L, mode + ": only " + within + " of " + ms.size()
                + " changes were visible within " + LIMIT_MS + " ms: " + ms);
    }

    private static JsonObject campaign(String id, String country, double cpm, boolean active) {
        return new JsonObject().put("id", id).put("name", "Propagation " + id).put("active", active)
                .put("advertiserDomain", "propagation.example").put("bidCpm", cpm)
                .put("landingUrl", "https://propagation.example/").put("countries", new JsonArray().add(country));
    }

    private static JsonObject request(String country) throws IOException {
        JsonObject r = new JsonObject(Files.readString(SAMPLES.resolve("bid-request-app-banner.json")));
        r.getJsonObject("device").getJsonObject("geo").put("country", country);
        return r;
    }

    private static void assertNoBid(BidderService bidder, JsonObject request) throws Exception {
        HttpResponse<String> r = bid(bidder, request);
        assertEquals(204, r.statusCode(), r.body());
    }

    private static HttpResponse<String> bid(BidderService bidder, JsonObject request) throws Exception {
        return HTTP.send(bidRequest(bidder, request), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest bidRequest(BidderService bidder, JsonObject request) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bidder.port() + "/openrtb2/bid"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.encode())).build();
    }

    private static String updaterUrl() {
        return "http://127.0.0.1:" + updater.port();
    }

    private static Env env(Map<String, String> shared, Map<String, String> own) {
        Map<String, String> vars = new HashMap<>();
        shared.forEach((k, v) -> vars.put(Env.variableName(k), v));
        own.forEach((k, v) -> vars.put(Env.variableName(k), v));
        return new Env(vars);
    }

    private static <T> T await(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
