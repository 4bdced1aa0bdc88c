package io.bidtrack.tracker;

import io.bidtrack.common.config.Env;
import io.bidtrack.common.web.VertxFactory;
import io.vertx.core.Vertx;

/**
 * Runs the tracker on its own: {@code TrackerMain [--config FILE]}, every setting also a
 * BIDTRACK_* variable (see {@link TrackerConfig}).
 */
public final class TrackerMain {
    private TrackerMain() {
    }

    public static void main(String[] args) {
        TrackerConfig config;
        try {
            config = TrackerConfig.fromEnv(Env.fromArgs(args, System.getenv()));
        } catch (IllegalArgumentException e) {
            // Bad settings are the operator's to fix: say which, without a stack trace.
            System.err.println("tracker: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = VertxFactory.create();
        TrackerService service;
        try {
            service = TrackerService.start(vertx, config).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("tracker failed to start: " + cause.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> service.close().eventually(vertx::close)
                .toCompletionStage().toCompletableFuture().join(), "tracker-shutdown"));
    }
}
