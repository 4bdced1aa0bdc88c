package io.bidtrack.coldstore.table;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One JDBC connection to Trino, opened on first use and reopened after a failure. A Trino JDBC
 * connection holds no server-side session (every statement is its own HTTP query), so sharing it
 * between threads is safe and saves a handshake per query.
 */
public final class TrinoSession implements AutoCloseable {
    private final String jdbcUrl;
    private Connection connection;
    private boolean closed;

    public TrinoSession(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on the connection. Any failure drops the connection so that the next call
     * reconnects: telling a broken connection from a failed query is not worth it when a new Trino
     * connection costs no round trip.
     */
    public <T> T run(Work<T> work) throws SQLException {
        Connection current = connection();
        try {
            return work.run(current);
        } catch (SQLException | RuntimeException e) {
            discard(current);
            throw e;
        }
    }

    public void execute(String sql) throws SQLException {
        run(c -> {
            try (var statement = c.createStatement()) {
                return statement.execute(sql);
            }
        });
    }

    private synchronized Connection connection() throws SQLException {
        if (closed) {
            throw new SQLException("trino session is closed");
        }
        if (connection == null) {
            connection = DriverManager.getConnection(jdbcUrl);
        }
        return connection;
    }

    private synchronized void discard(Connection failed) {
        if (connection == failed) {
            connection = null;
            closeQuietly(failed);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing a Trino connection only marks it closed; there is nothing to recover.
        }
    }
}
