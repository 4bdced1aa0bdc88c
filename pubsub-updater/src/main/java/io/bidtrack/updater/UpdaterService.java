package io.bidtrack.updater;

import io.bidtrack.common.Names;
import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.common.hotstore.HotStore;
import io.bidtrack.common.kafka.KafkaProbe;
import io.bidtrack.common.web.OpsRoutes;
import io.bidtrack.common.web.Readiness;
import io.bidtrack.updater.campaigns.CampaignRoutes;
import io.bidtrack.updater.consumer.AppliedOffsets;
import io.bidtrack.updater.consumer.CoreDataConsumer;
import io.bidtrack.updater.kafka.CoreDataProducer;
import io.bidtrack.updater.kafka.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The core-data updater. It consumes Kafka {@code core-data}, writes each campaign into the hot
 * store and publishes it on the {@code core-data} channel, from which every bidder and tracker
 * updates its L1 cache at once. Its admin API ({@code PUT|GET|DELETE /campaigns/{id}}) produces to
 * the same topic. Also {@code /health}, {@code /ready} and {@code /metrics}.
 */
public final class UpdaterService {
    private static final Logger LOG = LoggerFactory.getLogger(UpdaterService.class);

    private final Vertx vertx;
    private final Redis redis;
    private final CoreDataProducer producer;
    private final CoreDataConsumer consumer;
    private final KafkaProbe probe;
    private final HttpServer server;

    private UpdaterService(Vertx vertx, Redis redis, CoreDataProducer producer, CoreDataConsumer consumer,
                           KafkaProbe probe, HttpServer server) {
        this.vertx = vertx;
        this.redis = redis;
        this.producer = producer;
        this.consumer = consumer;
        this.probe = probe;
        this.server = server;
    }

    /**
     * Starts the consumer and the HTTP API; completes once the API listens and the consumer has its
     * first partitions, or {@link UpdaterConfig#joinTimeout()} has passed (then /ready says why).
     */
    public static Future<UpdaterService> start(Vertx vertx, UpdaterConfig config) {
        Redis redis = HotStore.pooledClient(vertx, config.redisUrl(), 8);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        UpdaterMetrics metrics = new UpdaterMetrics(registry);
        CampaignStore store = new CampaignStore(redis);
        CoreDataProducer producer = new CoreDataProducer(vertx, config.kafkaBootstrap(), config.groupId() + "-producer",
                config.sendTimeout());
        AppliedOffsets applied = new AppliedOffsets(vertx);
        CoreDataConsumer consumer = new CoreDataConsumer(config, store, producer, applied, metrics);
        KafkaProbe probe = new KafkaProbe(vertx, config.kafkaBootstrap(), config.groupId());

        Router router = Router.router(vertx);
        OpsRoutes.install(router, registry, new Readiness()
                .check("hotStore", () -> HotStore.ping(redis))
                .check("kafka", probe::check)
                .condition("consumer", consumer::running, () -> describe(consumer)));
        new CampaignRoutes(store, producer, applied, config.applyTimeout(), metrics).install(router);

        Future<UpdaterService> started = vertx.executeBlocking(() -> {
                    Topics.ensure(config.kafkaBootstrap(), config.sendTimeout(), Names.CORE_DATA_TOPIC, Names.CORE_DATA_DLQ_TOPIC);
                    return null;
                }, false)
                .compose(v -> {
                    Future<Void> joined = Future.fromCompletionStage(consumer.start())
                            .timeout(config.joinTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .recover(e -> {
                                if (e instanceof TimeoutException) {
                                    LOG.warn("the core-data consumer has no partitions after {} ms; starting anyway,"
                                            + " /ready stays DOWN until it has", config.joinTimeout().toMillis());
                                }
                                return Future.succeededFuture();
                            });
                    return joined.compose(j -> vertx.createHttpServer().requestHandler(router).listen(config.httpPort()));
                })
                .map(server -> {
                    LOG.info("updater listening on port {}, store {}, kafka {}, group {}", server.actualPort(),
                            config.redisUrl(), config.kafkaBootstrap(), config.groupId());
                    return new UpdaterService(vertx, redis, producer, consumer, probe, server);
                });
        return started.recover(e -> new UpdaterService(vertx, redis, producer, consumer, probe, null).close()
                .transform(ignored -> Future.failedFuture(e)));
    }

    private static String describe(CoreDataConsumer consumer) {
        if (consumer.running()) {
            return "partitions " + consumer.partitions() + (consumer.retrying() ? ", retrying a document" : "");
        }
        return "not polling (not joined the group yet, or stopped)";
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return server.actualPort();
    }

    /** Stops the API, then the consumer (which finishes the record in hand), then the clients. */
    public Future<Void> close() {
        Future<Void> http = server == null ? Future.succeededFuture() : server.close();
        return http.eventually(() -> vertx.executeBlocking(() -> {
            consumer.close();
            producer.close();
            probe.close();
            return null;
        }, false)).eventually(redis::close);
    }
}
