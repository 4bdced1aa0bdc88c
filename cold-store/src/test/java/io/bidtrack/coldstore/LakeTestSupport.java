package io.bidtrack.coldstore;

import io.vertx.core.Future;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** What the cold-store integration tests (local lake, S3 lake) all need: waiting, Trino queries, free ports. */
public final class LakeTestSupport {
    /** How long a test waits for the sink or Trino before it fails. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private LakeTestSupport() {
    }

    /** Polls {@code condition} every 100 ms; fails the test naming {@code what} after {@link #WAIT}. */
    public static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + WAIT + " waiting for " + what);
            Thread.sleep(100);
        }
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every row of {@code sql}'s result, each column as a string. */
    public static List<List<String>> query(String jdbcUrl, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<String>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) row.add(rows.getString(i));
                result.add(row);
            }
            return result;
        }
    }

    /** A loopback port nothing listens on: taken from the OS, then released. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
