package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.sink.BidParquet;
import io.bidtrack.coldstore.table.BidsTable;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A lake of generated bids for the lookup measurements, written straight with
 * {@link BidParquet#write} (no Kafka, no sink: the sink has its own measurement). Writing tens of
 * millions of rows takes minutes, so a lake is kept under the cache directory in a folder named by
 * its {@link LakeSpec}, and a later run with the same parameters reuses it. A lake counts as
 * complete once its marker file exists; a lake without one (an interrupted run) is written afresh.
 *
 * @param root        the lake directory Trino is pointed at ({@code bids/} below it is the table)
 * @param sampleIds   ids known to be in the lake, spread evenly over its files, for the lookups
 * @param generation  how long writing it took (in the run that wrote it)
 * @param reused      whether this run found it complete and did not write it
 */
record BenchLake(LakeSpec spec, Path root, List<UUID> sampleIds, Duration generation, boolean reused, long bytesOnDisk) {
    private static final String MARKER = "bench-lake.properties";
    private static final String SAMPLE_IDS = "sample-ids.txt";
    /** About this many ids are kept per lake for the lookups to choose from. */
    private static final int SAMPLES = 20_000;

    /** The lake of {@code spec} under {@code cacheDir}, written first with {@code threads} threads if missing. */
    static BenchLake prepare(Path cacheDir, LakeSpec spec, int threads, PrintStream out) throws IOException, InterruptedException {
        Path root = cacheDir.resolve(spec.directoryName()).toAbsolutePath().normalize();
        Path marker = root.resolve(MARKER);
        if (Files.isRegularFile(marker)) {
            Properties written = new Properties();
            try (Reader in = Files.newBufferedReader(marker)) {
                written.load(in);
            }
            Duration took = Duration.ofMillis(Long.parseLong(written.getProperty("generation.millis")));
            List<UUID> ids = Files.readAllLines(root.resolve(SAMPLE_IDS)).stream().map(UUID::fromString).toList();
            out.printf(Locale.ROOT, "lake [%s]: reusing %s (written %s in %s)%n", spec.label(), root,
                    written.getProperty("written.at"), Report.seconds(took));
            return new BenchLake(spec, root, ids, took, true, sizeOf(root.resolve(BidsTable.DIRECTORY)));
        }
        deleteRecursively(root);
        Files.createDirectories(root);
        out.printf(Locale.ROOT, "lake [%s]: writing %,d bids (%d hours x %,d, %d files per hour) to %s with %d thread(s)...%n",
                spec.label(), spec.totalBids(), spec.hours(), spec.bidsPerHour(), spec.filesPerHour(), root, threads);
        long start = System.nanoTime();
        List<UUID> ids = write(root, spec, threads, out);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Files.write(root.resolve(SAMPLE_IDS), ids.stream().map(UUID::toString).toList());
        Properties written = new Properties();
        written.setProperty("spec", spec.toString());
        written.setProperty("written.at", Instant.now().toString());
        written.setProperty("generation.millis", String.valueOf(took.toMillis()));
        try (Writer w = Files.newBufferedWriter(marker)) {
            written.store(w, "a complete lake written by bidtrack bench cold; delete the folder to write it again");
        }
        long bytes = sizeOf(root.resolve(BidsTable.DIRECTORY));
        out.printf(Locale.ROOT, "lake [%s]: written in %s (%,.0f bids/s), %s on disk (%.0f bytes per bid)%n", spec.label(),
                Report.seconds(took), spec.totalBids() / (took.toNanos() / 1e9), Report.bytes(bytes), (double) bytes / spec.totalBids());
        return new BenchLake(spec, root, ids, took, false, bytes);
    }

    private static List<UUID> write(Path root, LakeSpec spec, int threads, PrintStream out) throws IOException, InterruptedException {
        int files = spec.hours() * spec.filesPerHour();
        int samplesPerFile = Math.max(1, SAMPLES / files);
        AtomicInteger done = new AtomicInteger();
        List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("lake-writer-", 0).factory())) {
            List<Future<?>> writes = new ArrayList<>();
            for (int hour = 0; hour < spec.hours(); hour++) {
                for (int file = 0; file < spec.filesPerHour(); file++) {
                    int h = hour;
                    int f = file;
                    writes.add(pool.submit(() -> {
                        writeFile(root, spec, h, f, samplesPerFile, ids);
                        int n = done.incrementAndGet();
                        // About ten progress lines per lake, for the minutes a full-size one takes.
                        if (n % Math.max(1, files / 10) == 0 || n == files) {
                            out.printf(Locale.ROOT, "  %d/%d files%n", n, files);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("writing the lake failed", e.getCause());
        }
        return List.copyOf(ids);
    }

    private static void writeFile(Path root, LakeSpec spec, int hour, int file, int samples, List<UUID> ids) throws IOException {
        Path dir = root.resolve(BidsTable.DIRECTORY).resolve(spec.partition(hour).path());
        Files.createDirectories(dir);
        // Same seed for the same file of every layout: the lakes differ in layout, not in what a bid looks like.
        long seed = ((long) hour << 20) | file;
        List<UUID> sampled = new ArrayList<>();
        FileBids bids = new FileBids(spec, hour, file, seed, spec.rowsInFile(file) / samples, sampled::add);
        BidParquet.write(dir.resolve(String.format(Locale.ROOT, "bench-%03d.parquet", file)), bids.rows(), bids, spec.layout());
        ids.addAll(sampled);
    }

    static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
