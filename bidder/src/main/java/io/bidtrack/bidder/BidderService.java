package io.bidtrack.bidder;

import io.bidtrack.common.hotstore.HotStore;
import io.bidtrack.common.web.OpsRoutes;
import io.bidtrack.common.web.Readiness;
import io.bidtrack.bidder.openrtb.BidRoutes;
import io.bidtrack.bidder.selection.CampaignSelector;
import io.bidtrack.bidder.store.BidStore;
import io.bidtrack.common.kafka.RecordStream;
import io.bidtrack.common.Names;
import io.bidtrack.common.coredata.CampaignCache;
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
 * The bidder: {@code POST /openrtb2/bid} (OpenRTB 2.6), {@code /health}, {@code /metrics}. It
 * loads every campaign into its L1 cache before it listens, so it bids from the first request.
 */
public final class BidderService {
    private static final Logger LOG = LoggerFactory.getLogger(BidderService.class);

    private final CampaignCache campaigns;
    private final Redis redis;
    private final RecordStream bids;
    private final HttpServer server;

    private BidderService(CampaignCache campaigns, Redis redis, RecordStream bids, HttpServer server) {
        this.campaigns = campaigns;
        this.redis = redis;
        this.bids = bids;
        this.server = server;
    }

    /** Loads the campaigns, then listens on {@link BidderConfig#httpPort()}; completes once ready. */
    public static Future<BidderService> start(Vertx vertx, BidderConfig config) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return CampaignCache.start(vertx, config.redisUrl(), config.l1()).compose(campaigns -> {
            campaigns.registerMetrics(registry);
            Redis redis = HotStore.pooledClient(vertx, config.redisUrl(), 16);
            // Creating a KafkaProducer does blocking work (class loading, metrics, DNS): not on the event loop.
            return vertx.executeBlocking(() -> new RecordStream(vertx, new RecordStream.Settings(config.kafkaBootstrap(), RecordStream.Settings.DEFAULT_BUFFER_RECORDS), Names.BIDS_TOPIC, "bidder", registry))
                    .compose(bids -> listen(vertx, config, registry, campaigns, redis, bids)
                            .recover(e -> bids.close().transform(ignored -> Future.failedFuture(e))))
                    .recover(e -> redis.close().eventually(campaigns::close).transform(ignored -> Future.failedFuture(e)));
        });
    }

    private static Future<BidderService> listen(Vertx vertx, BidderConfig config, PrometheusMeterRegistry registry,
                                                CampaignCache campaigns, Redis redis, RecordStream bids) {
        Router router = Router.router(vertx);
        OpsRoutes.install(router, registry, new Readiness().check("hotStore", () -> HotStore.ping(redis)));
        new BidRoutes(new CampaignSelector(campaigns), new BidStore(redis, config.hotTtl()), bids,
                config.trackerBaseUrl(), registry).install(router);
        return vertx.createHttpServer().requestHandler(router).listen(config.httpPort()).map(server -> {
            LOG.info("bidder listening on port {} with {} campaigns; bids stay hot for {}",
                    server.actualPort(), campaigns.size(), config.hotTtl());
            return new BidderService(campaigns, redis, bids, server);
        });
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return server.actualPort();
    }

    /** Stops taking requests, then flushes the bids still on their way to Kafka. */
    public Future<Void> close() {
        return server.close().eventually(bids::close).eventually(redis::close).eventually(campaigns::close);
    }
}
