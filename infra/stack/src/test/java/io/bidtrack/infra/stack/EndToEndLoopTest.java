package io.bidtrack.infra.stack;

import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.TrackingEvent;
import io.bidtrack.common.proto.Tier;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole loop on the real components: a bid through the bidder into the engine and Kafka, the
 * sink writing it to Parquet and registering it with Trino, and the tracker finding it hot, then
 * cold once it has aged past the hot window.
 */
class EndToEndLoopTest {
    private static final Path SAMPLES = Path.of(System.getProperty("bidtrack.samples.dir", "../../samples"));
    private static final Duration HOT_WINDOW = Duration.ofSeconds(8);
    private static final Duration ROTATE = Duration.ofSeconds(2);

    @TempDir
    static Path dataDir;
    static LocalStack stack;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(new StackConfig(dataDir, HOT_WINDOW, ROTATE, StackConfig.Ports.ephemeral()));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void bidIsHotAtOnceThenColdFromTrino() throws Exception {
        JsonObject bid = bidOn("bid-request-app-banner.json");
        String bidId = bid.getString("bidid");
        assertEquals(7, BidId.parse(bidId).version());
        JsonObject seatBid = bid.getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
        assertEquals("puzzle-us-banner", seatBid.getString("cid"));

        HttpResponse<String> hot = get(stack.trackerUrl() + "/bids/" + bidId);
        assertEquals(200, hot.statusCode(), hot.body());
        JsonObject hotBid = new JsonObject(hot.body());
        assertEquals("HOT", hotBid.getString("tier"));
        assertEquals("puzzle-us-banner", hotBid.getString("campaignId"));

        HttpResponse<byte[]> pixel = HTTP.send(HttpRequest.newBuilder(URI.create(impressionUrl(seatBid))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pixel.statusCode());
        assertEquals("image/gif", pixel.headers().firstValue("content-type").orElse(""));
        assertTrue(new String(pixel.body(), 0, 6).startsWith("GIF8"), "not a GIF");

        // Past the hot window the tracker asks Trino; the sink has rotated the bid into the lake by then.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String tier = "HOT";
        HttpResponse<String> latest = hot;
        while (System.nanoTime() < deadline) {
            latest = get(stack.trackerUrl() + "/bids/" + bidId);
            if (latest.statusCode() == 200) {
                tier = new JsonObject(latest.body()).getString("tier");
                if ("COLD".equals(tier)) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        assertEquals("COLD", tier, "bid never turned cold; last answer " + latest.statusCode() + " " + latest.body());
        JsonObject coldBid = new JsonObject(latest.body());
        assertEquals(bidId, coldBid.getString("id"));
        assertEquals("puzzle-us-banner", coldBid.getString("campaignId"));
        assertEquals(hotBid.getDouble("priceCpm"), coldBid.getDouble("priceCpm"));
        try (var files = Files.walk(dataDir.resolve("lake/bids"))) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".parquet")
                            && p.toString().contains(BidId.partitionOf(BidId.parse(bidId)).path())),
                    "no Parquet file in the bid's partition folder");
        }
    }

    @Test
    void impressionIsAttributedHotOnTrackingEventsTopic() throws Exception {
        JsonObject bid = bidOn("bid-request-site-video.json");
        String bidId = bid.getString("bidid");
        JsonObject seatBid = bid.getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
        assertEquals("news-uk-video", seatBid.getString("cid"));
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(impressionUrl(seatBid))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        TrackingEvent event = awaitTrackingEvent(bidId, Duration.ofSeconds(30));
        assertEquals(Tier.HOT, event.getTier());
        assertEquals("news-uk-video", event.getCampaignId());
    }

    @Test
    void malformedIdIs400WithJsonError() throws Exception {
        HttpResponse<String> r = get(stack.trackerUrl() + "/bids/not-a-uuid");
        assertEquals(400, r.statusCode());
        assertTrue(new JsonObject(r.body()).getString("error").contains("UUID"), r.body());
        HttpResponse<String> pixel = get(stack.trackerUrl() + "/t/imp?id=123");
        assertEquals(400, pixel.statusCode());
        assertTrue(new JsonObject(pixel.body()).containsKey("error"), pixel.body());
    }

    @Test
    void unknownIdIs404InBothTiers() throws Exception {
        String freshUnknown = BidId.mint().toString();
        String oldUnknown = BidId.mintAt(System.currentTimeMillis() - Duration.ofHours(2).toMillis()).toString();
        for (String id : List.of(freshUnknown, oldUnknown)) {
            HttpResponse<String> r = get(stack.trackerUrl() + "/bids/" + id);
            assertEquals(404, r.statusCode(), id + ": " + r.body());
            assertTrue(new JsonObject(r.body()).containsKey("error"), r.body());
        }
    }

    @Test
    void invalidRequestIs400AndUnaffordableFloorIsNoBid() throws Exception {
        HttpResponse<String> invalid = post(stack.bidderUrl() + "/openrtb2/bid",
                Files.readString(SAMPLES.resolve("bid-request-invalid-no-imp.json")));
        assertEquals(400, invalid.statusCode());
        assertTrue(new JsonObject(invalid.body()).getString("error").contains("imp"), invalid.body());

        JsonObject request = new JsonObject(Files.readString(SAMPLES.resolve("bid-request-app-banner.json")));
        request.getJsonArray("imp").getJsonObject(0).put("bidfloor", 50.0);
        assertEquals(204, post(stack.bidderUrl() + "/openrtb2/bid", request.encode()).statusCode());
    }

    private static JsonObject bidOn(String sample) throws IOException, InterruptedException {
        HttpResponse<String> r = post(stack.bidderUrl() + "/openrtb2/bid", Files.readString(SAMPLES.resolve(sample)));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    /** The pixel of a banner ({@code <img src>}) or the {@code <Impression>} of a VAST video. */
    private static String impressionUrl(JsonObject seatBid) {
        Matcher m = Pattern.compile("(?:<img[^>]+src=\"|<Impression><!\\[CDATA\\[)([^\"\\]]+/t/imp\\?id=[^\"\\]]+)")
                .matcher(seatBid.getString("adm"));
        assertTrue(m.find(), "no impression pixel in adm: " + seatBid.getString("adm"));
        return m.group(1).replace("&amp;", "&");
    }

    private static TrackingEvent awaitTrackingEvent(String bidId, Duration timeout) throws Exception {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + bidId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Names.TRACKING_EVENTS_TOPIC));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TrackingEvent event = TrackingEvent.parseFrom(r.value());
                    if (event.getBidId().equals(bidId)) {
                        return event;
                    }
                }
            }
        }
        return fail("no tracking event for bid " + bidId + " within " + timeout);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
