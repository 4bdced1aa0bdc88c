package io.bidtrack.updater;

import io.bidtrack.common.config.Env;
import io.vertx.core.Vertx;

/** Runs the updater on its own, configured by BIDTRACK_* environment variables (see {@link UpdaterConfig}). */
public final class UpdaterMain {
    private UpdaterMain() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        UpdaterService service;
        try {
            service = UpdaterService.start(vertx, UpdaterConfig.fromEnv(Env.system()))
                    .toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            System.err.println("updater failed to start: " + e.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> service.close().eventually(vertx::close)
                .toCompletionStage().toCompletableFuture().join(), "updater-shutdown"));
    }
}
