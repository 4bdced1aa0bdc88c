package io.bidtrack.coldstore.ops;

import io.bidtrack.coldstore.compaction.Compactor;
import io.bidtrack.coldstore.sink.SinkProgress;
import io.bidtrack.coldstore.sink.TableSink;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The cold store's meters, each tagged {@code table} (bids, events) and each read when scraped from
 * counters and volatile fields the sink and compaction threads keep anyway: a scrape never waits
 * for a sink, and a sink never waits for a scrape. In Prometheus:
 * <ul>
 *   <li>{@code bidtrack_sink_records_consumed_total}: records polled from Kafka;</li>
 *   <li>{@code bidtrack_sink_records_not_stored_total{reason}}: {@code invalid} (not a record of the
 *       table), {@code already_stored} (consumed again after a crash, the lake had them),
 *       {@code expired} (their hour is past the retention);</li>
 *   <li>{@code bidtrack_sink_files_published_total}, {@code bidtrack_sink_rows_committed_total}: files
 *       and rows whose offsets are committed;</li>
 *   <li>{@code bidtrack_sink_partitions_dropped_total}: partitions retention removed;</li>
 *   <li>{@code bidtrack_sink_consumer_lag_records}: records in Kafka not polled yet (NaN until known);</li>
 *   <li>{@code bidtrack_sink_buffered_records}: records polled, waiting for the next rotation;</li>
 *   <li>{@code bidtrack_sink_newest_partition_start_seconds}: start of the newest lake partition (UTC
 *       hour) registered in Trino, epoch seconds (NaN before the first);</li>
 *   <li>{@code bidtrack_sink_last_commit_age_seconds}: since the last offset commit (NaN before the first);</li>
 *   <li>{@code bidtrack_sink_lag_seconds}: the sink's lag, how long the oldest record read has waited
 *       to become queryable (0 when none waits; up to about {@code rotate} while records flow);</li>
 *   <li>{@code bidtrack_sink_freshness_seconds}: now minus the record time of the newest committed row
 *       (for bids, the bid time; NaN before the first): it keeps growing while no new records arrive;</li>
 *   <li>{@code bidtrack_sink_rotation_failing}: 1 while rotations fail and the sink retries;</li>
 *   <li>{@code bidtrack_compaction_merges_total}, {@code bidtrack_compaction_files_replaced_total},
 *       {@code bidtrack_compaction_rows_merged_total}, {@code bidtrack_compaction_failures_total}.</li>
 * </ul>
 */
public final class ColdStoreMetrics {
    private ColdStoreMetrics() {
    }

    public static void register(MeterRegistry registry, TableSink<?> sink) {
        String table = sink.spec().table().name();
        counter(registry, "bidtrack_sink_records_consumed", table, sink, TableSink::consumedRecords,
                "records polled from Kafka");
        for (var reason : new NotStored[]{
                new NotStored("invalid", TableSink::skippedRecords),
                new NotStored("already_stored", TableSink::alreadyStoredRecords),
                new NotStored("expired", TableSink::expiredRecords)}) {
            FunctionCounter.builder("bidtrack_sink_records_not_stored", sink, s -> (double) reason.count().applyAsLong(s))
                    .tag("table", table).tag("reason", reason.name())
                    .description("records consumed and not stored, by reason").register(registry);
        }
        counter(registry, "bidtrack_sink_files_published", table, sink, TableSink::filesWritten,
                "Parquet files published whose offsets are committed");
        counter(registry, "bidtrack_sink_rows_committed", table, sink, TableSink::recordsWritten,
                "rows stored in files whose offsets are committed");
        counter(registry, "bidtrack_sink_partitions_dropped", table, sink, TableSink::partitionsDropped,
                "lake partitions dropped by retention");
        SinkProgress progress = sink.progress();
        gauge(registry, "bidtrack_sink_consumer_lag_records", table, progress,
                p -> p.consumerLag() < 0 ? Double.NaN : p.consumerLag(), "records in Kafka the sink has not polled yet");
        gauge(registry, "bidtrack_sink_buffered_records", table, progress, SinkProgress::bufferedRecords,
                "records polled and waiting for the next rotation");
        gauge(registry, "bidtrack_sink_newest_partition_start_seconds", table, progress,
                p -> p.newestPartitionStartMillis() < 0 ? Double.NaN : p.newestPartitionStartMillis() / 1000.0,
                "start of the newest lake partition (UTC hour) registered in Trino, epoch seconds");
        gauge(registry, "bidtrack_sink_last_commit_age_seconds", table, progress,
                p -> seconds(p.sinceLastCommit()), "seconds since the sink last committed offsets");
        gauge(registry, "bidtrack_sink_lag_seconds", table, progress, p -> seconds(p.lag()),
                "how long the oldest record read has waited to become queryable; 0 when none waits");
        gauge(registry, "bidtrack_sink_freshness_seconds", table, progress,
                p -> p.newestCommittedMillis() < 0 ? Double.NaN : (System.currentTimeMillis() - p.newestCommittedMillis()) / 1000.0,
                "now minus the record time of the newest committed row (grows while no new records arrive)");
        gauge(registry, "bidtrack_sink_rotation_failing", table, progress, p -> p.rotationFailing() ? 1 : 0,
                "1 while rotations fail (lake or Trino unavailable) and the sink retries");
    }

    public static void register(MeterRegistry registry, Compactor compactor) {
        String table = compactor.table();
        counter(registry, "bidtrack_compaction_merges", table, compactor, Compactor::merges, "lake partitions merged");
        counter(registry, "bidtrack_compaction_files_replaced", table, compactor, Compactor::filesReplaced,
                "files deleted because a merged file replaced them");
        counter(registry, "bidtrack_compaction_rows_merged", table, compactor, Compactor::rowsMerged,
                "rows written into merged files");
        counter(registry, "bidtrack_compaction_failures", table, compactor, Compactor::failures, "merges that failed");
    }

    private record NotStored(String name, ToLongFunction<TableSink<?>> count) {
    }

    private static <T> void counter(MeterRegistry registry, String name, String table, T source, ToLongFunction<T> count,
                                    String description) {
        FunctionCounter.builder(name, source, s -> (double) count.applyAsLong(s)).tag("table", table)
                .description(description).register(registry);
    }

    private static <T> void gauge(MeterRegistry registry, String name, String table, T source, ToDoubleFunction<T> value,
                                  String description) {
        Gauge.builder(name, source, value).tag("table", table).description(description).register(registry);
    }

    private static double seconds(Duration d) {
        return d == null ? Double.NaN : d.toNanos() / 1e9;
    }
}
