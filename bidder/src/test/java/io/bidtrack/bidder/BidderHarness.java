package io.bidtrack.bidder;

import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.common.model.Campaign;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A bidder on a given store and Kafka, with its campaigns, and the HTTP and store calls tests make. */
final class BidderHarness implements AutoCloseable {
    static final Path SAMPLES = Path.of(System.getProperty("bidtrack.samples.dir", "../samples"));
    static final String TRACKER = "https://track.example";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Vertx vertx;
    final Redis redis;
    final BidderService bidder;

    private BidderHarness(Vertx vertx, Redis redis, BidderService bidder) {
        this.vertx = vertx;
        this.redis = redis;
        this.bidder = bidder;
    }

    /** Saves the campaigns, then starts a bidder (hot window 10m + 30s) with the extra settings. */
    static BidderHarness start(String redisUrl, String kafkaBootstrap, Clock clock, Map<String, String> settings,
                               List<Campaign> campaigns) {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, redisUrl);
        CampaignStore store = new CampaignStore(redis);
        for (Campaign c : campaigns) {
            await(store.save(c));
        }
        Map<String, String> env = new HashMap<>();
        env.put(Env.variableName("http.port"), "0");
        env.put(Env.variableName("redis.url"), redisUrl);
        env.put(Env.variableName("kafka.bootstrap"), kafkaBootstrap);
        env.put(Env.variableName("hot.window"), "10m");
        env.put(Env.variableName("hot.margin"), "30s");
        env.put(Env.variableName("tracker.base.url"), TRACKER + "/");
        settings.forEach((k, v) -> env.put(Env.variableName(k), v));
        BidderService bidder = await(BidderService.start(vertx, BidderConfig.fromEnv(new Env(env)), clock));
        return new BidderHarness(vertx, redis, bidder);
    }

    @Override
    public void close() {
        try {
            await(bidder.close());
        } finally {
            await(vertx.close());
        }
    }

    static JsonObject sample(String name) {
        try {
            return new JsonObject(Files.readString(SAMPLES.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sampleText(String name) {
        try {
            return Files.readString(SAMPLES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> post(JsonObject body) {
        return post(body.encode());
    }

    HttpResponse<String> post(String body) {
        return send(HttpRequest.newBuilder(uri("/openrtb2/bid")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + bidder.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts and expects a bid; the response. */
    JsonObject bid(JsonObject request) {
        HttpResponse<String> r = post(request);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    static JsonObject firstBid(JsonObject response) {
        return response.getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
    }

    /** Posts and expects 204 with an empty body, counted under {@code reason}. */
    void noBid(JsonObject request, String reason) {
        String counter = "bidtrack_no_bids_total{reason=\"" + reason + "\"}";
        double before = metric(counter);
        HttpResponse<String> r = post(request);
        assertEquals(204, r.statusCode(), r.body());
        assertEquals("", r.body());
        assertEquals(before + 1, metric(counter), counter);
    }

    /** The value of one Prometheus sample, e.g. {@code bidtrack_no_bids_total{reason="os"}}; 0 if absent. */
    double metric(String sample) {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }

    Response command(Command command, Object... args) {
        Request request = Request.cmd(command);
        for (Object a : args) {
            request.arg(a.toString());
        }
        return await(redis.send(request));
    }

    static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }

    /**
     * Reads topic {@code bids} from the start until every wanted key was seen (or the deadline),
     * then a little longer so duplicates would show; every record of those keys, in order.
     */
    static Map<String, List<byte[]>> consumeBids(String bootstrap, Set<String> keys, Duration deadline) {
        Map<String, List<byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Names.BIDS_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + deadline.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(end, settleUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(r.key())) {
                        found.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    }
                }
                if (settleUntil == Long.MAX_VALUE && found.keySet().containsAll(keys)) {
                    settleUntil = System.nanoTime() + Duration.ofMillis(500).toNanos();
                }
            }
        }
        return found;
    }
}
