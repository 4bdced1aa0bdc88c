package io.bidtrack.coldstore.ops;

import io.bidtrack.coldstore.ColdStoreService;
import io.bidtrack.coldstore.compaction.Compactor;
import io.bidtrack.coldstore.sink.SinkProgress;
import io.bidtrack.coldstore.sink.TableSink;
import io.bidtrack.common.web.HttpEndpoint;
import io.bidtrack.common.web.OpsRoutes;
import io.bidtrack.common.web.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.List;

/**
 * The cold store's ops port, as every service has one: {@code /health}, {@code /ready} (each sink
 * runs and its rotations succeed) and {@code /metrics} ({@link ColdStoreMetrics}). It runs on one
 * Vert.x event loop and only reads what the sinks publish for it ({@link SinkProgress}), so the
 * sinks' threads and the HTTP server never wait for each other.
 */
public final class ColdStoreOps {
    private final HttpEndpoint server;

    private ColdStoreOps(HttpEndpoint server) {
        this.server = server;
    }

    /**
     * Listens on {@code port} (0: any free one, see {@link #port()}).
     *
     * @param service a started cold store; it stays the caller's to close (after this)
     */
    public static Future<ColdStoreOps> start(Vertx vertx, ColdStoreService service, int port) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<TableSink<?>> sinks = List.of(service.bids(), service.events());
        Readiness readiness = new Readiness();
        for (TableSink<?> sink : sinks) {
            ColdStoreMetrics.register(registry, sink);
            readiness.condition(sink.spec().table().name(), () -> sink.isRunning() && !sink.progress().rotationFailing(),
                    () -> describe(sink));
        }
        for (Compactor compactor : service.compactors()) {
            ColdStoreMetrics.register(registry, compactor);
        }
        Router router = Router.router(vertx);
        OpsRoutes.install(router, registry, readiness);
        return HttpEndpoint.listen(vertx, new HttpServerOptions(), router, port, 1).map(ColdStoreOps::new);
    }

    /** What /ready says of one sink. */
    static String describe(TableSink<?> sink) {
        if (!sink.isRunning()) {
            return "stopped (see the log): its records are consumed again when the cold store restarts";
        }
        SinkProgress p = sink.progress();
        if (p.rotationFailing()) {
            return "rotations failing (lake or Trino unavailable): consumption paused, retrying";
        }
        return "consuming " + sink.spec().topic() + ": " + (p.consumerLag() < 0 ? "lag not known yet" : p.consumerLag()
                + " record(s) behind") + ", " + p.bufferedRecords() + " waiting for the next rotation";
    }

    /** The port it listens on (the chosen one when started with 0). */
    public int port() {
        return server.port();
    }

    public Future<Void> close() {
        return server.close();
    }
}
