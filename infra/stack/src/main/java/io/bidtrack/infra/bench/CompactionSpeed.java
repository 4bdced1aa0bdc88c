package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.compaction.Compactor;
import io.bidtrack.coldstore.sink.LakeLocation;
import io.bidtrack.coldstore.sink.LakeStorage;
import io.bidtrack.coldstore.sink.SinkTable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Part 1b: how fast compaction merges what the sink wrote in part 1 (its hours, in the files of a
 * sink rotating by time and size), on one thread, as cold-store's compactor does once an hour has
 * been closed for {@code cold.compact.after}. Here every hour is merged at once, the current one too.
 */
final class CompactionSpeed {
    record Result(long rows, long filesBefore, long filesAfter, long bytesBefore, long bytesAfter, Duration took) {
        double rowsPerSecond() {
            return rows / (took.toNanos() / 1e9);
        }
    }

    private CompactionSpeed() {
    }

    static Result run(SinkStack stack, PrintStream out) throws Exception {
        Path table = stack.lakeDir().resolve("bids");
        long filesBefore = parquetFiles(table);
        long bytesBefore = BenchLake.sizeOf(table);
        out.printf(Locale.ROOT, "compaction: merging the sink part's %d files (%s) hour by hour on one thread...%n", filesBefore,
                Report.bytes(bytesBefore));
        try (LakeStorage lake = LakeStorage.open(new LakeLocation.Local(stack.lakeDir()));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            Compactor compactor = new Compactor(SinkTable.BIDS, SinkStack.GROUP, lake, admin,
                    new ColdStoreConfig.Compaction(true, Duration.ZERO, Duration.ofMinutes(1)), Duration.ofDays(90));
            // As if the last hour had closed too.
            Instant later = Instant.now().plus(Duration.ofHours(1));
            long start = System.nanoTime();
            compactor.runOnce(later);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            compactor.runOnce(later); // deletes the merged files, as the next pass would
            if (compactor.failures() > 0) {
                throw new IllegalStateException(compactor.failures() + " merge(s) failed; see the log above");
            }
            Result r = new Result(compactor.rowsMerged(), filesBefore, parquetFiles(table), bytesBefore, BenchLake.sizeOf(table), took);
            out.printf(Locale.ROOT, "compaction: %,d bids of %d files merged into %d files in %s: %s bids/s; %s on disk after%n",
                    r.rows(), r.filesBefore(), r.filesAfter(), Report.seconds(took), Report.count(r.rowsPerSecond()),
                    Report.bytes(r.bytesAfter()));
            return r;
        }
    }

    private static long parquetFiles(Path table) throws IOException {
        try (Stream<Path> paths = Files.walk(table)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
        }
    }
}
