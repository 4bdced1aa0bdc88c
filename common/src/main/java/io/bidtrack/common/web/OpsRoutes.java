package io.bidtrack.common.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What every bidtrack service exposes besides its API: {@code /health} (liveness: it answers),
 * {@code /ready} (its dependencies answer and its core data is loaded; 503 otherwise),
 * {@code /metrics} (Prometheus text), a request counter and latency histogram per route and
 * status, and JSON bodies for the errors Vert.x Web answers itself (404, 405, 413, 500).
 */
public final class OpsRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OpsRoutes.class);

    private OpsRoutes() {
    }

    /**
     * Installs the request metrics first (so they see every request) and the ops endpoints.
     *
     * @param ready what {@code /ready} checks
     */
    public static void install(Router router, PrometheusMeterRegistry registry, Readiness ready) {
        Map<String, RouteMeters> meters = new ConcurrentHashMap<>();
        router.route().order(-1).handler(ctx -> {
            long start = System.nanoTime();
            ctx.addEndHandler(ignored -> record(registry, meters, ctx, start));
            ctx.next();
        });
        router.get("/health").handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/ready").handler(ctx -> ready.evaluate().onSuccess(report ->
                Responses.json(ctx, "UP".equals(report.getString("status")) ? 200 : 503, report)));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
        router.route().failureHandler(OpsRoutes::failure);
        router.errorHandler(404, ctx -> Responses.error(ctx, 404, "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> Responses.error(ctx, 405, "method not allowed: " + ctx.request().method()));
    }

    /** The meters of one route and status, built once: building them per request costs more than recording. */
    private record RouteMeters(Counter requests, Timer duration) {
    }

    private static void record(PrometheusMeterRegistry registry, Map<String, RouteMeters> built, RoutingContext ctx, long startNanos) {
        Route route = ctx.currentRoute();
        String path = route == null || route.getPath() == null ? "other" : route.getPath();
        String status = Integer.toString(ctx.response().getStatusCode());
        RouteMeters meters = built.computeIfAbsent(path + " " + status, k -> new RouteMeters(
                Counter.builder("bidtrack_http_requests").description("HTTP requests answered, by route and status")
                        .tag("route", path).tag("status", status).register(registry),
                Timer.builder("bidtrack_http_request_duration").description("time to answer an HTTP request")
                        .tag("route", path).publishPercentileHistogram().register(registry)));
        meters.requests().increment();
        meters.duration().record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private static void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        int status = ctx.statusCode() == -1 ? 500 : ctx.statusCode();
        if (status == 500) {
            LOG.warn("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        String message = switch (status) {
            case 413 -> "request body too large";
            case 400 -> "bad request";
            case 500 -> "internal error";
            default -> "request failed";
        };
        Responses.error(ctx, status, message);
    }
}
