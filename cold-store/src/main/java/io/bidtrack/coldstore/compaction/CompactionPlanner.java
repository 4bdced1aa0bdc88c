package io.bidtrack.coldstore.compaction;

import io.bidtrack.coldstore.sink.LakeFile;
import io.bidtrack.coldstore.sink.LakeFileName;
import io.bidtrack.coldstore.table.LakeHours;
import io.bidtrack.common.ids.BidId.LakePartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which partitions of a table to compact now, and which of their files, from a listing of the
 * lake and the sink's committed offsets. Pure: it reads and writes nothing.
 *
 * <p>A partition is compacted when its hour ended at least {@code after} ago, when it is not about
 * to be dropped by retention (which runs on the sink's thread, not this one), and when it holds at
 * least two mergeable files of which one at least is not a merged file already. Mergeable are the
 * files compaction wrote and the sink's files whose records are all below their Kafka partition's
 * committed offset: the sink never looks for those again (see {@code StoredRanges}). Files of the
 * sink's older naming, which do not say where they end, are left alone.
 */
final class CompactionPlanner {
    /** Files merged at most in one pass over a partition, which bounds the readers open at once; the rest waits for the next pass. */
    static final int MAX_SOURCES = 400;
    /** Partitions this close to the retention are left to it. */
    private static final Duration RETENTION_MARGIN = Duration.ofHours(1);

    /** One partition's merge: the files to merge, and the name of the file that replaces them. */
    record Merge(LakePartition partition, List<LakeFile> sources, String mergedName) {
        Manifest manifest() {
            return new Manifest(mergedName, sources.stream().map(LakeFile::name).toList());
        }

        /** The same merge of the first {@code count} sources only (named after those). */
        Merge firstSources(int count, String table) {
            List<LakeFile> kept = List.copyOf(sources.subList(0, count));
            return new Merge(partition, kept, CompactionNames.merged(table, kept.stream().map(LakeFile::name).toList()));
        }
    }

    private final String table;
    private final Duration after;
    private final Duration retention;

    CompactionPlanner(String table, Duration after, Duration retention) {
        this.table = table;
        this.after = after;
        this.retention = retention;
    }

    /**
     * @param files     every file of the table ({@code LakeStorage.list})
     * @param committed per Kafka partition of the table's topic, its sink's committed offset (partitions
     *                  without one have nothing mergeable)
     */
    List<Merge> plan(List<LakeFile> files, Map<Integer, Long> committed, Instant now) {
        Map<LakePartition, List<LakeFile>> byPartition = new TreeMap<>(Comparator.comparing(LakePartition::path));
        for (LakeFile file : files) {
            byPartition.computeIfAbsent(file.partition(), p -> new ArrayList<>()).add(file);
        }
        List<Merge> merges = new ArrayList<>();
        byPartition.forEach((partition, partitionFiles) -> mergeOf(partition, partitionFiles, committed, now).ifPresent(merges::add));
        return merges;
    }

    private Optional<Merge> mergeOf(LakePartition partition, List<LakeFile> files, Map<Integer, Long> committed, Instant now) {
        Optional<Instant> end = LakeHours.end(partition);
        if (end.isEmpty() || end.get().plus(after).isAfter(now) || !end.get().plus(retention).minus(RETENTION_MARGIN).isAfter(now)) {
            return Optional.empty();
        }
        if (files.stream().anyMatch(f -> CompactionNames.isManifest(table, f.name())
                || f.isTemporary() && CompactionNames.isOwnTemporary(table, f.intendedName()))) {
            return Optional.empty(); // a merge not finished yet: recovery comes first
        }
        List<LakeFile> merged = new ArrayList<>();
        List<LakeFile> sinkFiles = new ArrayList<>();
        for (LakeFile file : files) {
            if (CompactionNames.isMerged(table, file.name())) {
                merged.add(file);
            } else if (isCommitted(file, committed)) {
                sinkFiles.add(file);
            }
        }
        if (sinkFiles.isEmpty() || merged.size() + sinkFiles.size() < 2) {
            return Optional.empty();
        }
        // Merged files first: a merge that has to stop early (Compactor) then still folds its files into them.
        List<LakeFile> sources = new ArrayList<>(merged);
        sinkFiles.sort(Comparator.comparing(LakeFile::name));
        sources.addAll(sinkFiles.subList(0, Math.min(sinkFiles.size(), Math.max(1, MAX_SOURCES - merged.size()))));
        return Optional.of(new Merge(partition, List.copyOf(sources),
                CompactionNames.merged(table, sources.stream().map(LakeFile::name).toList())));
    }

    private boolean isCommitted(LakeFile file, Map<Integer, Long> committed) {
        if (file.isTemporary()) {
            return false;
        }
        return LakeFileName.parse(table, file.name())
                .map(name -> {
                    Long offset = committed.get(name.kafkaPartition());
                    return offset != null && name.lastOffset() < offset;
                })
                .orElse(false);
    }
}
