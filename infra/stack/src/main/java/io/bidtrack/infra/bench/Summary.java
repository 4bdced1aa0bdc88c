package io.bidtrack.infra.bench;

import io.bidtrack.common.config.Durations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The tables the cold benchmark ends with; a part that did not run is left out. */
final class Summary {
    static final double SINK_TARGET_BIDS_PER_SECOND = 100_000;
    static final double FRESHNESS_TARGET_SECONDS = 75;
    static final double SINGLE_P50_TARGET_MILLIS = 200;
    static final double BATCH_TARGET_IDS_PER_SECOND = 2_000;

    private Summary() {
    }

    /** The lakes side by side: the first is the sink's layout, the others what it is compared with. */
    static Table lookupTable(List<Lookups.Result> lakes) {
        List<String> header = new ArrayList<>(List.of("lake"));
        lakes.forEach(r -> header.add(r.lake().spec().label()));
        Table t = new Table(header.toArray(String[]::new));
        t.row(cells(lakes, "bids", r -> String.format(Locale.ROOT, "%d h x %s", r.lake().spec().hours(),
                Report.count(r.lake().spec().bidsPerHour()))));
        t.row(cells(lakes, "files per hour", r -> r.lake().spec().filesPerHour() + " (" + r.lake().spec().overlap() + " per time slice)"));
        t.row(cells(lakes, "size on disk", r -> String.format(Locale.ROOT, "%s (%.0f B/bid)", Report.bytes(r.lake().bytesOnDisk()),
                (double) r.lake().bytesOnDisk() / r.lake().spec().totalBids())));
        t.row(cells(lakes, "generation", r -> Report.seconds(r.lake().generation()) + (r.lake().reused() ? " (cached)" : "")));
        t.row(cells(lakes, "Trino start / registering", r -> Report.millis(r.trinoStartMillis()) + " / " + Report.millis(r.registerMillis())));
        t.row(cells(lakes, "SELECT 1 (Trino's floor)", r -> percentiles(r.floor())));
        t.row(cells(lakes, "single lookup", r -> percentiles(r.single())));
        t.row(cells(lakes, "single: Trino read", r -> r.singleProfile().reads()));
        t.row(cells(lakes, "single: Trino time", r -> r.singleProfile().times()));
        t.row(cells(lakes, "batched lookups", r -> String.format(Locale.ROOT, "%s ids/s (%.0f ids per query)",
                Report.count(r.idsPerSecond()), r.idsPerQuery())));
        t.row(cells(lakes, "per batch", r -> percentiles(r.batch())));
        t.row(cells(lakes, "tracker's batcher", r -> String.format(Locale.ROOT, "%s ids/s (%.0f ids per query)",
                Report.count(r.tracker().idsPerSecond()), r.tracker().idsPerQuery())));
        t.row(cells(lakes, "per tracker lookup", r -> percentiles(r.tracker().latency())));
        t.row(cells(lakes, "batch query: Trino read", r -> r.batchQueryProfile().reads()));
        t.row(cells(lakes, "batch query: Trino time", r -> r.batchQueryProfile().times()));
        t.row(cells(lakes, "ids not found", r -> String.valueOf(r.singleMisses() + r.batchMisses() + r.tracker().misses())));
        return t;
    }

    /** Metric, measured, target, met: every figure this run's. */
    static Table finalTable(SinkThroughput.Result sink, Freshness.Result freshness, List<Lookups.Result> lakes) {
        Table t = new Table("metric", "measured", "target", "met");
        if (sink != null) {
            t.row("sink throughput, one consumer thread",
                    String.format(Locale.ROOT, "%s bids/s (%.1f MB/s)", Report.count(sink.bidsPerSecond()), sink.megabytesPerSecond()),
                    ">= " + Report.count(SINK_TARGET_BIDS_PER_SECOND) + " bids/s",
                    met(sink.bidsPerSecond() >= SINK_TARGET_BIDS_PER_SECOND));
        }
        if (freshness != null) {
            Latency v = freshness.visible();
            boolean allSeen = freshness.neverSeen() == 0 && v.count() > 0;
            t.row("freshness, produce to queryable (rotate " + Durations.format(freshness.rotate()) + ")",
                    v.count() == 0 ? "no sample seen" : String.format(Locale.ROOT, "p50 %s, p99 %s, max %s%s",
                            Report.millis(v.percentileMillis(50)), Report.millis(v.percentileMillis(99)), Report.millis(v.maxMillis()),
                            freshness.neverSeen() > 0 ? ", " + freshness.neverSeen() + " never seen" : ""),
                    "max <= " + Report.count(FRESHNESS_TARGET_SECONDS) + " s",
                    met(allSeen && v.maxMillis() <= FRESHNESS_TARGET_SECONDS * 1000));
        }
        for (int i = 0; i < lakes.size(); i++) {
            Lookups.Result r = lakes.get(i);
            boolean sinkLayout = i == 0;
            String lake = " [" + r.lake().spec().label() + "]";
            if (sinkLayout) {
                t.row("Trino floor, SELECT 1", percentiles(r.floor()), "reference", "-");
            }
            t.row("single lookup" + lake, percentiles(r.single()),
                    sinkLayout ? "p50 <= " + Report.millis(SINGLE_P50_TARGET_MILLIS) : "comparison",
                    sinkLayout ? met(r.singleMisses() == 0 && r.single().percentileMillis(50) <= SINGLE_P50_TARGET_MILLIS) : "-");
            // The target is the tracker's: its batcher, which is how cold events are looked up.
            t.row("batched lookups, tracker's batcher" + lake, Report.count(r.tracker().idsPerSecond()) + " ids/s",
                    sinkLayout ? ">= " + Report.count(BATCH_TARGET_IDS_PER_SECOND) + " ids/s" : "comparison",
                    sinkLayout ? met(r.tracker().misses() == 0 && r.tracker().idsPerSecond() >= BATCH_TARGET_IDS_PER_SECOND) : "-");
            t.row("batched lookups, findAll of fixed batches" + lake, Report.count(r.idsPerSecond()) + " ids/s", "comparison", "-");
        }
        return t;
    }

    static String percentiles(Latency l) {
        return l.count() == 0 ? "-" : "p50 " + Report.millis(l.percentileMillis(50)) + ", p99 " + Report.millis(l.percentileMillis(99));
    }

    private static String met(boolean yes) {
        return yes ? "yes" : "NO";
    }

    private static String[] cells(List<Lookups.Result> lakes, String name, java.util.function.Function<Lookups.Result, String> cell) {
        List<String> row = new ArrayList<>(List.of(name));
        lakes.forEach(r -> row.add(cell.apply(r)));
        return row.toArray(String[]::new);
    }
}
