package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.table.BidsTable;
import io.bidtrack.coldstore.table.TrinoSession;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.infra.trino.TrinoProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Trino in a child JVM over one lake directory, with the bids table created. The lookup client
 * always queries {@code lake.bidtrack.bids}, the table under {@code <lake>/bids}, so each lake of
 * the benchmark gets a Trino of its own, one after the other.
 */
final class LakeTrino implements AutoCloseable {
    private final TrinoProcess process;
    private final TrinoSession session;
    private final long startMillis;

    private LakeTrino(TrinoProcess process, long startMillis) {
        this.process = process;
        this.session = new TrinoSession(process.jdbcUrl());
        this.startMillis = startMillis;
    }

    /** Starts Trino on a free port over {@code lakeRoot} and creates the schema and the bids table. */
    static LakeTrino start(Path lakeRoot, Path logFile) throws SQLException {
        long t0 = System.nanoTime();
        TrinoProcess process = TrinoProcess.start(TrinoProcess.defaultTargetDir(), freePort(), lakeRoot, logFile);
        LakeTrino trino = new LakeTrino(process, (System.nanoTime() - t0) / 1_000_000);
        try {
            trino.session.execute(BidsTable.createSchemaSql());
            trino.session.execute(BidsTable.createTableSql());
        } catch (SQLException | RuntimeException e) {
            trino.close();
            throw e;
        }
        return trino;
    }

    /**
     * Makes the partitions visible. A cached lake keeps its metastore (inside the lake directory),
     * so its partitions may be registered already, which is fine.
     */
    void register(Collection<LakePartition> partitions) throws SQLException {
        for (LakePartition partition : partitions) {
            try {
                session.execute(BidsTable.registerPartitionSql(partition));
            } catch (SQLException e) {
                if (e.getMessage() == null || !e.getMessage().toLowerCase().contains("already")) {
                    throw e;
                }
            }
        }
    }

    String jdbcUrl() {
        return process.jdbcUrl();
    }

    TrinoSession session() {
        return session;
    }

    long startMillis() {
        return startMillis;
    }

    /** The child JVM's -Xmx, read from its command line, for the machine facts. */
    String heap() {
        List<String> args = ProcessHandle.of(process.pid()).flatMap(p -> p.info().arguments()).map(List::of).orElse(List.of());
        return args.stream().filter(a -> a.startsWith("-Xmx")).map(a -> a.substring(4)).findFirst().orElse("JVM default");
    }

    @Override
    public void close() {
        session.close();
        process.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
