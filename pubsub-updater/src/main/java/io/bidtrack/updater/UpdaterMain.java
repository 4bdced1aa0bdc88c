package io.bidtrack.updater;

import io.bidtrack.common.config.Env;
import io.bidtrack.common.web.VertxFactory;
import io.vertx.core.Vertx;

/**
 * Runs the updater on its own, configured by BIDTRACK_* environment variables over an optional
 * config file ({@code --config FILE} or {@code BIDTRACK_CONFIG}); see {@link UpdaterConfig}.
 */
public final class UpdaterMain {
    private UpdaterMain() {
    }

    public static void main(String[] args) {
        UpdaterConfig config;
        try {
            config = UpdaterConfig.fromEnv(Env.fromArgs(args, System.getenv()));
        } catch (IllegalArgumentException e) {
            // A bad setting is the operator's to fix: say which one, without a stack trace.
            System.err.println("updater: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = VertxFactory.create();
        UpdaterService service;
        try {
            service = UpdaterService.start(vertx, config).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            System.err.println("updater failed to start: " + cause.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> service.close().eventually(vertx::close)
                .toCompletionStage().toCompletableFuture().join(), "updater-shutdown"));
    }
}
