package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.lookup.TrinoBidLookup;
import io.bidtrack.coldstore.table.TrinoSession;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parts 3 and 4: cold lookups over one generated lake, through the lookup client the tracker uses
 * ({@link TrinoBidLookup}), next to Trino's own floor. Every query runs on the client's worker
 * threads; this class only waits for the answers, on threads of its own.
 *
 * <ul>
 *   <li>floor: {@code SELECT 1}, one after the other: what any query costs here;</li>
 *   <li>single: {@link TrinoBidLookup#find} of random known ids, one after the other;</li>
 *   <li>batched: {@link TrinoBidLookup#findAll} of random known ids spread over all partitions
 *       (one query per partition), several batches at a time: ids per second.</li>
 * </ul>
 * A few untimed queries go first, so the figures are not those of a cold JVM.
 */
final class Lookups {
    private static final int WARM_UP = 10;

    record Settings(int lookups, int batchSize, int batchConcurrency, int batches, long seed) {
        Settings {
            if (lookups <= 0 || batchSize <= 0 || batchConcurrency <= 0 || batches <= 0) {
                throw new IllegalArgumentException("--lookups, --batch-size, --batch-concurrency and --batches must be positive");
            }
        }
    }

    record Result(BenchLake lake, long trinoStartMillis, long registerMillis, Latency floor, Latency single, long singleMisses,
                  Latency batch, long batchIds, long batchMisses, Duration batchWall) {
        double idsPerSecond() {
            return batchIds / (batchWall.toNanos() / 1e9);
        }
    }

    private Lookups() {
    }

    static Result run(BenchLake lake, Settings settings, Vertx vertx, Path logDir, PrintStream out) throws Exception {
        String label = lake.spec().label();
        out.printf(Locale.ROOT, "lookups [%s]: starting Trino over %s...%n", label, lake.root());
        try (LakeTrino trino = LakeTrino.start(lake.root(), logDir.resolve("trino-" + lake.spec().directoryName() + ".log"));
             TrinoBidLookup lookup = new TrinoBidLookup(vertx, trino.jdbcUrl())) {
            long t0 = System.nanoTime();
            trino.register(lake.spec().partitions());
            long registerMillis = (System.nanoTime() - t0) / 1_000_000;
            SplittableRandom random = new SplittableRandom(settings.seed());
            List<UUID> ids = lake.sampleIds();

            for (int i = 0; i < WARM_UP; i++) {
                selectOne(trino.session());
                join(lookup.find(pick(random, ids)));
            }
            join(lookup.findAll(batch(random, ids, settings.batchSize())));

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
                UUID id = pick(random, ids);
                long start = System.nanoTime();
                Optional<BidRecord> bid = join(lookup.find(id));
                single.recordNanos(System.nanoTime() - start);
                if (bid.isEmpty() || !bid.get().getId().equals(id.toString())) {
                    singleMisses++;
                }
            }
            out.printf(Locale.ROOT, "  single lookups: %s%s%n", single.summary(), misses(singleMisses));

            Latency batch = new Latency();
            AtomicLong batchMisses = new AtomicLong();
            AtomicInteger started = new AtomicInteger();
            long batchStart = System.nanoTime();
            List<java.util.concurrent.Future<?>> callersDone = new ArrayList<>();
            try (ExecutorService callers = Executors.newFixedThreadPool(settings.batchConcurrency(),
                    Thread.ofPlatform().name("batch-caller-", 0).factory())) {
                for (int c = 0; c < settings.batchConcurrency(); c++) {
                    SplittableRandom own = random.split();
                    callersDone.add(callers.submit(() -> {
                        while (started.getAndIncrement() < settings.batches()) {
                            List<UUID> wanted = batch(own, ids, settings.batchSize());
                            long start = System.nanoTime();
                            Map<UUID, BidRecord> found = join(lookup.findAll(wanted));
                            batch.recordNanos(System.nanoTime() - start);
                            batchMisses.addAndGet(wanted.stream().filter(id -> !found.containsKey(id)).count());
                        }
                        return null;
                    }));
                }
            }
            for (java.util.concurrent.Future<?> caller : callersDone) {
                caller.get(); // rethrows a failed lookup
            }
            Duration batchWall = Duration.ofNanos(System.nanoTime() - batchStart);
            long batchIds = (long) settings.batches() * settings.batchSize();
            Result r = new Result(lake, trino.startMillis(), registerMillis, floor, single, singleMisses, batch, batchIds,
                    batchMisses.get(), batchWall);
            out.printf(Locale.ROOT, "  batched lookups (%d ids, %d at a time): %s ids/s; per batch %s%s%n", settings.batchSize(),
                    settings.batchConcurrency(), Report.count(r.idsPerSecond()), batch.summary(), misses(r.batchMisses()));
            return r;
        }
    }

    /** {@code size} distinct ids drawn at random, so spread over every partition. */
    static List<UUID> batch(SplittableRandom random, List<UUID> ids, int size) {
        if (size > ids.size()) {
            throw new IllegalArgumentException("a batch of " + size + " ids needs that many known ids; the lake has " + ids.size());
        }
        Set<UUID> chosen = new LinkedHashSet<>();
        while (chosen.size() < size) {
            chosen.add(pick(random, ids));
        }
        return List.copyOf(chosen);
    }

    private static UUID pick(SplittableRandom random, List<UUID> ids) {
        return ids.get(random.nextInt(ids.size()));
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
