package io.bidtrack.tracker;

import io.bidtrack.common.Names;
import io.bidtrack.common.coredata.CampaignCache;
import io.bidtrack.tracker.bids.BidRoutes;
import io.bidtrack.tracker.events.Attributor;
import io.bidtrack.common.kafka.RecordStream;
import io.bidtrack.tracker.events.TrackingRoutes;
import io.bidtrack.common.hotstore.HotStore;
import io.bidtrack.common.web.OpsRoutes;
import io.bidtrack.common.web.Readiness;
import io.bidtrack.tracker.lookup.BidLocator;
import io.bidtrack.tracker.lookup.ColdLookup;
import io.bidtrack.tracker.lookup.HotLookup;
import io.bidtrack.tracker.lookup.TrinoColdLookup;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The tracker: {@code GET /t/{imp|click|win|bill|install}?id=}, {@code GET /bids/{id}},
 * {@code /health}, {@code /metrics}. Bids are found hot (engine) or cold ({@link ColdLookup}, Trino
 * in production); attributed events go to Kafka {@code tracking-events}.
 */
public final class TrackerService {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerService.class);

    private final CampaignCache campaigns;
    private final Redis redis;
    private final RecordStream events;
    private final ColdLookup ownedCold;
    private final HttpServer server;

    private TrackerService(CampaignCache campaigns, Redis redis, RecordStream events, ColdLookup ownedCold, HttpServer server) {
        this.campaigns = campaigns;
        this.redis = redis;
        this.events = events;
        this.ownedCold = ownedCold;
        this.server = server;
    }

    /** Production wiring: the cold tier is Trino at {@link TrackerConfig#trinoJdbcUrl()}. */
    public static Future<TrackerService> start(Vertx vertx, TrackerConfig config) {
        ColdLookup cold;
        try {
            cold = new TrinoColdLookup(vertx, config.trinoJdbcUrl());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return start(vertx, config, cold, true);
    }

    /** With a cold tier of the caller's (tests); the caller keeps it and closes it. */
    public static Future<TrackerService> start(Vertx vertx, TrackerConfig config, ColdLookup cold) {
        return start(vertx, config, cold, false);
    }

    private static Future<TrackerService> start(Vertx vertx, TrackerConfig config, ColdLookup cold, boolean ownsCold) {
        ColdLookup owned = ownsCold ? cold : null;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return CampaignCache.start(vertx, config.redisUrl(), config.l1()).compose(campaigns -> {
            campaigns.registerMetrics(registry);
            Redis redis = HotStore.pooledClient(vertx, config.redisUrl(), 16);
            // Creating a KafkaProducer does blocking work (class loading, metrics, DNS): not on the event loop.
            return vertx.executeBlocking(() -> new RecordStream(vertx, new RecordStream.Settings(config.kafkaBootstrap(), RecordStream.Settings.DEFAULT_BUFFER_RECORDS), Names.TRACKING_EVENTS_TOPIC, "tracker", registry))
                    .compose(events -> listen(vertx, config, registry, campaigns, redis, events, cold, owned)
                            .recover(e -> events.close().transform(ignored -> Future.failedFuture(e))))
                    .recover(e -> redis.close().eventually(campaigns::close).transform(ignored -> Future.failedFuture(e)));
        }).onFailure(e -> {
            if (owned != null) {
                owned.close();
            }
        });
    }

    private static Future<TrackerService> listen(Vertx vertx, TrackerConfig config, PrometheusMeterRegistry registry,
                                                 CampaignCache campaigns, Redis redis, RecordStream events,
                                                 ColdLookup cold, ColdLookup owned) {
        BidLocator locator = new BidLocator(new HotLookup(redis), cold, config.hotWindow());
        Router router = Router.router(vertx);
        OpsRoutes.install(router, registry, new Readiness().check("hotStore", () -> HotStore.ping(redis)));
        new TrackingRoutes(new Attributor(locator, campaigns, events, registry), locator, campaigns).install(router);
        new BidRoutes(locator).install(router);
        return vertx.createHttpServer().requestHandler(router).listen(config.httpPort()).map(server -> {
            LOG.info("tracker listening on port {} with {} campaigns; hot window {}",
                    server.actualPort(), campaigns.size(), config.hotWindow());
            return new TrackerService(campaigns, redis, events, owned, server);
        });
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return server.actualPort();
    }

    /** Stops taking requests, then flushes the events still on their way to Kafka. */
    public Future<Void> close() {
        return server.close().eventually(events::close).eventually(redis::close).eventually(campaigns::close)
                .eventually(() -> {
                    if (ownedCold != null) {
                        ownedCold.close();
                    }
                    return Future.succeededFuture();
                });
    }
}
