package io.bidtrack.loadgen.bench;

import io.bidtrack.common.web.VertxFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.CountDownLatch;

/**
 * The reference of {@code bench hotpath}: an HTTP server, in its own JVM like the stack's
 * services, on the same Vert.x with one event loop per core, that reads each request's body and
 * answers 204 without doing anything else. Driven with the bidder's own requests at the bidder's
 * rate, it shows what this machine, its kernel's loopback TCP and the load generator leave for the
 * bid path itself: the floor below which no bidder on these cores can go.
 * <p>
 * Usage: {@code FloorServer PORT}.
 */
public final class FloorServer {
    private FloorServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = VertxFactory.create();
        int loops = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < loops; i++) {
            // Servers on the same port share it, one per event loop, as the services do (HttpEndpoint).
            vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                    .requestHandler(req -> req.body().onComplete(body -> req.response().setStatusCode(204).end()))
                    .listen(port).await();
        }
        System.out.println("floor server listening on " + port);
        new CountDownLatch(1).await();
    }
}
