package io.bidtrack.coldstore.sink;

import io.bidtrack.common.ids.BidId.LakePartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where the sinks keep the lake's files: a local directory ({@link LocalLakeStorage}) or a bucket
 * of an S3-compatible store ({@link S3LakeStorage}). A table is a folder {@code <table>/}, holding
 * a folder per partition, {@code dt=<day>/hour=<hh>/}, holding its Parquet files.
 *
 * <p>What exactly-once needs from it (see {@link TableSink}): {@link #publish} makes a file appear
 * under its final name whole or not at all, and durably before it returns; and {@link #list} shows
 * every file published, so that a replay after a crash finds what is already stored.
 */
public interface LakeStorage extends AutoCloseable {
    /** Opens the lake at {@code location}. */
    static LakeStorage open(LakeLocation location) {
        return switch (location) {
            case LakeLocation.Local local -> new LocalLakeStorage(local.dir());
            case LakeLocation.S3 s3 -> new S3LakeStorage(s3);
        };
    }

    /** Fills a new file with a Parquet file's contents, and names it. */
    @FunctionalInterface
    interface Writer {
        /**
         * @return the name to publish the file under, or null when it holds nothing worth publishing
         *         (every record the sink meant to store in it turned out not to be storable)
         */
        String writeTo(Path file) throws IOException;
    }

    /** Told each step of {@link #publish} as it is done; the crash test stops the sink there (see {@link PauseHook}). */
    @FunctionalInterface
    interface StepListener {
        void reached(SinkStep step);
    }

    /** The table's folder as Trino names it, for the table's {@code external_location}. */
    String tableLocation(String table);

    /** Makes the table's folder ready for {@code CREATE TABLE}, which Trino refuses over a missing folder. */
    void prepareTable(String table) throws IOException;

    /**
     * Writes a file of {@code table}'s {@code partition} through {@code writer} and makes it appear,
     * whole, under the name the writer gives it, replacing a file of that name (one an earlier
     * attempt of the same rotation published); durable when this returns. Reports
     * {@link SinkStep#WRITTEN}, {@link SinkStep#SYNCED} and {@link SinkStep#RENAMED} to {@code steps}
     * as it goes. The name is known only once the file is written: the sink decodes its records then,
     * and a file is named by the offsets of the records it holds ({@link TableSink}).
     *
     * @param tempName what the file is called while it is written, where that shows (locally
     *                 {@code .tmp-<tempName>}): a {@link LakeFileName} of the same Kafka partition,
     *                 by which {@link #deleteTemporaryFiles} finds it after a crash
     * @return the name published, or null when the writer gave none (and nothing was published)
     */
    String publish(String table, LakePartition partition, String tempName, Writer writer, StepListener steps) throws IOException;

    /** The files in the table's partition folders, temporary ones included; empty when the table has none yet. */
    List<LakeFile> list(String table) throws IOException;

    /**
     * A local file holding the contents of {@code file}, for reading it back (compaction does):
     * the file itself in a local lake, a downloaded copy in S3, which {@link LocalCopy#close} deletes.
     */
    LocalCopy open(String table, LakeFile file) throws IOException;

    /** A lake file's contents on local disk; close it when read. */
    record LocalCopy(Path path, boolean deleteOnClose) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (deleteOnClose) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Deletes one file of {@code table}, if it is still there. */
    void delete(String table, LakeFile file) throws IOException;

    /** The partitions that have a folder (locally, maybe empty) or files (in S3, where folders are only key prefixes). */
    Set<LakePartition> partitions(String table) throws IOException;

    /** Deletes a partition's folder and every file in it, and the day's folder once its last hour is gone. */
    void deletePartition(String table, LakePartition partition) throws IOException;

    /**
     * Deletes, among {@code files} (from {@link #list}), what a crash left half-written by writers of
     * {@code kafkaPartitions} of {@code table}. Called when the sink is assigned those partitions: no
     * one else writes them any more, and another instance may be writing temporary files of its own
     * partitions at that moment.
     *
     * @return how many files it deleted
     */
    default int deleteTemporaryFiles(String table, List<LakeFile> files, Set<Integer> kafkaPartitions) throws IOException {
        List<LakeFile> leftovers = files.stream().filter(LakeFile::isTemporary)
                .filter(file -> kafkaPartitions.contains(LakeFileName.kafkaPartitionOf(table,
                        file.name().substring(LakeFiles.TEMP_PREFIX.length()))))
                .toList();
        for (LakeFile leftover : leftovers) {
            delete(table, leftover);
        }
        return leftovers.size();
    }

    /** Releases the connection to the store, if there is one. */
    @Override
    void close();
}
