package io.bidtrack.bidder;

import io.bidtrack.common.config.Env;
import io.vertx.core.Vertx;

/** Runs the bidder on its own, configured by BIDTRACK_* environment variables (see {@link BidderConfig}). */
public final class BidderMain {
    private BidderMain() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        BidderService service;
        try {
            service = BidderService.start(vertx, BidderConfig.fromEnv(Env.system()))
                    .toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            System.err.println("bidder failed to start: " + e.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> service.close().eventually(vertx::close)
                .toCompletionStage().toCompletableFuture().join(), "bidder-shutdown"));
    }
}
