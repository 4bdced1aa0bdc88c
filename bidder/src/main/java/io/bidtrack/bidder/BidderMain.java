package io.bidtrack.bidder;

import io.bidtrack.common.config.Env;
import io.bidtrack.common.web.VertxFactory;
import io.vertx.core.Vertx;

/**
 * Runs the bidder on its own: {@code bidder [--config FILE]}, every setting also a BIDTRACK_*
 * variable (see {@link BidderConfig}).
 */
public final class BidderMain {
    private BidderMain() {
    }

    public static void main(String[] args) {
        BidderConfig config;
        try {
            config = BidderConfig.fromEnv(Env.fromArgs(args, System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("bidder: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = VertxFactory.create();
        BidderService service;
        try {
            service = BidderService.start(vertx, config).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("bidder failed to start: " + cause.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> service.close().eventually(vertx::close)
                .toCompletionStage().toCompletableFuture().join(), "bidder-shutdown"));
    }
}
