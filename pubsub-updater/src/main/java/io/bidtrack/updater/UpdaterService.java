package io.bidtrack.updater;

import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.updater.campaigns.CampaignRoutes;
import io.bidtrack.common.hotstore.HotStore;
import io.bidtrack.common.web.OpsRoutes;
import io.bidtrack.common.web.Readiness;
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
 * The core-data updater: an admin HTTP API that writes campaigns into the hot store and publishes
 * each change on the {@code core-data} channel, from which every bidder and tracker updates its L1
 * cache at once. Endpoints: {@code PUT|GET|DELETE /campaigns/{id}}, {@code /health}, {@code /metrics}.
 */
public final class UpdaterService {
    private static final Logger LOG = LoggerFactory.getLogger(UpdaterService.class);

    private final Redis redis;
    private final HttpServer server;

    private UpdaterService(Redis redis, HttpServer server) {
        this.redis = redis;
        this.server = server;
    }

    /** Starts the HTTP API on {@link UpdaterConfig#httpPort()}; completes once it listens. */
    public static Future<UpdaterService> start(Vertx vertx, UpdaterConfig config) {
        Redis redis = HotStore.pooledClient(vertx, config.redisUrl(), 8);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Router router = Router.router(vertx);
        OpsRoutes.install(router, registry, new Readiness().check("hotStore", () -> HotStore.ping(redis)));
        new CampaignRoutes(new CampaignStore(redis), registry).install(router);
        return vertx.createHttpServer().requestHandler(router).listen(config.httpPort())
                .map(server -> {
                    LOG.info("updater listening on port {}, store {}", server.actualPort(), config.redisUrl());
                    return new UpdaterService(redis, server);
                })
                .onFailure(e -> redis.close());
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close().eventually(redis::close);
    }
}
