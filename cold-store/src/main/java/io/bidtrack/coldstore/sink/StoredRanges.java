package io.bidtrack.coldstore.sink;

import io.bidtrack.common.ids.BidId.LakePartition;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which records of the sink's Kafka partitions a lake table already holds, known from file names alone.
 *
 * <p>Why: a crash after a file is published but before its offsets are committed makes the next
 * run consume the same records again, and its poll batches may differ from the first run's, so it
 * would not rebuild the same files: rewriting would store those records twice. Instead the sink skips
 * every record that is already stored. The rule is exact: record (p, offset) of lake partition L
 * is stored if and only if some file of L for Kafka partition p has first &lt;= offset &lt;= last
 * (see {@link LakeFileName}).
 *
 * <p>Records below the committed offset are never consumed again, so only files reaching that
 * offset matter: the index is loaded for a partition when the sink is assigned it, grows as files
 * are published, and shrinks when offsets are committed. Between crashes it is empty.
 *
 * <p>Files of the older naming ({@code bids+<p>+<first>.parquet}, written by versions that replaced
 * a file on replay) are not indexed: their names do not say where they end. An upgrade from such a
 * version is exactly-once when the old sink stopped cleanly, which commits everything it stored.
 */
final class StoredRanges {
    private record Key(int kafkaPartition, LakePartition lakePartition) {
    }

    private final String table;
    private final Map<Key, Set<LakeFileName>> files = new HashMap<>();

    /** @param table the table whose files are indexed (files of other names are ignored) */
    StoredRanges(String table) {
        this.table = table;
    }

    /** Whether the record at {@code offset} of {@code kafkaPartition}, a record of {@code lakePartition}, is stored. */
    boolean contains(int kafkaPartition, LakePartition lakePartition, long offset) {
        Set<LakeFileName> candidates = files.get(new Key(kafkaPartition, lakePartition));
        return candidates != null && candidates.stream().anyMatch(file -> file.covers(offset));
    }

    void add(LakePartition lakePartition, LakeFileName file) {
        files.computeIfAbsent(new Key(file.kafkaPartition(), lakePartition), k -> new HashSet<>()).add(file);
    }

    /**
     * Indexes, among {@code files} of the table (from {@link LakeStorage#list}), those that hold
     * records at or above the committed offset of their Kafka partition.
     *
     * @param committed per Kafka partition to index, the offset the sink resumes from
     * @return how many files were indexed
     */
    int load(List<LakeFile> files, Map<Integer, Long> committed) {
        int loaded = 0;
        for (LakeFile file : files) {
            Optional<LakeFileName> name = LakeFileName.parse(table, file.name());
            if (name.isEmpty()) {
                continue; // a temporary file, or a file of the older naming
            }
            Long from = committed.get(name.get().kafkaPartition());
            if (from != null && name.get().lastOffset() >= from) {
                add(file.partition(), name.get());
                loaded++;
            }
        }
        return loaded;
    }

    /** Forgets partitions the sink no longer owns: their next owner indexes them afresh. */
    void forget(Collection<Integer> kafkaPartitions) {
        files.keySet().removeIf(key -> kafkaPartitions.contains(key.kafkaPartition()));
    }

    /** Forgets the files of a lake partition that retention deleted. */
    void forget(LakePartition lakePartition) {
        files.keySet().removeIf(key -> key.lakePartition().equals(lakePartition));
    }

    /** Drops files whose records all lie below {@code committedOffset}: they will not be consumed again. */
    void committed(int kafkaPartition, long committedOffset) {
        files.entrySet().removeIf(entry -> {
            if (entry.getKey().kafkaPartition() != kafkaPartition) {
                return false;
            }
            entry.getValue().removeIf(file -> file.lastOffset() < committedOffset);
            return entry.getValue().isEmpty();
        });
    }

    /** The lake partitions that indexed files lie in. */
    Set<LakePartition> lakePartitions() {
        Set<LakePartition> partitions = new HashSet<>();
        files.keySet().forEach(key -> partitions.add(key.lakePartition()));
        return partitions;
    }

    /** How many files are indexed. */
    int size() {
        return files.values().stream().mapToInt(Set::size).sum();
    }

    /** The partition of a folder {@code dt=2026-11-24/hour=07} relative to the table, else empty. */
    static Optional<LakePartition> lakePartitionOf(Path folder) {
        if (folder == null || folder.getNameCount() != 2) {
            return Optional.empty();
        }
        String dt = folder.getName(0).toString();
        String hour = folder.getName(1).toString();
        if (!dt.startsWith("dt=") || !hour.startsWith("hour=")) {
            return Optional.empty();
        }
        return Optional.of(new LakePartition(dt.substring("dt=".length()), hour.substring("hour=".length())));
    }
}
