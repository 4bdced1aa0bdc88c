package io.bidtrack.tracker;

import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A tracker on a given hot store, with a client of that store and HTTP helpers, for the tests. */
final class TrackerStack implements AutoCloseable {
    static final Duration HOT_WINDOW = Duration.ofMinutes(10);
    /**
     * How long a failed cold lookup is retried here. Short, so the test of giving up stays short;
     * long enough that a test which brings the cold tier back after a few retries never races it.
     */
    static final Duration COLD_RETRY_FOR = Duration.ofSeconds(5);
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    final Vertx vertx = Vertx.vertx();
    final String redisUrl;
    final Redis redis;
    final CampaignStore campaigns;
    final MapColdLookup cold = new MapColdLookup();
    private TrackerService tracker;

    TrackerStack(String redisUrl) {
        this.redisUrl = redisUrl;
        this.redis = Redis.createClient(vertx, redisUrl);
        this.campaigns = new CampaignStore(redis);
    }

    /**
     * Starts the tracker; {@code settings} (keys as in the config file) override the test defaults.
     * The sink's lag is 2 s here (rotate 1s + registration 1s): a fresh id found in no tier is
     * asked again for 2 s before it is UNMATCHED, instead of the 90 s of the defaults.
     */
    TrackerStack start(String kafkaBootstrap, Map<String, String> settings) {
        Map<String, String> vars = new HashMap<>();
        vars.put(Env.variableName("http.port"), "0");
        vars.put(Env.variableName("redis.url"), redisUrl);
        vars.put(Env.variableName("kafka.bootstrap"), kafkaBootstrap);
        vars.put(Env.variableName("hot.window"), "10m");
        vars.put(Env.variableName("rotate"), "1s");
        vars.put(Env.variableName("cold.registration.lag"), "1s");
        vars.put(Env.variableName("cold.retry.for"), COLD_RETRY_FOR.toMillis() + "ms");
        vars.put(Env.variableName("cold.retry.backoff"), "50ms");
        vars.put(Env.variableName("cold.retry.backoff.max"), "200ms");
        settings.forEach((k, v) -> vars.put(Env.variableName(k), v));
        tracker = await(TrackerService.start(vertx, TrackerConfig.fromEnv(new Env(vars)), cold));
        return this;
    }

    void save(Campaign campaign) {
        await(campaigns.save(campaign));
    }

    static BidRecord record(UUID id, String campaign, double price) {
        return BidRecord.newBuilder().setId(id.toString()).setRequestId("req-" + id).setImpId("1")
                .setCampaignId(campaign).setCreativeId("cr-" + campaign).setPriceCpm(price).setCurrency("USD")
                .setCreatedAtMs(BidId.timestampMillis(id)).setAdFormat("banner").setCountry("USA")
                .setLandingUrl("https://landing.example/" + campaign).build();
    }

    /** Stores a new bid the way the bidder does. */
    BidRecord hotBid(String campaign, double price) {
        return hotBid(BidId.mint(), campaign, price);
    }

    BidRecord hotBid(UUID id, String campaign, double price) {
        BidRecord bid = record(id, campaign, price);
        await(redis.send(Request.cmd(Command.SET).arg(Names.bidKey(id.toString())).arg(Buffer.buffer(bid.toByteArray()))
                .arg("PX").arg(HOT_WINDOW.toMillis())));
        return bid;
    }

    /** A bid only the lake holds, older than the hot window. */
    BidRecord coldBid(String campaign, double price) {
        UUID id = BidId.mintAt(System.currentTimeMillis() - 2 * HOT_WINDOW.toMillis());
        BidRecord bid = record(id, campaign, price);
        cold.bids.put(id, bid);
        return bid;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tracker.port() + path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return HTTP.send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one Prometheus series ({@code name{labels}} as scraped), 0 when absent. */
    double metric(String series) throws IOException, InterruptedException {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    /** Waits up to 10 s for a series to reach {@code atLeast}. */
    double awaitMetric(String series, double atLeast) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double v = metric(series);
        while (v < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
            v = metric(series);
        }
        return v;
    }

    void close(Duration drain) {
        if (tracker != null) {
            await(tracker.close(drain));
        }
        await(redis.close());
        await(vertx.close());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
