package io.bidtrack.coldstore.sink;

import io.bidtrack.common.ids.BidId.LakePartition;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A lake in a local directory, {@code <lake>/<table>/dt=/hour=/<file>}, which Trino reads through
 * its local file system rooted at the same directory ({@code local:///<table>}). Files are published
 * by temporary file, fsync and atomic rename ({@link LakeFiles}).
 */
final class LocalLakeStorage implements LakeStorage {
    private final Path lakeDir;

    LocalLakeStorage(Path lakeDir) {
        this.lakeDir = lakeDir;
    }

    @Override
    public String tableLocation(String table) {
        return "local:///" + table;
    }

    @Override
    public void prepareTable(String table) throws IOException {
        Files.createDirectories(lakeDir.resolve(table));
    }

    @Override
    public String publish(String table, LakePartition partition, String tempName, Writer writer, StepListener steps) throws IOException {
        return LakeFiles.publish(lakeDir.resolve(table).resolve(partition.path()), tempName, writer, steps);
    }

    /** Every regular file two folders below the table's ({@code dt=/hour=/file}); others are not the sink's. */
    @Override
    public List<LakeFile> list(String table) throws IOException {
        Path tableDir = lakeDir.resolve(table);
        if (!Files.isDirectory(tableDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(tableDir, 3)) {
            return walk.filter(Files::isRegularFile).flatMap(file -> {
                Optional<LakePartition> partition = StoredRanges.lakePartitionOf(tableDir.relativize(file.getParent()));
                return partition.map(p -> new LakeFile(p, file.getFileName().toString())).stream();
            }).toList();
        }
    }

    @Override
    public LocalCopy open(String table, LakeFile file) throws IOException {
        Path path = lakeDir.resolve(table).resolve(file.partition().path()).resolve(file.name());
        if (!Files.isRegularFile(path)) {
            throw new FileNotFoundException(path.toString());
        }
        return new LocalCopy(path, false);
    }

    @Override
    public void delete(String table, LakeFile file) throws IOException {
        Files.deleteIfExists(lakeDir.resolve(table).resolve(file.partition().path()).resolve(file.name()));
    }

    @Override
    public Set<LakePartition> partitions(String table) throws IOException {
        Path tableDir = lakeDir.resolve(table);
        if (!Files.isDirectory(tableDir)) {
            return Set.of();
        }
        Set<LakePartition> partitions = new HashSet<>();
        try (Stream<Path> folders = Files.walk(tableDir, 2)) {
            folders.filter(Files::isDirectory)
                    .forEach(folder -> StoredRanges.lakePartitionOf(tableDir.relativize(folder)).ifPresent(partitions::add));
        }
        return partitions;
    }

    @Override
    public void deletePartition(String table, LakePartition partition) throws IOException {
        Path folder = lakeDir.resolve(table).resolve(partition.path());
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        try {
            Files.deleteIfExists(folder.getParent()); // the dt= folder, once its last hour is gone
        } catch (DirectoryNotEmptyException e) {
            // Other hours of that day are kept.
        }
    }

    @Override
    public void close() {
        // Nothing is held open.
    }
}
