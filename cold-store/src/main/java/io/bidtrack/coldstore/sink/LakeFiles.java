package io.bidtrack.coldstore.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts files into the lake so that a crash at any point leaves either no file or a whole one: the
 * data goes to a hidden temporary name (Hive and Trino skip names starting with a dot), is forced
 * to disk, then renamed atomically to its final name, and the rename is forced to disk too.
 */
final class LakeFiles {
    static final String TEMP_PREFIX = ".tmp-";

    private LakeFiles() {
    }

    @FunctionalInterface
    interface Writer {
        void writeTo(Path file) throws IOException;
    }

    /** Told each step of {@link #publish} as it is done; the crash test stops the sink there (see {@link PauseHook}). */
    @FunctionalInterface
    interface StepListener {
        void reached(SinkStep step);
    }

    /**
     * Writes {@code dir/name} durably through {@code writer}, replacing a file of that name (one an
     * earlier attempt of the same rotation published).
     */
    static Path publish(Path dir, String name, Writer writer, StepListener steps) throws IOException {
        Files.createDirectories(dir);
        Path temp = dir.resolve(TEMP_PREFIX + name);
        Path target = dir.resolve(name);
        writer.writeTo(temp);
        steps.reached(SinkStep.WRITTEN);
        force(temp, StandardOpenOption.WRITE);
        steps.reached(SinkStep.SYNCED);
        // rename(2): readers see the old file or the new one, never a part of either.
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The rename lives in the folder; the folder itself may be new (dt=/hour=), which its parent records.
        force(dir, StandardOpenOption.READ);
        force(dir.getParent(), StandardOpenOption.READ);
        force(dir.getParent().getParent(), StandardOpenOption.READ);
        steps.reached(SinkStep.RENAMED);
        return target;
    }

    /**
     * Everything below the table folder {@code root} as far down as files lie ({@code dt=/hour=/file}),
     * listed once when the sink takes partitions over, for {@link #deleteTemporaryFiles} and
     * {@link StoredRanges#load}; empty when the folder does not exist yet.
     */
    static List<Path> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, 3)) {
            return walk.toList();
        }
    }

    /**
     * Removes, among {@code files} (from {@link #list}), what a crash left half-written by writers
     * of {@code kafkaPartitions} of {@code table}. Called when the sink is assigned those partitions: no one else
     * writes them any more, and another instance may be writing temporary files of its own
     * partitions at that moment.
     *
     * @return how many files it removed
     */
    static int deleteTemporaryFiles(List<Path> files, String table, Set<Integer> kafkaPartitions) throws IOException {
        List<Path> leftovers = files.stream()
                .filter(p -> isTemporaryFileOf(p.getFileName().toString(), table, kafkaPartitions))
                .filter(Files::isRegularFile).toList();
        for (Path leftover : leftovers) {
            Files.deleteIfExists(leftover);
        }
        return leftovers.size();
    }

    private static boolean isTemporaryFileOf(String name, String table, Set<Integer> kafkaPartitions) {
        return name.startsWith(TEMP_PREFIX)
                && kafkaPartitions.contains(LakeFileName.kafkaPartitionOf(table, name.substring(TEMP_PREFIX.length())));
    }

    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }
}
