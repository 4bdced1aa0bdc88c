package io.bidtrack.coldstore.compaction;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.sink.LakeFile;
import io.bidtrack.coldstore.sink.LakeParquet;
import io.bidtrack.coldstore.sink.LakeStorage;
import io.bidtrack.coldstore.sink.SinkTable;
import io.bidtrack.common.ids.BidId.LakePartition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compacts one lake table, on a thread of its own, every {@code cold.compact.check}: first it
 * finishes the merges of the pass before (deleting their sources, then their manifests), then it
 * merges the partitions {@link CompactionPlanner} finds due. See the package comment for the steps
 * and why a crash at any point loses and duplicates nothing.
 *
 * <p>It runs beside the table's sink, which may publish a late file into a partition being merged:
 * a merge touches only the files it names. The sink's retention is kept clear of by the planner.
 * A partition whose merge fails (a source that cannot be read, say) is logged and left alone until
 * the process restarts, rather than failed again every pass.
 */
public final class Compactor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A merge reads one row group of every source at once: about the whole file for the sink's
     * files (their groups are larger than the files), a group of {@link LakeParquet.Layout#COMPACTED}
     * for merged ones. Sources beyond this much are left to the next pass, which merges them into
     * this pass's file. An hour of 1,000,000 bids (180 files of about 1 MB) is one pass.
     */
    static final long MERGE_MEMORY = 256L << 20;

    private final LakeParquet parquet;
    private final String table;
    private final String topic;
    private final String groupId;
    private final LakeStorage lake;
    private final Admin admin;
    private final ColdStoreConfig.Compaction settings;
    private final CompactionPlanner planner;
    private final long mergeMemory;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Set<LakePartition> failed = new HashSet<>();
    private final AtomicLong merges = new AtomicLong();
    private final AtomicLong filesReplaced = new AtomicLong();
    private final AtomicLong rowsMerged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private Thread thread;

    /**
     * @param groupId   the consumer group of the table's sink, whose committed offsets say which files are mergeable
     * @param retention the sink's retention, whose partitions compaction keeps clear of
     */
    public Compactor(SinkTable<?> spec, String groupId, LakeStorage lake, Admin admin, ColdStoreConfig.Compaction settings,
                     Duration retention) {
        this(spec, groupId, lake, admin, settings, retention, MERGE_MEMORY);
    }

    /** As the public constructor, with another bound than {@link #MERGE_MEMORY} (the tests' small one). */
    Compactor(SinkTable<?> spec, String groupId, LakeStorage lake, Admin admin, ColdStoreConfig.Compaction settings,
              Duration retention, long mergeMemory) {
        this.mergeMemory = mergeMemory;
        this.parquet = spec.parquet();
        this.table = spec.table().directory();
        this.topic = spec.topic();
        this.groupId = groupId;
        this.lake = lake;
        this.admin = admin;
        this.settings = settings;
        this.planner = new CompactionPlanner(table, settings.after(), retention);
    }

    /** Starts the passes, the first one {@code cold.compact.check} from now. */
    public Compactor start() {
        thread = Thread.ofPlatform().name("cold-store-compact-" + table).daemon().start(this::run);
        return this;
    }

    /** The table it compacts (its folder in the lake, as the table's name). */
    public String table() {
        return table;
    }

    /** Partitions merged so far. */
    public long merges() {
        return merges.get();
    }

    /** Files deleted because a merged file replaced them. */
    public long filesReplaced() {
        return filesReplaced.get();
    }

    /** Rows written into merged files. */
    public long rowsMerged() {
        return rowsMerged.get();
    }

    /** Merges that failed (each logged). */
    public long failures() {
        return failures.get();
    }

    private void run() {
        try {
            while (!stop.await(settings.checkEvery().toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    runOnce(Instant.now());
                } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
                    LOG.warn("compaction of {}: pass failed, next in {}: {}", table, settings.checkEvery(), e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One pass, as the thread makes every {@code cold.compact.check}, with {@code now} as the time
     * (the cold benchmark passes a later one to compact hours that are still open).
     */
    public void runOnce(Instant now) throws IOException, ExecutionException, TimeoutException, InterruptedException {
        pass(now, committedOffsets());
    }

    /** A pass with the sink's committed offsets given (per Kafka partition). */
    void pass(Instant now, Map<Integer, Long> committed) throws IOException {
        finishEarlierMerges(lake.list(table));
        List<CompactionPlanner.Merge> due = planner.plan(lake.list(table), committed, now);
        for (CompactionPlanner.Merge merge : due) {
            if (stop.getCount() == 0) {
                return;
            }
            if (failed.contains(merge.partition())) {
                continue;
            }
            try {
                merge(merge);
            } catch (IOException | RuntimeException e) {
                failed.add(merge.partition());
                failures.incrementAndGet();
                LOG.warn("compaction of {}/{}: merging {} files failed; the partition is left as it is until restart: {}",
                        table, merge.partition().path(), merge.sources().size(), e.toString());
            }
        }
    }

    /**
     * Completes what earlier passes (or a run that crashed) left: a manifest whose merged file is
     * published has its sources deleted, then itself; a manifest whose merged file is not is
     * deleted, as are compaction's half-written files. A pass is single-threaded, so none of those
     * is being written while this runs.
     */
    private void finishEarlierMerges(List<LakeFile> files) throws IOException {
        Set<LakeFile> present = new HashSet<>(files);
        for (LakeFile file : files) {
            if (file.isTemporary() && CompactionNames.isOwnTemporary(table, file.intendedName())) {
                lake.delete(table, file);
                continue;
            }
            if (!CompactionNames.isManifest(table, file.name())) {
                continue;
            }
            Manifest manifest;
            try (LakeStorage.LocalCopy copy = lake.open(table, file)) {
                manifest = Manifest.parse(Files.readAllBytes(copy.path()));
            }
            if (present.contains(new LakeFile(file.partition(), manifest.merged()))) {
                for (String source : manifest.sources()) {
                    LakeFile sourceFile = new LakeFile(file.partition(), source);
                    if (present.contains(sourceFile)) {
                        lake.delete(table, sourceFile);
                        filesReplaced.incrementAndGet();
                    }
                }
            }
            lake.delete(table, file);
        }
    }

    private void merge(CompactionPlanner.Merge planned) throws IOException {
        long start = System.nanoTime();
        List<LakeStorage.LocalCopy> copies = new ArrayList<>();
        long[] rows = new long[1];
        try {
            long memory = 0;
            for (LakeFile source : planned.sources()) {
                if (copies.size() >= 2 && memory >= mergeMemory) {
                    break;
                }
                LakeStorage.LocalCopy copy = lake.open(table, source);
                copies.add(copy);
                memory += CompactionNames.isMerged(table, source.name()) ? LakeParquet.Layout.COMPACTED.rowGroupBytes()
                        : Files.size(copy.path());
            }
            CompactionPlanner.Merge merge = copies.size() == planned.sources().size() ? planned : planned.firstSources(copies.size(), table);
            Manifest manifest = merge.manifest();
            String manifestName = CompactionNames.manifestOf(table, merge.mergedName());
            lake.publish(table, merge.partition(), CompactionNames.manifestTempName(table, manifestName), file -> {
                Files.write(file, manifest.toBytes());
                return manifestName;
            }, step -> { });
            List<Path> paths = copies.stream().map(LakeStorage.LocalCopy::path).toList();
            lake.publish(table, merge.partition(), merge.mergedName(), file -> {
                rows[0] = SortedMerge.merge(parquet, paths, file, LakeParquet.Layout.COMPACTED);
                return merge.mergedName();
            }, step -> { });
            merges.incrementAndGet();
            rowsMerged.addAndGet(rows[0]);
            LOG.info("compacted {}/{}: {} files, {} rows into {} in {} ms; the merged files go at the next pass", table,
                    merge.partition().path(), merge.sources().size(), rows[0], merge.mergedName(),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            for (LakeStorage.LocalCopy copy : copies) {
                copy.close();
            }
        }
    }

    /** The sink's committed offset per partition of the topic. */
    private Map<Integer, Long> committedOffsets() throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<Integer, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null && partition.topic().equals(topic)) {
                committed.put(partition.partition(), offset.offset());
            }
        });
        return committed;
    }

    /** Stops after the merge in progress, if any. */
    @Override
    public void close() {
        stop.countDown();
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
