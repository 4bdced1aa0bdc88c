package io.bidtrack.common.web;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service's HTTP port served from several event loops. One server created from a plain thread
 * runs on a single event loop, which caps the service at one core and makes every service of a
 * JVM (the demo runs them all in one) share it. Vert.x lets servers of one instance share a port
 * and hands each new connection to the next of them, so one server per event loop, each deployed
 * as a verticle of its own, spreads the connections over the cores. The handler must therefore be
 * thread-safe (the services' handlers keep their state in concurrent structures).
 */
public final class HttpEndpoint {
    private static final AtomicInteger NEXT_SHARED_RANDOM_PORT = new AtomicInteger();
    private final Vertx vertx;
    private final List<String> deployments;
    private final int port;

    private HttpEndpoint(Vertx vertx, List<String> deployments, int port) {
        this.vertx = vertx;
        this.deployments = deployments;
        this.port = port;
    }

    /**
     * Listens on {@code port} (0: a free one) with {@code eventLoops} servers.
     *
     * @param eventLoops how many event loops serve the port; at least 1
     */
    public static Future<HttpEndpoint> listen(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler,
                                              int port, int eventLoops) {
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be at least 1, got " + eventLoops);
        }
        // Port 0 asks every server for a port of its own; a negative port asks Vert.x for one
        // random port that all servers listening on that same negative port share. Each endpoint
        // takes a negative number of its own, or two services of one JVM would share a port.
        int listenPort = port == 0 ? NEXT_SHARED_RANDOM_PORT.decrementAndGet() : port;
        AtomicInteger actualPort = new AtomicInteger();
        return vertx.deployVerticle(() -> new ServerVerticle(options, handler, listenPort, actualPort),
                        new DeploymentOptions().setInstances(eventLoops))
                .map(id -> new HttpEndpoint(vertx, List.of(id), actualPort.get()));
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Stops listening on every event loop. */
    public Future<Void> close() {
        List<Future<Void>> undeploying = new ArrayList<>();
        for (String id : deployments) {
            undeploying.add(vertx.undeploy(id));
        }
        return Future.join(undeploying).mapEmpty();
    }

    /** One server on the event loop Vert.x gives this verticle. */
    private static final class ServerVerticle extends VerticleBase {
        private final HttpServerOptions options;
        private final Handler<HttpServerRequest> handler;
        private final int port;
        private final AtomicInteger actualPort;

        ServerVerticle(HttpServerOptions options, Handler<HttpServerRequest> handler, int port, AtomicInteger actualPort) {
            this.options = options;
            this.handler = handler;
            this.port = port;
            this.actualPort = actualPort;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(new HttpServerOptions(options)).requestHandler(handler).listen(port)
                    .onSuccess(s -> actualPort.set(s.actualPort()));
        }
    }
}
