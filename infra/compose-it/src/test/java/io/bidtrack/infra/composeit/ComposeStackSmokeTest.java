package io.bidtrack.infra.composeit;

import io.bidtrack.common.Names;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import java.io.File;
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
 * infra/docker-compose.yml in containers (needs Docker with the compose plugin; the "docker"
 * profile): the stack is built and started as {@code docker compose up} would, then one bid on
 * the sample request, its impression fired as a device would, and its tracking event read from
 * Kafka, attributed HOT. The stack is reached on the host ports it publishes, as the README's
 * commands reach it.
 */
class ComposeStackSmokeTest {
    private static final Path SAMPLES = Path.of(System.getProperty("bidtrack.samples.dir", "../../samples"));
    private static final File COMPOSE_FILE = new File(System.getProperty("bidtrack.compose.file", "../docker-compose.yml"));
    private static final Duration START = Duration.ofMinutes(15); // the first build runs Maven inside the image
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ComposeContainer stack;

    @BeforeAll
    static void startStack() {
        stack = new ComposeContainer(COMPOSE_FILE)
                // The builds' context is the repository, outside the compose file's folder: the host's
                // docker compose sees it, a compose container would not.
                .withLocalCompose(true)
                .withBuild(true)
                .waitingFor("bidder", Wait.forHealthcheck().withStartupTimeout(START))
                .waitingFor("tracker", Wait.forHealthcheck().withStartupTimeout(START))
                .waitingFor("cold-store", Wait.forHealthcheck().withStartupTimeout(START));
        stack.start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aBidsImpressionIsAttributedHotOnTrackingEvents() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:8080/openrtb2/bid"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Files.readString(SAMPLES.resolve("bid-request-app-banner.json"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject bid = new JsonObject(response.body());
        String bidId = bid.getString("bidid");
        JsonObject seatBid = bid.getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);

        String impression = impressionUrl(seatBid);
        assertTrue(impression.startsWith("http://localhost:8081/"), "the tracking URLs point at the host's tracker: " + impression);
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(impression)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        TrackingEvent event = awaitTrackingEvent(bidId, Duration.ofSeconds(60));
        assertEquals(Tier.HOT, event.getTier());
        assertEquals(seatBid.getString("cid"), event.getCampaignId());
    }

    /** The pixel of the banner's markup. */
    private static String impressionUrl(JsonObject seatBid) {
        Matcher m = Pattern.compile("<img[^>]+src=\"([^\"]+/t/imp\\?id=[^\"]+)").matcher(seatBid.getString("adm"));
        assertTrue(m.find(), "no impression pixel in adm: " + seatBid.getString("adm"));
        return m.group(1).replace("&amp;", "&");
    }

    /** From the host's listener (localhost:9092), which the kafka service advertises for the host. */
    private static TrackingEvent awaitTrackingEvent(String bidId, Duration timeout) throws Exception {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                ConsumerConfig.GROUP_ID_CONFIG, "compose-smoke-" + bidId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
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
}
