package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.sink.BidParquet;
import io.bidtrack.common.config.Durations;
import io.bidtrack.common.web.VertxFactory;
import io.bidtrack.infra.stack.DemoMain.DurationConverter;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./bidtrack bench cold}: the cold tier's figures, side by side in one run, on the real
 * components (Kafka broker in this JVM, Trino in a child JVM, the sink and the lookup client of
 * cold-store):
 * <ol>
 *   <li>sink throughput on one consumer thread ({@link SinkThroughput});</li>
 *   <li>freshness, from produce to queryable, at the default rotation ({@link Freshness});</li>
 *   <li>single and batched lookups over a generated lake laid out as compaction leaves a closed
 *       hour (one file sorted by id, {@link BidParquet.Layout#COMPACTED}), next to Trino's own
 *       floor ({@link Lookups}): cold lookups are of bids older than the hot window, so they almost
 *       always read compacted hours, and the lookup targets are judged on this lake;</li>
 *   <li>the same over a lake as the sink writes it before compaction ({@code --files-per-hour}
 *       files per hour, sorted by id, bloom filter on id): what compaction buys;</li>
 *   <li>the same over those files without sorting and bloom filter (what those two buy), and
 *       optionally over the sink's files with other row groups or pages.</li>
 * </ol>
 * Generated lakes are cached under {@code --work-dir}, keyed by their parameters.
 */
@Command(name = "bidtrack bench cold", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sink throughput, freshness and cold lookups (on compacted hours, on the sink's files before compaction,"
                + " and without bloom filter and sorting), in one run.")
public final class ColdBenchMain implements Callable<Integer> {

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Cache of generated lakes, Kafka and sink data of the run, Trino logs (default: target/bench-cold).")
    Path workDir;

    @Option(names = "--hours", defaultValue = "24", description = "Hourly partitions of the lookup lakes (default ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--bids-per-hour", defaultValue = "1000000", description = "Bids per partition (default ${DEFAULT-VALUE}).")
    int bidsPerHour;

    @Option(names = "--files-per-hour", defaultValue = "180",
            description = "Parquet files per partition of the uncompacted lakes (default ${DEFAULT-VALUE}: what the sink writes at its"
                    + " default rotation of 60 s with 3 Kafka partitions, one file per partition and rotation); the compacted"
                    + " lake has one.")
    int filesPerHour;

    @Option(names = "--file-overlap", defaultValue = "3",
            description = "Files of the uncompacted lakes covering the same stretch of time, as the sink writes one per Kafka"
                    + " partition at each rotation (default ${DEFAULT-VALUE}).")
    int fileOverlap;

    @Option(names = "--compare-row-group-mib", paramLabel = "MIB",
            description = "Also measure the uncompacted lake (the sink's files, sorted, bloom filter) with row groups of this size"
                    + " (e.g. 8; the sink's are 128 MiB).")
    Integer compareRowGroupMib;

    @Option(names = "--compare-page-rows", paramLabel = "ROWS",
            description = "Also measure the uncompacted lake (the sink's files, sorted, bloom filter) with pages of at most this many"
                    + " rows (the sink's: 20,000).")
    Integer comparePageRows;

    @Option(names = "--gen-threads", description = "Threads writing a lake (default: the number of cores).")
    Integer genThreads;

    @Option(names = "--lookups", defaultValue = "300", description = "Single lookups, and SELECT 1 queries (default ${DEFAULT-VALUE}).")
    int lookups;

    @Option(names = "--batch-size", defaultValue = "500", description = "Ids per batched lookup (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batch-partitions", defaultValue = "0",
            description = "Partitions the ids of a batch come from, chosen at random per batch (default: all of them).")
    int batchPartitions;

    @Option(names = "--batch-concurrency", defaultValue = "4", description = "Batches in flight at once (default ${DEFAULT-VALUE}).")
    int batchConcurrency;

    @Option(names = "--batches", defaultValue = "20", description = "Batched lookups in all (default ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--tracker-lookups", defaultValue = "20000",
            description = "Lookups through the tracker's batcher, one id each (default ${DEFAULT-VALUE}).")
    int trackerLookups;

    @Option(names = "--tracker-outstanding", defaultValue = "4000",
            description = "Of those, how many are in flight at once, as events waiting for their bid (default ${DEFAULT-VALUE}).")
    int trackerOutstanding;

    @Option(names = "--sink-bids", defaultValue = "2000000", description = "Bids the sink throughput is measured with (default ${DEFAULT-VALUE}).")
    long sinkBids;

    @Option(names = "--sink-hours", defaultValue = "3", description = "Hours those bids are spread over (default ${DEFAULT-VALUE}).")
    int sinkHours;

    @Option(names = "--sink-file-mib", defaultValue = "64",
            description = "Rotation size of the sink in the throughput part, MiB of encoded bids per file (default ${DEFAULT-VALUE}).")
    int sinkFileMib;

    @Option(names = "--freshness-duration", defaultValue = "3m", converter = DurationConverter.class,
            description = "How long bids are produced for the freshness part (default ${DEFAULT-VALUE}).")
    Duration freshnessDuration;

    @Option(names = "--freshness-rate", defaultValue = "1000", description = "Bids a second during the freshness part (default ${DEFAULT-VALUE}).")
    double freshnessRate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random choice of ids to look up (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skip-sink", description = "Skip part 1, sink throughput, and 1b, compaction of its lake.") boolean skipSink;
    @Option(names = "--skip-freshness", description = "Skip part 2, freshness.") boolean skipFreshness;
    @Option(names = "--skip-lookups", description = "Skip parts 3 to 5, the lookups.") boolean skipLookups;
    @Option(names = "--skip-uncompacted", description = "Skip part 4, the lake as the sink writes it before compaction.")
    boolean skipUncompacted;
    @Option(names = "--skip-unsorted", description = "Skip part 5, the sink's files without sorting and bloom filter.") boolean skipUnsorted;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;
    private final Map<String, Duration> partTimes = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ColdBenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Path work = (workDir != null ? workDir : Path.of(System.getProperty("bidtrack.home", ".")).resolve("target/bench-cold"))
                .toAbsolutePath().normalize();
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        int threads = genThreads != null ? genThreads : Runtime.getRuntime().availableProcessors();
        long runStart = System.nanoTime();
        out.println("bidtrack bench cold: " + MachineFacts.describe());
        out.println("work dir " + work + " (Trino logs in " + logs + ")");
        out.println();

        SinkThroughput.Result sink = null;
        CompactionSpeed.Result compaction = null;
        Freshness.Result freshness = null;
        List<Lookups.Result> lakes = new ArrayList<>();
        String trinoHeap = null;
        Vertx vertx = VertxFactory.create();
        try {
            if (!skipSink || !skipFreshness) {
                long t0 = System.nanoTime();
                try (SinkStack stack = SinkStack.start(work.resolve("run"), logs)) {
                    trinoHeap = stack.trino().heap();
                    part("Kafka and Trino start", t0);
                    if (!skipSink) {
                        long t = System.nanoTime();
                        sink = SinkThroughput.run(stack, sinkBids, sinkHours, sinkFileMib, out);
                        part("1. sink throughput (produce included)", t);
                        t = System.nanoTime();
                        compaction = CompactionSpeed.run(stack, out);
                        part("1b. compaction of part 1's lake", t);
                    }
                    if (!skipFreshness) {
                        long t = System.nanoTime();
                        freshness = Freshness.run(stack, vertx, freshnessRate, freshnessDuration, out);
                        part("2. freshness", t);
                    }
                } finally {
                    // The run's broker log and sink lake are only for this run: gigabytes at full size.
                    BenchLake.deleteRecursively(work.resolve("run"));
                }
                out.println();
            }
            if (!skipLookups) {
                Lookups.Settings settings = new Lookups.Settings(lookups, batchSize, batchPartitions, batchConcurrency, batches,
                        trackerLookups, trackerOutstanding, seed);
                for (LakeSpec spec : lakeSpecs()) {
                    long t = System.nanoTime();
                    BenchLake lake = BenchLake.prepare(work.resolve("lakes"), spec, threads, out);
                    part("lake " + spec.name() + (lake.reused() ? ", cached" : ", written"), t);
                    t = System.nanoTime();
                    lakes.add(Lookups.run(lake, settings, vertx, logs, out));
                    part("lookups " + spec.name(), t);
                    out.println();
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }

        if (!lakes.isEmpty()) {
            out.println("Cold lookups, lake by lake (batches of " + batchSize + " random known ids from "
                    + (batchPartitions == 0 || batchPartitions >= hours ? "all " + hours : batchPartitions + " random") + " partitions, "
                    + batchConcurrency + " at a time; " + lookups + " single lookups and SELECT 1 one after the other):");
            out.println(Summary.lookupTable(lakes));
        }
        out.println("Summary:");
        out.print(Summary.finalTable(sink, compaction, freshness, lakes));
        out.println();
        describeSettings(sink, trinoHeap, lakes);
        out.println("time per part:");
        partTimes.forEach((name, d) -> out.printf(Locale.ROOT, "  %-55s %s%n", name, Report.seconds(d)));
        out.printf(Locale.ROOT, "  %-55s %s%n", "whole run", Report.seconds(Duration.ofNanos(System.nanoTime() - runStart)));
        out.println("load average at the end: " + MachineFacts.loadAverage());
        return correct(freshness, lakes) ? 0 : 1;
    }

    /** The lakes to measure, in order; the first (compacted) is the one the lookup targets are judged on. */
    List<LakeSpec> lakeSpecs() {
        List<LakeSpec> specs = new ArrayList<>();
        specs.add(LakeSpec.compacted(hours, bidsPerHour));
        if (!skipUncompacted) {
            specs.add(LakeSpec.uncompacted(hours, bidsPerHour, filesPerHour, fileOverlap));
        }
        if (!skipUnsorted) {
            specs.add(LakeSpec.unsortedNoBloom(hours, bidsPerHour, filesPerHour, fileOverlap));
        }
        BidParquet.Layout sink = BidParquet.Layout.DEFAULT;
        if (compareRowGroupMib != null) {
            specs.add(new LakeSpec("uncompacted, " + compareRowGroupMib + " MiB row groups", hours, bidsPerHour, filesPerHour,
                    fileOverlap, true, new BidParquet.Layout(true, (long) compareRowGroupMib << 20, sink.pageRows())));
        }
        if (comparePageRows != null) {
            specs.add(new LakeSpec("uncompacted, pages of " + comparePageRows + " rows", hours, bidsPerHour, filesPerHour,
                    fileOverlap, true, new BidParquet.Layout(true, sink.rowGroupBytes(), comparePageRows)));
        }
        return specs;
    }

    private void describeSettings(SinkThroughput.Result sink, String trinoHeap, List<Lookups.Result> lakes) {
        if (trinoHeap == null && !lakes.isEmpty()) {
            trinoHeap = lakes.getFirst().trinoHeap();
        }
        if (trinoHeap != null) {
            out.println("Trino: one node in a child JVM, heap " + trinoHeap
                    + "; the lake on local disk (files are likely in the OS page cache: no S3 latency here)");
        }
        if (sink != null) {
            out.printf(Locale.ROOT, "sink part: %,d bids of %.0f bytes on average over %d hours, produced in %s;"
                            + " sink rotate %s, at most %,d records or %d MiB per file; %d files, %s; Kafka in this JVM%n",
                    sink.bids(), (double) sink.valueBytes() / sink.bids(), sinkHours, Report.seconds(sink.produce()),
                    Durations.format(sink.config().rotateEvery()), sink.config().maxRecordsPerFile(),
                    sink.config().maxBytesPerFile() >> 20, sink.files(), Report.bytes(sink.lakeBytes()));
        }
        if (!lakes.isEmpty()) {
            out.println("lakes: Parquet with snappy (BidParquet), rows of " + LakeSpec.END.minusSeconds(hours * 3600L) + " to "
                    + LakeSpec.END + "; the lookup targets are judged on the first, as cold lookups almost always read"
                    + " compacted hours:");
            lakes.forEach(r -> out.println("  " + r.lake().spec().label()));
        }
        out.println();
    }

    private static boolean correct(Freshness.Result freshness, List<Lookups.Result> lakes) {
        boolean ok = freshness == null || freshness.neverSeen() == 0;
        for (Lookups.Result r : lakes) {
            ok &= r.singleMisses() == 0 && r.batchMisses() == 0;
        }
        if (!ok) {
            System.err.println("bench cold: some bids were not found (see above): the figures are not to be trusted");
        }
        return ok;
    }

    private void part(String name, long startNanos) {
        partTimes.put(name, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Checks every option before anything starts; a bad one is reported with the usage (exit code 2). */
    private void validate() {
        try {
            checkOptions();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void checkOptions() {
        positive(sinkBids, "--sink-bids");
        positive(sinkHours, "--sink-hours");
        positive(sinkFileMib, "--sink-file-mib");
        positive(freshnessRate, "--freshness-rate");
        positive(freshnessDuration.toMillis(), "--freshness-duration");
        if (genThreads != null) {
            positive(genThreads, "--gen-threads");
        }
        if (compareRowGroupMib != null) {
            positive(compareRowGroupMib, "--compare-row-group-mib");
        }
        if (comparePageRows != null) {
            positive(comparePageRows, "--compare-page-rows");
        }
        // The lake and lookup settings check themselves (LakeSpec, Lookups.Settings) before anything starts.
        lakeSpecs();
        new Lookups.Settings(lookups, batchSize, batchPartitions, batchConcurrency, batches,
                        trackerLookups, trackerOutstanding, seed);
    }

    private static void positive(double value, String flag) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(flag + " must be positive, got " + (value == Math.rint(value) ? String.valueOf((long) value) : value));
        }
    }
}
