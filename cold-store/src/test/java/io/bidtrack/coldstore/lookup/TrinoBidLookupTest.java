package io.bidtrack.coldstore.lookup;

import io.bidtrack.common.ids.BidId;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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

    @Test
    void aPartitionQueryToATrinoThatNeverAnswersGivesUpInsteadOfHoldingItsThread() throws Exception {
        // A server that accepts connections and never answers: Trino hung, or a network that drops replies.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TrinoBidLookup lookup = new TrinoBidLookup(vertx, TrinoBidLookup.withHttpTimeout(
                     "jdbc:trino://127.0.0.1:" + silent.getLocalPort() + "?user=bidtrack", Duration.ofSeconds(1)))) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            UUID id = BidId.mint();
            long start = System.nanoTime();
            // Without the timeouts each request waits 30 s and the client retries for 999 days; the guard only says "it returned".
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(SQLException.class,
                    () -> lookup.findInPartition(BidId.partitionOf(id), List.of(id), Duration.ofSeconds(1))));
            System.out.println("a partition query to a silent server gave up after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms (query timeout 1s, HTTP timeout 2s)");
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void theHttpTimeoutJoinsTheUrlUnlessItSetsOne() {
        assertEquals("jdbc:trino://h:1?user=u&timeout=5000ms", TrinoBidLookup.withHttpTimeout("jdbc:trino://h:1?user=u", Duration.ofSeconds(5)));
        assertEquals("jdbc:trino://h:1?timeout=2000ms", TrinoBidLookup.withHttpTimeout("jdbc:trino://h:1", Duration.ofMillis(300)));
        assertEquals("jdbc:trino://h:1?user=u&timeout=1m", TrinoBidLookup.withHttpTimeout("jdbc:trino://h:1?user=u&timeout=1m", Duration.ofSeconds(5)));
    }

    @Test
    void aPartitionQueryNeedsAPositiveTimeout() {
        try (TrinoBidLookup lookup = new TrinoBidLookup(vertx, "jdbc:trino://127.0.0.1:1?user=bidtrack")) {
            UUID id = BidId.mint();
            assertThrows(IllegalArgumentException.class, () -> lookup.findInPartition(BidId.partitionOf(id), List.of(id), Duration.ZERO));
        }
    }

    /** A port nothing listens on: taken from the OS, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
