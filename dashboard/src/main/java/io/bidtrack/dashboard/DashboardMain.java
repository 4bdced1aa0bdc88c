package io.bidtrack.dashboard;

import io.bidtrack.common.config.Env;
import io.bidtrack.common.web.VertxFactory;
import io.vertx.core.Vertx;

/**
 * Runs the dashboard on its own: {@code dashboard [--config FILE]}, every setting also a BIDTRACK_*
 * variable (see {@link DashboardConfig}). {@code ./bidtrack demo} starts one itself.
 */
public final class DashboardMain {
    private DashboardMain() {
    }

    public static void main(String[] args) {
        DashboardConfig config;
        try {
            config = DashboardConfig.fromEnv(Env.fromArgs(args, System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("dashboard: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = VertxFactory.create();
        DashboardService service;
        try {
            service = DashboardService.start(vertx, config).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("dashboard failed to start: " + cause.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        System.out.println("dashboard ready: http://127.0.0.1:" + service.port() + "/");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> service.close().eventually(vertx::close)
                .toCompletionStage().toCompletableFuture().join(), "dashboard-shutdown"));
    }
}
