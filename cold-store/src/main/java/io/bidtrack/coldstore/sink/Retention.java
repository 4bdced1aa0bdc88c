package io.bidtrack.coldstore.sink;

import io.bidtrack.coldstore.table.LakeHours;
import io.bidtrack.coldstore.table.LakeTable;
import io.bidtrack.coldstore.table.TrinoSession;
import io.bidtrack.common.ids.BidId.LakePartition;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drops the partitions of a lake table whose hour ended more than the retention ago (the
 * attribution window: no event can be attributed to a bid that old): first from Trino's metastore,
 * so that queries no longer read them, then their folder from the lake.
 *
 * <p>That order makes a crash in between harmless: the folder, no longer registered, is found again
 * by the next run, which unregisters (already done: fine) and deletes it. The partitions to look at
 * are those the metastore knows and those the lake holds, so that neither a folder without a
 * registration nor a registration without a folder is left behind.
 *
 * <p>It runs on the table's sink thread, between rotations ({@link TableSink}): the sink is then
 * neither writing nor registering a partition, so no file it writes can land in a folder being
 * deleted, and the sink can forget that it registered the partitions that are gone.
 */
final class Retention {
    private final LakeTable table;
    private final LakeStorage lake;
    private final TrinoSession trino;
    private final Duration keep;

    Retention(LakeTable table, LakeStorage lake, TrinoSession trino, Duration keep) {
        this.table = table;
        this.lake = lake;
        this.trino = trino;
        this.keep = keep;
    }

    Duration keep() {
        return keep;
    }

    /** Whether the partition's hour ended more than the retention before {@code now}. */
    boolean isExpired(LakePartition partition, Instant now) {
        return LakeHours.end(partition).map(end -> end.plus(keep).isBefore(now)).orElse(false);
    }

    /** The expired partitions, registered in Trino or present in the lake, oldest first. */
    Set<LakePartition> expired(Instant now) throws IOException, SQLException {
        Set<LakePartition> candidates = new TreeSet<>(Comparator.comparing(LakePartition::path));
        candidates.addAll(registered());
        candidates.addAll(lake.partitions(table.directory()));
        candidates.removeIf(partition -> !isExpired(partition, now));
        return candidates;
    }

    /** Unregisters the partition (if it is registered), then deletes its folder and files (if there are any). */
    void drop(LakePartition partition) throws IOException, SQLException {
        try {
            trino.execute(table.unregisterPartitionSql(partition));
        } catch (SQLException e) {
            // Found only in the lake, or unregistered by a run that crashed before deleting the folder.
            if (e.getMessage() == null || !e.getMessage().contains("does not exist")) {
                throw e;
            }
        }
        lake.deletePartition(table.directory(), partition);
    }

    private List<LakePartition> registered() throws SQLException {
        return trino.run(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(table.registeredPartitionsSql())) {
                List<LakePartition> partitions = new ArrayList<>();
                while (rows.next()) {
                    partitions.add(new LakePartition(rows.getString(1), rows.getString(2)));
                }
                return partitions;
            }
        });
    }
}
