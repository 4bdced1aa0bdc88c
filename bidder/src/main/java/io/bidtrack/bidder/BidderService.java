package io.bidtrack.bidder;

import io.bidtrack.bidder.openrtb.BidRoutes;
import io.bidtrack.bidder.pacing.Pacer;
import io.bidtrack.bidder.pacing.SpendRefresher;
import io.bidtrack.bidder.selection.CampaignSelector;
import io.bidtrack.bidder.selection.IndexUpdates;
import io.bidtrack.bidder.store.BidStore;
import io.bidtrack.common.Names;
import io.bidtrack.common.coredata.CampaignCache;
import io.bidtrack.common.hotstore.HotStore;
import io.bidtrack.common.kafka.KafkaProbe;
import io.bidtrack.common.kafka.RecordStream;
import io.bidtrack.common.web.HttpEndpoint;
import io.bidtrack.common.web.OpsRoutes;
import io.bidtrack.common.web.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The bidder: {@code POST /openrtb2/bid} (OpenRTB 2.6), {@code /health}, {@code /ready},
 * {@code /metrics}. It loads every campaign into its L1 cache and indexes them before it listens,
 * so it bids from the first request.
 */
public final class BidderService {
    private static final Logger LOG = LoggerFactory.getLogger(BidderService.class);
    /**
     * How often the campaign index is compared with the L1 cache anyway: changes the cache applies
     * rebuild it at once (IndexUpdates); this catches what Caffeine changes on its own.
     */
    static final long INDEX_CHECK_MS = 1000;

    private final Vertx vertx;
    private final Parts parts;
    private final HttpEndpoint server;
    private final long[] timers;

    /** What a running bidder holds, closed in reverse order. */
    private record Parts(CampaignCache campaigns, Redis redis, RecordStream bids, KafkaProbe probe,
                         PrometheusMeterRegistry registry) {
    }

    private BidderService(Vertx vertx, Parts parts, HttpEndpoint server, long... timers) {
        this.vertx = vertx;
        this.parts = parts;
        this.server = server;
        this.timers = timers;
    }

    public static Future<BidderService> start(Vertx vertx, BidderConfig config) {
        return start(vertx, config, Clock.systemUTC());
    }

    /**
     * Loads the campaigns, then listens on {@link BidderConfig#httpPort()}; completes once ready.
     *
     * @param clock what flight dates, the UTC day and pacing are judged by (fixed in tests)
     */
    public static Future<BidderService> start(Vertx vertx, BidderConfig config, Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return CampaignCache.start(vertx, config.redisUrl(), config.l1()).compose(campaigns -> {
            campaigns.registerMetrics(registry);
            Redis redis = HotStore.pipelinedClient(vertx, config.redisUrl(), 2);
            // Creating Kafka clients does blocking work (class loading, metrics, DNS): not on the event loop.
            return vertx.executeBlocking(() -> new Parts(campaigns, redis,
                            new RecordStream(vertx, new RecordStream.Settings(config.kafkaBootstrap(), config.kafkaBufferRecords()),
                                    Names.BIDS_TOPIC, "bidder", registry),
                            new KafkaProbe(vertx, config.kafkaBootstrap(), "bidder"), registry))
                    .compose(parts -> listen(vertx, config, clock, parts)
                            .recover(e -> closeKafka(vertx, parts).transform(ignored -> Future.failedFuture(e))))
                    .recover(e -> redis.close().eventually(campaigns::close).transform(ignored -> Future.failedFuture(e)));
        });
    }

    private static Future<BidderService> listen(Vertx vertx, BidderConfig config, Clock clock, Parts parts) {
        Pacer pacer = new Pacer();
        CampaignSelector selector = new CampaignSelector(pacer, clock);
        selector.refresh(parts.campaigns().campaigns());
        SpendRefresher spend = new SpendRefresher(parts.redis(), pacer, clock, () -> selector.index().budgeted(),
                config.storeTimeout().toMillis() * 4, parts.registry());
        Router router = Router.router(vertx);
        OpsRoutes.install(router, parts.registry(), new Readiness()
                .check("hotStore", () -> HotStore.ping(parts.redis()))
                .check("kafka", () -> parts.probe().check())
                .condition("kafkaBuffer", parts.bids()::hasRoom,
                        () -> parts.bids().pending() + " of " + config.kafkaBufferRecords() + " records waiting for Kafka")
                .condition("campaigns", parts.campaigns()::loaded, parts.campaigns()::status));
        new BidRoutes(selector, pacer, new BidStore(parts.redis(), config.hotTtl(), config.storeTimeout()), parts.bids(),
                config.trackerBaseUrl(), config.bodyLimitBytes(), parts.registry()).install(router);
        return spend.refresh().otherwiseEmpty()
                .compose(v -> HttpEndpoint.listen(vertx, new HttpServerOptions(), router, config.httpPort(), config.httpEventLoops()))
                .map(server -> {
                    IndexUpdates index = new IndexUpdates(vertx, selector, parts.campaigns());
                    parts.campaigns().onChange(index::request);
                    index.request(); // what changed between the first build and now
                    long indexTimer = vertx.setPeriodic(INDEX_CHECK_MS, id -> index.request());
                    long spendTimer = vertx.setPeriodic(config.pacingRefresh().toMillis(), id -> spend.refresh());
                    LOG.info("bidder listening on port {} with {} campaigns; bids stay hot for {}",
                            server.port(), parts.campaigns().size(), config.hotTtl());
                    return new BidderService(vertx, parts, server, indexTimer, spendTimer);
                });
    }

    private static Future<Void> closeKafka(Vertx vertx, Parts parts) {
        return parts.bids().close().eventually(() -> vertx.executeBlocking(() -> {
            parts.probe().close();
            return null;
        }));
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return server.port();
    }

    /** Stops taking requests, then flushes the bids still on their way to Kafka. */
    public Future<Void> close() {
        for (long timer : timers) {
            vertx.cancelTimer(timer);
        }
        return server.close()
                .eventually(() -> closeKafka(vertx, parts))
                .eventually(parts.redis()::close)
                .eventually(parts.campaigns()::close);
    }
}
