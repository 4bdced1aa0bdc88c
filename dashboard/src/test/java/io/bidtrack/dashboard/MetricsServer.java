package io.bidtrack.dashboard;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A real HTTP server with a real Micrometer Prometheus registry on {@code /metrics}, as each
 * service serves one: the test registers the meters a service has, under their real names, and
 * moves them.
 */
final class MetricsServer implements AutoCloseable {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Vertx vertx;
    private HttpServer server;
    private int port;

    MetricsServer(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Listens on {@code port} (0: any free one; the same one again after {@link #close()}). */
    MetricsServer listen(int port) {
        server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/metrics")) {
                request.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
            } else {
                request.response().setStatusCode(404).end();
            }
        }).listen(port).await();
        this.port = server.actualPort();
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        server.close().await();
    }
}
