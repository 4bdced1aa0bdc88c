package io.bidtrack.infra.bench;

import io.bidtrack.common.config.Durations;
import io.bidtrack.coldstore.lookup.TrinoBidLookup;
import io.bidtrack.coldstore.table.BidsTable;
import io.bidtrack.coldstore.table.TrinoSession;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parts 3 to 5: cold lookups over one generated lake, through the lookup client the tracker uses
 * ({@link TrinoBidLookup}), next to Trino's own floor. Every query of the client runs on its worker
 * threads; this class only waits for the answers, on threads of its own.
 *
 * <ul>
 *   <li>floor: {@code SELECT 1}, one after the other: what any query costs here;</li>
 *   <li>single: {@link TrinoBidLookup#find} of random known ids, one after the other;</li>
 *   <li>batched: {@link TrinoBidLookup#findAll} of random known ids (one query per partition they
 *       fall in), several batches at a time: ids per second;</li>
 *   <li>the tracker's batcher: one lookup per event through its {@code ColdBatcher}, many in flight
 *       ({@link TrackerBatches}): ids per second, as the tracker would attribute cold events;</li>
 *   <li>Trino's own stats of a few single and per-partition queries: what they read.</li>
 * </ul>
 * A few untimed queries go first, so the figures are not those of a cold JVM.
 */
final class Lookups {
    private static final int WARM_UP = 10;
    /** How long the tracker's batcher runs before it is measured (see where it is used). */
    static final Duration TRACKER_WARM_UP = Duration.ofSeconds(40);
    private static final int PROFILED = 10;

    /**
     * @param batchPartitions how many partitions a batch's ids come from; 0 for all of them
     */
    record Settings(int lookups, int batchSize, int batchPartitions, int batchConcurrency, int batches,
                    int trackerLookups, int trackerOutstanding, long seed) {
        Settings {
            if (lookups <= 0 || batchSize <= 0 || batchConcurrency <= 0 || batches <= 0) {
                throw new IllegalArgumentException("--lookups, --batch-size, --batch-concurrency and --batches must be positive");
            }
            if (trackerLookups <= 0 || trackerOutstanding <= 0) {
                throw new IllegalArgumentException("--tracker-lookups and --tracker-outstanding must be positive");
            }
            if (batchPartitions < 0) {
                throw new IllegalArgumentException("--batch-partitions must be 0 (all) or positive, got " + batchPartitions);
            }
        }
    }

    record Result(BenchLake lake, String trinoHeap, long trinoStartMillis, long registerMillis, Latency floor, Latency single,
                  long singleMisses, Latency batch, long batchIds, long batchQueries, long batchMisses, Duration batchWall,
                  QueryProfile singleProfile, QueryProfile batchQueryProfile, TrackerBatches.Result tracker) {
        double idsPerSecond() {
            return batchIds / (batchWall.toNanos() / 1e9);
        }

        double idsPerQuery() {
            return (double) batchIds / batchQueries;
        }
    }

    private Lookups() {
    }

    static Result run(BenchLake lake, Settings settings, Vertx vertx, Path logDir, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "lookups [%s]: starting Trino over %s...%n", lake.spec().label(), lake.root());
        try (LakeTrino trino = LakeTrino.start(lake.root(), logDir.resolve("trino-" + lake.spec().directoryName() + ".log"));
             TrinoBidLookup lookup = new TrinoBidLookup(vertx, trino.jdbcUrl())) {
            long t0 = System.nanoTime();
            trino.register(lake.spec().partitions());
            long registerMillis = (System.nanoTime() - t0) / 1_000_000;
            KnownIds ids = new KnownIds(lake.sampleIds());
            SplittableRandom random = new SplittableRandom(settings.seed());

            for (int i = 0; i < WARM_UP; i++) {
                selectOne(trino.session());
                join(lookup.find(ids.pick(random)));
            }
            join(lookup.findAll(ids.batch(random, settings.batchSize(), settings.batchPartitions())));

            Latency floor = new Latency();
            for (int i = 0; i < settings.lookups(); i++) {
                long start = System.nanoTime();
                selectOne(trino.session());
                floor.recordNanos(System.nanoTime() - start);
            }
            out.printf(Locale.ROOT, "  SELECT 1: %s%n", floor.summary());

            Latency single = new Latency();
            long singleMisses = 0;
            for (int i = 0; i < settings.lookups(); i++) {
                UUID id = ids.pick(random);
                long start = System.nanoTime();
                Optional<BidRecord> bid = join(lookup.find(id));
                single.recordNanos(System.nanoTime() - start);
                if (bid.isEmpty() || !bid.get().getId().equals(id.toString())) {
                    singleMisses++;
                }
            }
            out.printf(Locale.ROOT, "  single lookups: %s%s%n", single.summary(), misses(singleMisses));

            Batches batches = batches(lookup, ids, settings, random);
            // Runs of the same size first, not counted, for at least TRACKER_WARM_UP: Trino's JIT is
            // still warming up on these queries after the parts above, and a first run of them
            // measured far below the runs that followed it.
            long warmUpEnd = System.nanoTime() + TRACKER_WARM_UP.toNanos();
            do {
                TrackerBatches.run(vertx, trino.jdbcUrl(), ids, settings.trackerLookups(), settings.trackerOutstanding(), random.split());
            } while (System.nanoTime() < warmUpEnd);
            TrackerBatches.Result tracker = TrackerBatches.run(vertx, trino.jdbcUrl(), ids, settings.trackerLookups(),
                    settings.trackerOutstanding(), random.split());
            QueryProfile singleProfile = QueryProfile.of(trino.session(), singleQueries(ids, random));
            QueryProfile batchProfile = QueryProfile.of(trino.session(), partitionQueries(ids, settings, random));
            Result r = new Result(lake, trino.heap(), trino.startMillis(), registerMillis, floor, single, singleMisses,
                    batches.latency(), batches.ids(), batches.queries(), batches.misses(), batches.wall(), singleProfile, batchProfile, tracker);
            out.printf(Locale.ROOT, "  batched lookups (%d ids, %.0f per query, %d at a time): %s ids/s; per batch %s%s%n",
                    settings.batchSize(), r.idsPerQuery(), settings.batchConcurrency(), Report.count(r.idsPerSecond()),
                    batches.latency().summary(), misses(r.batchMisses()));
            out.printf(Locale.ROOT, "  tracker's batcher (%d lookups, %d in flight, after %s of warm-up): %s ids/s, %.0f ids per query;"
                            + " per lookup %s%s%n",
                    settings.trackerLookups(), settings.trackerOutstanding(), Durations.format(TRACKER_WARM_UP),
                    Report.count(tracker.idsPerSecond()), tracker.idsPerQuery(),
                    tracker.latency().summary(), misses(tracker.misses()));
            out.printf(Locale.ROOT, "  Trino's stats, single lookup: %s; %s%n", singleProfile.reads(), singleProfile.times());
            out.printf(Locale.ROOT, "  Trino's stats, one partition's query of a tracker batch (attribution's 4 columns): %s; %s%n", batchProfile.reads(), batchProfile.times());
            return r;
        }
    }

    private record Batches(Latency latency, long ids, long queries, long misses, Duration wall) {
    }

    /** {@code settings.batches()} batches, {@code settings.batchConcurrency()} in flight at any time. */
    private static Batches batches(TrinoBidLookup lookup, KnownIds ids, Settings settings, SplittableRandom random) throws Exception {
        Latency latency = new Latency();
        AtomicLong misses = new AtomicLong();
        AtomicLong queries = new AtomicLong();
        AtomicInteger started = new AtomicInteger();
        List<java.util.concurrent.Future<Void>> callers = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(settings.batchConcurrency(),
                Thread.ofPlatform().name("batch-caller-", 0).factory())) {
            for (int c = 0; c < settings.batchConcurrency(); c++) {
                SplittableRandom own = random.split();
                Callable<Void> caller = () -> {
                    while (started.getAndIncrement() < settings.batches()) {
                        List<UUID> wanted = ids.batch(own, settings.batchSize(), settings.batchPartitions());
                        queries.addAndGet(wanted.stream().map(BidId::partitionOf).distinct().count());
                        long t = System.nanoTime();
                        Map<UUID, BidRecord> found = join(lookup.findAll(wanted));
                        latency.recordNanos(System.nanoTime() - t);
                        misses.addAndGet(wanted.stream().filter(id -> !found.containsKey(id)).count());
                    }
                    return null;
                };
                callers.add(pool.submit(caller));
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        for (java.util.concurrent.Future<Void> caller : callers) {
            caller.get(); // rethrows a failed lookup
        }
        return new Batches(latency, (long) settings.batches() * settings.batchSize(), queries.get(), misses.get(), wall);
    }

    private static List<String> singleQueries(KnownIds ids, SplittableRandom random) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < PROFILED; i++) {
            queries.add(BidsTable.selectByIdSql(ids.pick(random)));
        }
        return queries;
    }

    /** Queries as the tracker's batcher sends them for events: the first partition's share of a batch, attribution's columns. */
    private static List<String> partitionQueries(KnownIds ids, Settings settings, SplittableRandom random) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < PROFILED; i++) {
            List<UUID> batch = ids.batch(random, settings.batchSize(), settings.batchPartitions());
            BidId.LakePartition partition = BidId.partitionOf(batch.getFirst());
            queries.add(BidsTable.selectByIdsSql(partition, batch.stream().filter(id -> BidId.partitionOf(id).equals(partition)).toList(),
                    BidsTable.Columns.ATTRIBUTION));
        }
        return queries;
    }

    private static void selectOne(TrinoSession trino) throws SQLException {
        trino.run(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
                return rows.next();
            }
        });
    }

    private static <T> T join(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }

    private static String misses(long misses) {
        return misses == 0 ? "" : "; NOT FOUND: " + misses;
    }
}
