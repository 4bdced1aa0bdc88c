package io.bidtrack.tracker;

import io.bidtrack.common.config.Env;
import io.vertx.core.Vertx;

/** Runs the tracker on its own, configured by BIDTRACK_* environment variables (see {@link TrackerConfig}). */
public final class TrackerMain {
    private TrackerMain() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        TrackerService service;
        try {
            service = TrackerService.start(vertx, TrackerConfig.fromEnv(Env.system()))
                    .toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            System.err.println("tracker failed to start: " + e.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> service.close().eventually(vertx::close)
                .toCompletionStage().toCompletableFuture().join(), "tracker-shutdown"));
    }
}
