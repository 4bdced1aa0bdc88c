package io.bidtrack.dashboard;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard against the real engine, with the stack's ACL file (it reads as the
 * {@code dashboard} user, which may only run INFO and DBSIZE), and real HTTP servers whose
 * Micrometer registries carry the services' meters under their real names, moved by the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long PARTITION_START = 1_765_396_800L; // 2025-12-10T20:00Z

    private static CacheEngine engine;
    private static Vertx vertx;
    private static MetricsServer bidder;
    private static MetricsServer tracker;
    private static MetricsServer coldStore;
    private static DashboardService dashboard;
    private static long traffic;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path acl = Path.of(System.getProperty("bidtrack.acl.file", "../infra/acl/users.acl"));
        assertTrue(Files.isRegularFile(acl), "the stack's ACL file, " + acl.toAbsolutePath());
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0).withAclFile(acl.toString()));
        vertx = Vertx.vertx();
        Redis admin = Redis.createClient(vertx, "redis://admin:admin-demo@127.0.0.1:" + engine.port());
        for (int i = 0; i < 5; i++) {
            admin.send(Request.cmd(Command.SET).arg("bid:" + i).arg("x")).await();
        }
        admin.close();

        bidder = new MetricsServer(vertx).listen(0);
        Counter bids = Counter.builder("bidtrack_bid_requests").tag("outcome", "bid").register(bidder.registry);
        Counter.builder("bidtrack_bid_requests").tag("outcome", "no_bid").register(bidder.registry);
        Gauge.builder("bidtrack_l1_hit_ratio", () -> 0.9).register(bidder.registry);

        tracker = new MetricsServer(vertx).listen(0);
        List<Counter> hot = new ArrayList<>();
        for (String tier : List.of("HOT", "COLD", "UNMATCHED")) {
            for (String type : List.of("IMPRESSION", "CLICK")) {
                Counter c = Counter.builder("bidtrack_tracking_events").tag("type", type).tag("tier", tier).register(tracker.registry);
                if (tier.equals("HOT")) {
                    hot.add(c);
                }
            }
        }
        Gauge.builder("bidtrack_l1_hit_ratio", () -> 1.0).register(tracker.registry);
        Gauge.builder("bidtrack_bid_cache_hit_ratio", () -> 0.5).register(tracker.registry);
        Timer coldLookups = Timer.builder("bidtrack_bid_lookup").tag("tier", "COLD").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofMinutes(15)).register(tracker.registry);

        coldStore = new MetricsServer(vertx).listen(0);
        Gauge.builder("bidtrack_sink_newest_partition_start_seconds", () -> PARTITION_START).tag("table", "bids").register(coldStore.registry);
        Gauge.builder("bidtrack_sink_lag_seconds", () -> 1.5).tag("table", "bids").register(coldStore.registry);
        Gauge.builder("bidtrack_sink_freshness_seconds", () -> 30.0).tag("table", "bids").register(coldStore.registry);

        // Traffic: 10 bids, 6 HOT events and one 200 ms cold lookup every 100 ms, from an event loop as the services count.
        traffic = vertx.setPeriodic(100, id -> {
            bids.increment(10);
            hot.forEach(c -> c.increment(3));
            coldLookups.record(200, TimeUnit.MILLISECONDS);
        });

        dashboard = DashboardService.start(vertx, config("redis://dashboard:dashboard-demo@127.0.0.1:" + engine.port())).await();
    }

    private static DashboardConfig config(String redisUrl) {
        return new DashboardConfig(0, bidder.url(), tracker.url(), coldStore.url(), redisUrl, Duration.ofMillis(250));
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.cancelTimer(traffic);
            if (dashboard != null) dashboard.close().await();
            vertx.close().await();
        }
        if (engine != null) engine.close();
    }

    @Test
    @Order(1)
    void theSnapshotShowsEveryFigureAndTheRatesMove() throws Exception {
        JsonObject s = awaitSnapshot(dashboard, snapshot -> positive(snapshot.getJsonObject("bids").getDouble("perSecond"))
                && snapshot.getJsonObject("coldLookup").getValue("p50Ms") != null);
        JsonObject sources = s.getJsonObject("sources");
        for (String source : List.of("bidder", "tracker", "coldStore", "engine")) {
            assertTrue(sources.getJsonObject(source).getBoolean("up"), source + ": " + sources.getJsonObject(source).encode());
        }
        assertEquals("redis://dashboard@127.0.0.1:" + engine.port(), sources.getJsonObject("engine").getString("url"),
                "the password is not shown");
        assertTrue(positive(s.getJsonObject("events").getJsonObject("perSecond").getDouble("HOT")), s.encode());
        assertEquals(0.0, s.getJsonObject("events").getJsonObject("perSecond").getDouble("COLD"));
        assertEquals(0.9, s.getJsonObject("hitRatio").getDouble("bidderL1"));
        assertEquals(1.0, s.getJsonObject("hitRatio").getDouble("trackerL1"));
        assertEquals(0.5, s.getJsonObject("hitRatio").getDouble("trackerBidCache"));
        assertEquals(5L, s.getJsonObject("engine").getLong("keys"), "DBSIZE as the dashboard user");
        assertTrue(s.getJsonObject("engine").getLong("usedMemoryBytes") > 0, "INFO as the dashboard user");
        assertEquals("dt=2025-12-10/hour=20", s.getJsonObject("sink").getString("newestPartition"));
        assertEquals(1.5, s.getJsonObject("sink").getDouble("lagSeconds"));
        assertEquals(30.0, s.getJsonObject("sink").getDouble("newestBidAgeSeconds"));
        double p50 = s.getJsonObject("coldLookup").getDouble("p50Ms");
        assertTrue(p50 > 150 && p50 < 250, "every cold lookup took 200 ms: " + p50);

        JsonObject later = awaitSnapshot(dashboard, snapshot -> snapshot.getJsonObject("bids").getLong("total") > s.getJsonObject("bids").getLong("total"));
        assertNotEquals(s.getString("at"), later.getString("at"));
    }

    @Test
    @Order(2)
    void eventsStreamOneSnapshotPerInterval() throws Exception {
        HttpResponse<Stream<String>> response = http.send(request("/events"), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<JsonObject> messages = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (messages.size() < 3 && it.hasNext()) {
                String line = it.next();
                if (line.startsWith("data: ")) {
                    messages.add(new JsonObject(line.substring("data: ".length())));
                }
            }
        }
        assertEquals(3, messages.size());
        assertNotEquals(messages.get(1).getString("at"), messages.get(2).getString("at"), "a new snapshot each interval");
        assertTrue(messages.get(2).getJsonObject("bids").getLong("total") >= messages.get(1).getJsonObject("bids").getLong("total"));
    }

    @Test
    @Order(3)
    void thePageAndTheOpsEndpointsAnswer() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"/dashboard.js\""), page.body());
        assertTrue(get("/dashboard.js").body().contains("new EventSource(\"/events\")"));
        assertTrue(get("/dashboard.css").body().contains(".card"));
        assertEquals(200, get("/health").statusCode());
        HttpResponse<String> ready = get("/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("bidtrack_dashboard_reads_total{result=\"up\",source=\"engine\"}"), metrics);
        assertTrue(metrics.contains("bidtrack_dashboard_stream_clients"), metrics);
        assertEquals(404, get("/nothing-here").statusCode());
    }

    @Test
    @Order(4)
    void aSourceThatGoesDownShowsAsDownWhileTheOthersGoOn() throws Exception {
        int port = coldStore.port();
        coldStore.close();
        JsonObject s = awaitSnapshot(dashboard, snapshot -> !snapshot.getJsonObject("sources").getJsonObject("coldStore").getBoolean("up"));
        assertTrue(s.getJsonObject("sources").getJsonObject("bidder").getBoolean("up"));
        assertTrue(s.getJsonObject("sources").getJsonObject("engine").getBoolean("up"));
        assertTrue(s.getJsonObject("sources").getJsonObject("coldStore").getString("error").length() > 0);
        assertNull(s.getJsonObject("sink").getValue("newestPartition"));
        assertEquals(200, get("/api/snapshot").statusCode(), "the dashboard itself is fine");

        coldStore.listen(port);
        awaitSnapshot(dashboard, snapshot -> snapshot.getJsonObject("sources").getJsonObject("coldStore").getBoolean("up")
                && "dt=2025-12-10/hour=20".equals(snapshot.getJsonObject("sink").getString("newestPartition")));
    }

    @Test
    @Order(5)
    void aStoreThatRefusesTheUserShowsAsDownWithItsReason() throws Exception {
        DashboardService wrong = DashboardService.start(vertx, config("redis://dashboard:wrong@127.0.0.1:" + engine.port())).await();
        try {
            JsonObject s = awaitSnapshot(wrong, snapshot -> true);
            JsonObject store = s.getJsonObject("sources").getJsonObject("engine");
            assertFalse(store.getBoolean("up"));
            assertTrue(store.getString("error").contains("WRONGPASS"), store.encode());
            assertTrue(s.getJsonObject("sources").getJsonObject("bidder").getBoolean("up"));
        } finally {
            wrong.close().await();
        }
    }

    private static boolean positive(Double value) {
        return value != null && value > 0;
    }

    /** Polls {@code /api/snapshot} of {@code service} until {@code condition} holds; fails after {@link #WAIT}. */
    private static JsonObject awaitSnapshot(DashboardService service, Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        AtomicReference<String> last = new AtomicReference<>("none");
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                    + "/api/snapshot")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonObject snapshot = new JsonObject(response.body());
                last.set(response.body());
                if (condition.test(snapshot)) {
                    return snapshot;
                }
            }
            Thread.sleep(100);
        }
        return fail("timed out after " + WAIT + "; last snapshot: " + last.get());
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path)).build();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }
}
