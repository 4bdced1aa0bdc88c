package io.bidtrack.infra.trino;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts the real Trino once for the class, in its child JVM, and exercises the lake exactly as
 * the cold store will: Parquet files under {@code <lake>/bids/dt=.../hour=...}, registered as
 * partitions of an external table, then queried over JDBC. The last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrinoProcessTest {
    @TempDir
    static Path lakeDir;
    @TempDir
    static Path workDir;

    private static TrinoProcess trino;

    @BeforeAll
    static void startTrino() throws IOException {
        trino = TrinoProcess.start(TrinoProcess.defaultTargetDir(), freePort(), lakeDir, workDir.resolve("trino.log"));
    }

    @AfterAll
    static void stopTrino() {
        if (trino != null) {
            trino.close();
        }
    }

    @Test
    @Order(1)
    void answersOnTheLoopbackPortItWasGiven() throws SQLException {
        assertEquals("jdbc:trino://127.0.0.1:" + trino.port() + "?user=bidtrack", trino.jdbcUrl());
        assertEquals(List.of(List.of("lake")), query("SHOW CATALOGS LIKE 'lake'"));
    }

    @Test
    @Order(2)
    void readsParquetFilesFromRegisteredPartitionsOfTheLake() throws Exception {
        execute("CREATE SCHEMA IF NOT EXISTS lake.bidtrack");
        execute("""
                CREATE TABLE lake.bidtrack.bids (id varchar, campaign varchar, price double, dt varchar, hour varchar)
                WITH (format = 'PARQUET', partitioned_by = ARRAY['dt', 'hour'], external_location = 'local:///bids')""");
        // Trino writes the first Parquet file itself; the stack's test classpath has no Parquet writer.
        execute("INSERT INTO lake.bidtrack.bids VALUES ('id-1', 'c1', 1.25, '2026-01-01', '00'), ('id-2', 'c2', 0.5, '2026-01-01', '00')");
        Path hour00 = lakeDir.resolve("bids/dt=2026-01-01/hour=00");
        List<Path> written = files(hour00);
        assertFalse(written.isEmpty(), "the insert should have written a data file under " + hour00);

        // The cold store's way in: a finished file appears in a new partition directory...
        Path hour01 = Files.createDirectories(lakeDir.resolve("bids/dt=2026-01-01/hour=01"));
        Files.copy(written.getFirst(), hour01.resolve("bids+0+0.parquet"));
        assertEquals(List.of(List.of("0")), query("SELECT count(*) FROM lake.bidtrack.bids WHERE hour = '01'"),
                "a partition nobody registered is invisible");

        // ...and becomes visible once registered in the metastore.
        execute("CALL lake.system.register_partition('bidtrack', 'bids', ARRAY['dt', 'hour'], ARRAY['2026-01-01', '01'])");
        assertEquals(List.of(List.of("id-1", "c1", "1.25"), List.of("id-2", "c2", "0.5")),
                query("SELECT id, campaign, price FROM lake.bidtrack.bids WHERE dt = '2026-01-01' AND hour = '01' ORDER BY id"));
        assertEquals(List.of(List.of("00", "2"), List.of("01", "2")),
                query("SELECT hour, count(*) FROM lake.bidtrack.bids GROUP BY hour ORDER BY hour"));
    }

    @Test
    @Order(3)
    void refusesToStartOnAPortThatIsTaken() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                TrinoProcess.start(TrinoProcess.defaultTargetDir(), trino.port(), lakeDir, workDir.resolve("second.log")));
        assertTrue(e.getMessage().contains("already in use"), e.getMessage());
    }

    @Test
    @Order(4)
    void aChildThatDiesWhileStartingIsReportedWithItsLog() throws IOException {
        // A target dir with our main class but none of Trino's jars: the child JVM exits at once.
        Path brokenTarget = workDir.resolve("broken-target");
        Path mainClass = Path.of("classes", "io", "bidtrack", "infra", "trino", "TrinoServerMain.class");
        Files.createDirectories(brokenTarget.resolve(mainClass).getParent());
        Files.copy(TrinoProcess.defaultTargetDir().resolve(mainClass), brokenTarget.resolve(mainClass));
        Files.createDirectories(brokenTarget.resolve("lib"));
        Path log = workDir.resolve("broken.log");

        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                TrinoProcess.start(brokenTarget, freePort(), lakeDir, log));
        assertTrue(e.getMessage().contains("exited with code") && e.getMessage().contains(log.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("NoClassDefFoundError"), "the message should quote the log: " + e.getMessage());
    }

    @Test
    @Order(5)
    void closeStopsTheChildJvmAndFreesThePort() {
        long pid = trino.pid();
        assertTrue(isOurChild(pid), "trino should run as a child of this JVM");

        trino.close();
        trino.close(); // idempotent

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "trino's JVM should be gone");
        assertFalse(isOurChild(pid), "no child process should be left");
        assertTrue(isFree(trino.port()), "port " + trino.port() + " should be free after close");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(trino.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Every row as a list of strings, so expectations read like the query result. */
    private static List<List<String>> query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(trino.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<String>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static boolean isOurChild(long pid) {
        return ProcessHandle.current().children().anyMatch(child -> child.pid() == pid);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
