package io.bidtrack.loadgen.bench;

import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.web.VertxFactory;
import io.bidtrack.loadgen.BidRequestFactory;
import io.bidtrack.loadgen.DurationConverter;
import io.bidtrack.loadgen.LatencyRecorder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./bidtrack bench hotpath}: the hot path's speed on a running stack. Phase 1 sends bid
 * requests open loop at {@code --bid-rate} (the bidder's full path: parse, validate, select, store
 * hot, produce to Kafka, answer). Phase 2 sends one impression for each of those bids at
 * {@code --event-rate} and reads the attributed events back from Kafka: the tracker's own
 * measurement of the hot lookup and of receipt-to-emission is what "hot attribution" means. Each
 * phase is preceded by a warm-up at half the rate (the JIT compiles the path first).
 */
@Command(name = "bidtrack bench hotpath", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Bids/s with p50/p99 for the bidder's full path, and the tracker's hot attribution latency.")
public final class HotPathBench implements Callable<Integer> {
    private static final int BODIES = 10_000;

    @Option(names = "--bidder", paramLabel = "URL", description = "Bidder base URL (default: ${DEFAULT-VALUE}).")
    String bidder = "http://127.0.0.1:8080";

    @Option(names = "--tracker", paramLabel = "URL", description = "Tracker base URL (default: ${DEFAULT-VALUE}).")
    String tracker = "http://127.0.0.1:8081";

    @Option(names = "--floor", paramLabel = "URL",
            description = "A FloorServer: the same bid requests go to it first, as the reference (none by default).")
    String floor;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String kafka = "127.0.0.1:9092";

    @Option(names = "--bid-rate", paramLabel = "N", description = "Bid requests per second (default: ${DEFAULT-VALUE}).")
    double bidRate = 20_000;

    @Option(names = "--event-rate", paramLabel = "N", description = "Impressions per second (default: ${DEFAULT-VALUE}).")
    double eventRate = 10_000;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Measured time of each phase (default: 20s).")
    Duration duration = Duration.ofSeconds(20);

    @Option(names = "--warmup", paramLabel = "D", converter = DurationConverter.class,
            description = "Warm-up before each phase, at half its rate (default: 30s; a fresh JVM compiles for a while).")
    Duration warmup = Duration.ofSeconds(30);

    @Option(names = "--connections", paramLabel = "N", description = "HTTP connections per service (default: ${DEFAULT-VALUE}).")
    int connections = 32;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HotPathBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Vertx vertx = VertxFactory.create();
        try (TrackingEventsReader events = new TrackingEventsReader(kafka)) {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                    new PoolOptions().setHttp1MaxSize(connections));
            // The client shares the cores with the stack: it cycles through request bodies built
            // beforehand instead of building JSON per request (request ids then repeat, which the
            // bidder does not mind: every bid gets a new bid id).
            BidRequestFactory factory = new BidRequestFactory(7);
            List<Buffer> bodies = new ArrayList<>();
            for (int i = 0; i < BODIES; i++) {
                bodies.add(factory.body(i));
            }
            RequestOptions bidOptions = bidRequestOptions(bidder);
            List<String> warmBids = new ArrayList<>();
            List<String> bids = new ArrayList<>();

            OpenLoopPhase.Result floorResult = null;
            if (floor != null) {
                RequestOptions floorOptions = bidRequestOptions(floor);
                System.out.printf(Locale.ROOT, "warm-up: reference (no-op server) at %.0f/s for %s%n", bidRate / 2, warmup);
                phase(vertx, bidRate / 2, warmup, i -> post(http, floorOptions, bodies.get((int) (i % BODIES)))).await();
                System.out.printf(Locale.ROOT, "reference (no-op server) at %.0f/s for %s%n", bidRate, duration);
                floorResult = phase(vertx, bidRate, duration, i -> post(http, floorOptions, bodies.get((int) (i % BODIES)))).await();
            }
            System.out.printf(Locale.ROOT, "warm-up: bids at %.0f/s for %s%n", bidRate / 2, warmup);
            phase(vertx, bidRate / 2, warmup, i -> bid(http, bidOptions, bodies.get((int) (i % BODIES)), warmBids)).await();
            System.out.printf(Locale.ROOT, "bids at %.0f/s for %s%n", bidRate, duration);
            OpenLoopPhase.Result bidResult = phase(vertx, bidRate, duration, i -> bid(http, bidOptions, bodies.get((int) (i % BODIES)), bids)).await();

            System.out.printf(Locale.ROOT, "warm-up: impressions at %.0f/s for %s%n", eventRate / 2, warmup);
            phase(vertx, eventRate / 2, warmup, i -> impression(http, warmBids.get((int) (i % warmBids.size())), i)).await();
            long eventCount = Math.min(bids.size(), (long) (eventRate * duration.toSeconds()));
            Duration eventDuration = Duration.ofMillis((long) (eventCount * 1000 / eventRate));
            System.out.printf(Locale.ROOT, "impressions at %.0f/s for %s (one per bid of the bid phase)%n", eventRate, eventDuration);
            OpenLoopPhase.Result eventResult = phase(vertx, eventRate, eventDuration, i -> impression(http, bids.get((int) i), i)).await();
            Set<String> tracked = new HashSet<>(bids.subList(0, (int) eventCount));
            TrackingEventsReader.Attribution attribution = events.read(tracked, eventResult.ok(), Duration.ofSeconds(60));

            print(floorResult, bidResult, eventResult, attribution);
            return 0;
        } finally {
            vertx.close().await();
        }
    }

    private static Future<OpenLoopPhase.Result> phase(Vertx vertx, double rate, Duration d, OpenLoopPhase.Request request) {
        return new OpenLoopPhase(vertx, rate, d, request).run();
    }

    /** The bid request to the reference server, which answers 204. */
    private static Future<Boolean> post(HttpClient http, RequestOptions options, Buffer body) {
        return http.request(options).compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> resp.statusCode() == 204));
    }

    /**
     * The options of every bid request to {@code base}, built once: the client shares the cores with
     * the stack, and parsing the URL and building the headers per request is measurable there.
     */
    private static RequestOptions bidRequestOptions(String base) {
        return new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/openrtb2/bid")
                .putHeader("Content-Type", "application/json").putHeader("x-openrtb-version", "2.6").setTimeout(5000);
    }

    private static Future<Boolean> bid(HttpClient http, RequestOptions options, Buffer body, List<String> ids) {
        return http.request(options).compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> {
            if (resp.statusCode() == 200) {
                String id = bidId(b);
                if (id != null) {
                    ids.add(id);
                }
            }
            return resp.statusCode() == 200 || resp.statusCode() == 204;
        }));
    }

    private Future<Boolean> impression(HttpClient http, String bidId, long i) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(tracker + "/t/imp?id=" + bidId).setTimeout(5000);
        return http.request(options).compose(req -> req.send()).compose(resp -> resp.body().map(b -> resp.statusCode() == 200));
    }

    /** The response's "bidid", found without parsing the whole JSON (the client must stay cheap). */
    static String bidId(Buffer body) {
        String s = body.toString();
        int at = s.indexOf("\"bidid\":\"");
        if (at < 0) {
            return null;
        }
        int from = at + 9;
        int to = s.indexOf('"', from);
        return to > from ? s.substring(from, to) : null;
    }

    private void print(OpenLoopPhase.Result floorResult, OpenLoopPhase.Result bids, OpenLoopPhase.Result events,
                       TrackingEventsReader.Attribution a) {
        String row = "%-34s %10s %10s %9s %9s %9s %9s%n";
        System.out.println();
        System.out.printf(Locale.ROOT, "bidtrack bench hotpath: %d cores, bidder %s, tracker %s%n",
                Runtime.getRuntime().availableProcessors(), URI.create(bidder).getAuthority(), URI.create(tracker).getAuthority());
        System.out.printf(row, "measure", "target/s", "achieved/s", "failed", "p50 ms", "p99 ms", "p99.9 ms");
        if (floorResult != null) {
            line(row, "reference: no-op server, same POSTs", bidRate, floorResult.achievedPerSecond(), floorResult.failed(),
                    floorResult.latency());
        }
        line(row, "bidder: POST /openrtb2/bid", bidRate, bids.achievedPerSecond(), bids.failed(), bids.latency());
        line(row, "tracker: GET /t/imp (answer)", eventRate, events.achievedPerSecond(), events.failed(), events.latency());
        line(row, "tracker: hot lookup (L1 -> engine)", eventRate, Double.NaN, -1, a.hotLookup());
        line(row, "tracker: hot attribution", eventRate, Double.NaN, -1, a.hotAttribution());
        System.out.printf(Locale.ROOT, "%nattributed events read back: %d of %d impressions answered; by tier %s%n",
                a.events(), events.ok(), a.byTier());
        long hot = a.byTier().getOrDefault(Tier.HOT, 0L);
        System.out.printf(Locale.ROOT, "latency: bids and answers from the intended send time (open loop); lookup and attribution"
                + " (receipt to emission) as the tracker measured them, %d HOT events%n", hot);
        if (floorResult != null) {
            System.out.printf(Locale.ROOT, "reference: a server in its own JVM that reads each body and answers 204, run"
                    + " first with the stack idle: what the machine and this load generator leave for the bid path%n");
        }
        System.out.printf(Locale.ROOT, "targets (issue #4): bidder >= 20000 bids/s with p99 <= 10 ms; tracker hot attribution"
                + " p99 <= 2 ms at 10000 events/s%n");
    }

    private static void line(String row, String name, double target, double achieved, long failed, LatencyRecorder l) {
        System.out.printf(Locale.ROOT, row, name, String.format(Locale.ROOT, "%.0f", target),
                Double.isNaN(achieved) ? "-" : String.format(Locale.ROOT, "%.0f", achieved),
                failed < 0 ? "-" : Long.toString(failed),
                ms(l.percentileMillis(50)), ms(l.percentileMillis(99)), ms(l.percentileMillis(99.9)));
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
