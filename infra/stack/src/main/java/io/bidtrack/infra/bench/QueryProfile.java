package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.table.TrinoSession;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoResultSet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * What Trino itself reports for a lookup query, averaged over a few: splits, rows and bytes it
 * read, planning and CPU time. Bytes read is what the bloom filter and the sorting are for; the
 * latencies alone hide it behind Trino's fixed cost per query.
 */
record QueryProfile(int queries, double splits, double rows, double bytes, double planningMillis, double cpuMillis,
                    double elapsedMillis) {

    /** Runs each query (through JDBC, on the caller's thread, never an event loop) and averages its stats. */
    static QueryProfile of(TrinoSession trino, List<String> queries) throws SQLException {
        double splits = 0;
        double rows = 0;
        double bytes = 0;
        double planning = 0;
        double cpu = 0;
        double elapsed = 0;
        for (String sql : queries) {
            QueryStats stats = trino.run(connection -> {
                try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
                    while (result.next()) {
                        // Read to the end: the stats are final once the query has finished.
                    }
                    return result.unwrap(TrinoResultSet.class).getStats();
                }
            });
            splits += stats.getTotalSplits();
            rows += stats.getProcessedRows();
            bytes += stats.getPhysicalInputBytes();
            planning += stats.getPlanningTimeMillis();
            cpu += stats.getCpuTimeMillis();
            elapsed += stats.getElapsedTimeMillis();
        }
        int n = queries.size();
        return new QueryProfile(n, splits / n, rows / n, bytes / n, planning / n, cpu / n, elapsed / n);
    }

    /** For example "read 1.2 MiB, 31,000 rows, 12 splits". */
    String reads() {
        return String.format(Locale.ROOT, "%s, %s rows, %.0f splits", Report.bytes(Math.round(bytes)), Report.count(rows), splits);
    }

    /** For example "planning 20 ms, CPU 35 ms, elapsed 80 ms". */
    String times() {
        return "planning " + Report.millis(planningMillis) + ", CPU " + Report.millis(cpuMillis) + ", elapsed " + Report.millis(elapsedMillis);
    }
}
