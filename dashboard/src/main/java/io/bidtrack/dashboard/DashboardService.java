package io.bidtrack.dashboard;

import io.bidtrack.common.config.Durations;
import io.bidtrack.common.web.HttpEndpoint;
import io.bidtrack.common.web.OpsRoutes;
import io.bidtrack.common.web.Readiness;
import io.bidtrack.common.web.Responses;
import io.bidtrack.dashboard.snapshot.SnapshotBuilder;
import io.bidtrack.dashboard.sources.EngineSource;
import io.bidtrack.dashboard.sources.MetricsSource;
import io.bidtrack.dashboard.web.EventStream;
import io.bidtrack.dashboard.web.StaticPage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * The live dashboard: reads the bidder's, the tracker's and the cold store's Prometheus
 * {@code /metrics} and the hot store's INFO every {@code dashboard.interval}, and serves
 * <ul>
 *   <li>{@code /}: the page (plain HTML, CSS and JavaScript, see {@link StaticPage}), which follows
 *       {@code /events};</li>
 *   <li>{@code /events}: Server-Sent Events, one snapshot per interval ({@link EventStream});</li>
 *   <li>{@code /api/snapshot}: the latest snapshot (503 before the first), see {@link SnapshotBuilder}
 *       for its fields and how each figure is computed;</li>
 *   <li>{@code /health}, {@code /ready} (the first snapshot is built), {@code /metrics}.</li>
 * </ul>
 * A source that is down shows as down; the others go on.
 */
public final class DashboardService {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardService.class);
    /** A slow source is given at least this long per read (the machine may be busy), at most the interval beyond it. */
    private static final Duration MIN_SOURCE_TIMEOUT = Duration.ofSeconds(2);
    /** Open pages following {@code /events} at once: a dashboard has a few viewers, not thousands. */
    static final int MAX_STREAMS = 64;

    private final Poller poller;
    private final EventStream stream;
    private final HttpEndpoint server;
    private final WebClient client;
    private final EngineSource engine;

    private DashboardService(Poller poller, EventStream stream, HttpEndpoint server, WebClient client, EngineSource engine) {
        this.poller = poller;
        this.stream = stream;
        this.server = server;
        this.client = client;
        this.engine = engine;
    }

    /** Listens on {@link DashboardConfig#httpPort()} and starts polling; completes once it listens. */
    public static Future<DashboardService> start(Vertx vertx, DashboardConfig config) {
        Duration timeout = config.interval().compareTo(MIN_SOURCE_TIMEOUT) > 0 ? config.interval() : MIN_SOURCE_TIMEOUT;
        WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("bidtrack-dashboard"));
        MetricsSource bidder = new MetricsSource(vertx, client, "bidder", config.bidderUrl(), timeout);
        MetricsSource tracker = new MetricsSource(vertx, client, "tracker", config.trackerUrl(), timeout);
        MetricsSource coldStore = new MetricsSource(vertx, client, "coldStore", config.coldStoreUrl(), timeout);
        EngineSource engine = new EngineSource(vertx, config.redisUrl(), timeout);
        SnapshotBuilder builder = new SnapshotBuilder(config.interval(), Map.of("bidder", bidder.url(),
                "tracker", tracker.url(), "coldStore", coldStore.url(), "engine", engine.url()));

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EventStream stream = new EventStream(MAX_STREAMS);
        Gauge.builder("bidtrack_dashboard_stream_clients", stream, EventStream::clients)
                .description("pages following /events").register(registry);
        Poller poller = new Poller(vertx, config.interval(), bidder, tracker, coldStore, engine, builder, stream::publish, registry);

        return StaticPage.load(vertx).compose(page -> {
            Router router = Router.router(vertx);
            OpsRoutes.install(router, registry, new Readiness().condition("snapshots", () -> poller.latest() != null,
                    () -> poller.latest() == null ? "no poll has ended yet" : "latest at " + poller.latest().getString("at")));
            page.install(router);
            router.get("/events").handler(ctx -> stream.open(ctx, poller.latest()));
            router.get("/api/snapshot").handler(ctx -> {
                JsonObject latest = poller.latest();
                if (latest == null) {
                    Responses.error(ctx, 503, "no snapshot yet: the first poll has not ended");
                } else {
                    Responses.json(ctx, 200, latest);
                }
            });
            return HttpEndpoint.listen(vertx, new HttpServerOptions(), router, config.httpPort(), 1);
        }).map(server -> {
            poller.start();
            LOG.info("dashboard on http://127.0.0.1:{}/ reading {}, {}, {} and {} every {}", server.port(), bidder.url(),
                    tracker.url(), coldStore.url(), engine.url(), Durations.format(config.interval()));
            return new DashboardService(poller, stream, server, client, engine);
        }).onFailure(e -> {
            client.close();
            engine.close();
        });
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return server.port();
    }

    /** The latest snapshot, null before the first poll ends. */
    public JsonObject latest() {
        return poller.latest();
    }

    /** Stops polling, ends the event streams, stops listening. */
    public Future<Void> close() {
        poller.stop();
        stream.closeAll();
        return server.close().eventually(() -> {
            client.close();
            engine.close();
            return Future.succeededFuture();
        });
    }
}
