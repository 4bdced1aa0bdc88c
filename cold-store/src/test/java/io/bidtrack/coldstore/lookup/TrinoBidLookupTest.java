package io.bidtrack.coldstore.lookup;

import io.bidtrack.common.ids.BidId;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The lookup's failure path; finding bids is covered on the real Trino by ColdPipelineTest. */
class TrinoBidLookupTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void aQueryThatCannotReachTrinoFailsTheFutureWithTheCause() throws Exception {
        try (TrinoBidLookup lookup = new TrinoBidLookup(vertx, "jdbc:trino://127.0.0.1:" + closedPort() + "?user=bidtrack")) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> lookup.find(BidId.mint()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertInstanceOf(SQLException.class, e.getCause());
        }
    }

    /** A port nothing listens on: taken from the OS, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
