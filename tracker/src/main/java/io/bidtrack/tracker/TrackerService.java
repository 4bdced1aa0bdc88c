package io.bidtrack.tracker;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.Names;
import io.bidtrack.common.config.Durations;
import io.bidtrack.common.coredata.CampaignCache;
import io.bidtrack.common.hotstore.HotStore;
import io.bidtrack.common.kafka.KafkaProbe;
import io.bidtrack.common.kafka.RecordStream;
import io.bidtrack.common.web.HttpEndpoint;
import io.bidtrack.common.web.OpsRoutes;
import io.bidtrack.common.web.Readiness;
import io.bidtrack.tracker.bids.BidRoutes;
import io.bidtrack.tracker.dedupe.Dedupe;
import io.bidtrack.tracker.events.Attributor;
import io.bidtrack.tracker.events.ClickRedirect;
import io.bidtrack.tracker.events.EventAdmission;
import io.bidtrack.tracker.events.EventMetrics;
import io.bidtrack.tracker.events.TrackingRoutes;
import io.bidtrack.tracker.lookup.BidCache;
import io.bidtrack.tracker.lookup.BidLocator;
import io.bidtrack.tracker.lookup.ColdBatcher;
import io.bidtrack.tracker.lookup.ColdLookup;
import io.bidtrack.tracker.lookup.RedisHotLookup;
import io.bidtrack.tracker.lookup.RetryingLocator;
import io.bidtrack.tracker.lookup.TrinoLakeReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Function;

/**
 * The tracker: {@code /t/{imp|click|win|bill|install}?id=}, {@code GET /bids/{id}}, {@code /health},
 * {@code /ready}, {@code /metrics}. Bids are found hot (in-process cache, then engine) or cold
 * ({@link ColdLookup}: in production Trino, through the {@link ColdBatcher}); an event's lookup is
 * retried while the cold tier fails or the bid may not be in the lake yet ({@link RetryingLocator});
 * attributed events go to Kafka {@code tracking-events}.
 */
public final class TrackerService {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerService.class);
    /**
     * Netty's bound on the request line (method, URL, version): past it Vert.x answers 414 itself,
     * before any buffering; below it, {@link io.bidtrack.tracker.events.TrackRequest} applies the
     * tighter query limit with a JSON error.
     */
    static final int MAX_REQUEST_LINE = 4096;
    private static final Duration DRAIN = Duration.ofSeconds(10);
    /** Events whose retries were cut short need only their emission: no lookup is left to wait for. */
    private static final Duration STOPPED_RETRIES_DRAIN = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final Parts parts;
    private final EventAdmission admission;
    private final RetryingLocator retrying;
    private final HttpEndpoint server;

    /** What the service owns and closes. */
    private record Parts(CampaignCache campaigns, Redis redis, RecordStream events, KafkaProbe probe, ColdLookup ownedCold) {
    }

    private TrackerService(Vertx vertx, Parts parts, EventAdmission admission, RetryingLocator retrying, HttpEndpoint server) {
        this.vertx = vertx;
        this.parts = parts;
        this.admission = admission;
        this.retrying = retrying;
        this.server = server;
    }

    /** Production wiring: the cold tier is Trino at {@link TrackerConfig#trinoJdbcUrl()}, behind the batcher. */
    public static Future<TrackerService> start(Vertx vertx, TrackerConfig config) {
        return start(vertx, config, registry -> new ColdBatcher(vertx, new TrinoLakeReader(vertx, config.trinoJdbcUrl(), config.coldBatch().queryTimeout()),
                config.coldBatch(), registry), true);
    }

    /** With a cold tier of the caller's (tests); the caller keeps it and closes it. */
    public static Future<TrackerService> start(Vertx vertx, TrackerConfig config, ColdLookup cold) {
        return start(vertx, config, registry -> cold, false);
    }

    private static Future<TrackerService> start(Vertx vertx, TrackerConfig config,
                                                Function<MeterRegistry, ColdLookup> coldTier, boolean ownsCold) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ColdLookup cold;
        try {
            cold = coldTier.apply(registry);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        ColdLookup owned = ownsCold ? cold : null;
        return CampaignCache.start(vertx, config.redisUrl(), config.l1()).compose(campaigns -> {
            campaigns.registerMetrics(registry);
            Redis redis = HotStore.pipelinedClient(vertx, config.redisUrl(), 2);
            // Creating Kafka clients does blocking work (class loading, metrics, DNS): not on the event loop.
            return vertx.executeBlocking(() -> new Parts(campaigns, redis,
                            new RecordStream(vertx, config.eventStream(), Names.TRACKING_EVENTS_TOPIC, "tracker", registry),
                            new KafkaProbe(vertx, config.kafkaBootstrap(), "tracker"), owned))
                    .compose(parts -> listen(vertx, config, registry, cold, parts)
                            .recover(e -> {
                                parts.probe().close();
                                return parts.events().close().transform(ignored -> Future.failedFuture(e));
                            }))
                    .recover(e -> redis.close().eventually(campaigns::close).transform(ignored -> Future.failedFuture(e)));
        }).onFailure(e -> {
            if (owned != null) {
                owned.close();
            }
        });
    }

    private static Future<TrackerService> listen(Vertx vertx, TrackerConfig config, PrometheusMeterRegistry registry,
                                                 ColdLookup cold, Parts parts) {
        BidCache bidCache = new BidCache(config.bidCache());
        bidCache.registerMetrics(registry);
        BidLocator locator = new BidLocator(bidCache, new RedisHotLookup(parts.redis()), cold, config.hotTtl());
        // Events read only the attribution columns of a bid; from the cold tier that is a much cheaper query.
        RetryingLocator retrying = new RetryingLocator(vertx, id -> locator.locate(id, Columns.ATTRIBUTION),
                config.coldRetry(), config.sinkLag(), registry);
        EventAdmission admission = new EventAdmission(parts.events(), config.kafkaBufferRecords());
        EventMetrics metrics = new EventMetrics(registry, admission);
        Attributor attributor = new Attributor(vertx, retrying, parts.campaigns(),
                new Dedupe(parts.redis(), config.dedupeWindow(), registry), parts.events(), admission, metrics);

        Router router = Router.router(vertx);
        OpsRoutes.install(router, registry, readiness(parts, admission));
        new TrackingRoutes(attributor, admission, metrics, new ClickRedirect(parts.campaigns(), locator, attributor)).install(router);
        new BidRoutes(locator).install(router);
        return HttpEndpoint.listen(vertx, new HttpServerOptions().setMaxInitialLineLength(MAX_REQUEST_LINE), router,
                        config.httpPort(), config.httpEventLoops()).map(server -> {
                    LOG.info("tracker listening on port {} ({} event loops) with {} campaigns; hot TTL {}, sink lag {}, dedupe window {}",
                            server.port(), config.httpEventLoops(), parts.campaigns().size(), Durations.format(config.hotTtl()),
                            Durations.format(config.sinkLag()), Durations.format(config.dedupeWindow()));
                    return new TrackerService(vertx, parts, admission, retrying, server);
                });
    }

    private static Readiness readiness(Parts parts, EventAdmission admission) {
        return new Readiness()
                .check("hotStore", () -> HotStore.ping(parts.redis()))
                .check("kafka", () -> parts.probe().check())
                .condition("campaigns", parts.campaigns()::loaded, parts.campaigns()::status)
                // A full buffer answers every event 503: take the instance out of rotation meanwhile.
                .condition("trackingEvents", admission::hasRoom, admission::describe);
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return server.port();
    }

    /** Stops taking requests, then gives accepted events up to 10 s to reach Kafka. */
    public Future<Void> close() {
        return close(DRAIN);
    }

    /**
     * Stops taking requests, waits up to {@code drain} for the events being attributed, ends those
     * still waiting to retry a cold lookup (UNMATCHED, saying the tracker stopped), waits up to
     * {@code drain} for Kafka to acknowledge the buffered ones (the stream reports any left), then
     * closes the rest.
     */
    public Future<Void> close(Duration drain) {
        return server.close()
                .eventually(() -> admission.drained(vertx, drain))
                .eventually(() -> {
                    retrying.stop();
                    return admission.drained(vertx, STOPPED_RETRIES_DRAIN);
                })
                .eventually(() -> parts.events().close(drain))
                .eventually(() -> vertx.executeBlocking(() -> {
                    parts.probe().close();
                    return null;
                }))
                .eventually(parts.redis()::close)
                .eventually(parts.campaigns()::close)
                .eventually(() -> {
                    if (parts.ownedCold() != null) {
                        parts.ownedCold().close();
                    }
                    return Future.succeededFuture();
                });
    }
}
