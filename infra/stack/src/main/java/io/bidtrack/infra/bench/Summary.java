package io.bidtrack.infra.bench;

import io.bidtrack.common.config.Durations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The tables the cold benchmark ends with; a part that did not run is left out. */
final class Summary {
    static final double SINK_TARGET_BIDS_PER_SECOND = 100_000;
    static final double FRESHNESS_TARGET_SECONDS = 75;
    static final double SINGLE_P50_TARGET_MILLIS = 200;
    static final double BATCH_TARGET_IDS_PER_SECOND = 2_000;

    private Summary() {
    }

    /** The lakes side by side: the first is the compacted one the targets are judged on, the others what it is compared with. */
    static Table lookupTable(List<Lookups.Result> lakes) {
        List<String> header = new ArrayList<>(List.of("lake"));
        lakes.forEach(r -> header.add(r.lake().spec().name()));
        Table t = new Table(header.toArray(String[]::new));
        t.row(cells(lakes, "bids", r -> String.format(Locale.ROOT, "%d h x %s", r.lake().spec().hours(),
                Report.count(r.lake().spec().bidsPerHour()))));
        t.row(cells(lakes, "files per hour", r -> r.lake().spec().filesPerHour() == 1 ? "1"
                : r.lake().spec().filesPerHour() + " (" + r.lake().spec().overlap() + " per time slice)"));
        t.row(cells(lakes, "rows sorted by id", r -> r.lake().spec().sorted() ? "yes" : "no"));
        t.row(cells(lakes, "bloom filter on id", r -> r.lake().spec().layout().idBloomFilter() ? "yes" : "no"));
        t.row(cells(lakes, "row groups / pages", r -> r.lake().spec().rowGroupsAndPages()));
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

    /**
     * Metric, measured, target, met: every figure this run's. The lookups are measured on the first
     * lake (compacted), which the targets are judged on; each other lake has a column of its own,
     * so that the same lookups on each read side by side.
     */
    static Table finalTable(SinkThroughput.Result sink, Freshness.Result freshness, List<Lookups.Result> lakes) {
        return finalTable(sink, null, freshness, lakes);
    }

    /** As {@link #finalTable(SinkThroughput.Result, Freshness.Result, List)}, with compaction's speed after the sink's. */
    static Table finalTable(SinkThroughput.Result sink, CompactionSpeed.Result compaction, Freshness.Result freshness,
                            List<Lookups.Result> lakes) {
        List<String> header = new ArrayList<>(List.of("metric",
                lakes.isEmpty() ? "measured" : "measured (lookups: " + lakes.getFirst().lake().spec().name() + ")", "target", "met"));
        List<Lookups.Result> compared = lakes.isEmpty() ? List.of() : lakes.subList(1, lakes.size());
        compared.forEach(r -> header.add(r.lake().spec().name()));
        Table t = new Table(header.toArray(String[]::new));
        if (sink != null) {
            t.row(withBlanks(compared.size(), "sink throughput, one consumer thread",
                    String.format(Locale.ROOT, "%s bids/s (%.1f MB/s)", Report.count(sink.bidsPerSecond()), sink.megabytesPerSecond()),
                    ">= " + Report.count(SINK_TARGET_BIDS_PER_SECOND) + " bids/s",
                    met(sink.bidsPerSecond() >= SINK_TARGET_BIDS_PER_SECOND)));
        }
        if (compaction != null) {
            t.row(withBlanks(compared.size(), "compaction of part 1's lake, one thread",
                    String.format(Locale.ROOT, "%s bids/s (%d files into %d in %s)", Report.count(compaction.rowsPerSecond()),
                            compaction.filesBefore(), compaction.filesAfter(), Report.seconds(compaction.took())),
                    "comparison", "-"));
        }
        if (freshness != null) {
            Latency v = freshness.visible();
            boolean allSeen = freshness.neverSeen() == 0 && v.count() > 0;
            t.row(withBlanks(compared.size(), "freshness, produce to queryable (rotate " + Durations.format(freshness.rotate()) + ")",
                    v.count() == 0 ? "no sample seen" : String.format(Locale.ROOT, "p50 %s, p99 %s, max %s%s",
                            Report.millis(v.percentileMillis(50)), Report.millis(v.percentileMillis(99)), Report.millis(v.maxMillis()),
                            freshness.neverSeen() > 0 ? ", " + freshness.neverSeen() + " never seen" : ""),
                    "max <= " + Report.count(FRESHNESS_TARGET_SECONDS) + " s",
                    met(allSeen && v.maxMillis() <= FRESHNESS_TARGET_SECONDS * 1000)));
        }
        if (lakes.isEmpty()) {
            return t;
        }
        Lookups.Result judged = lakes.getFirst();
        t.row(lakeRow(lakes, "Trino floor, SELECT 1", "reference", "-", r -> percentiles(r.floor())));
        t.row(lakeRow(lakes, "single lookup", "p50 <= " + Report.millis(SINGLE_P50_TARGET_MILLIS),
                met(judged.singleMisses() == 0 && judged.single().percentileMillis(50) <= SINGLE_P50_TARGET_MILLIS),
                r -> percentiles(r.single())));
        // The target is the tracker's: its batcher, which is how cold events are looked up.
        t.row(lakeRow(lakes, "batched lookups, tracker's batcher", ">= " + Report.count(BATCH_TARGET_IDS_PER_SECOND) + " ids/s",
                met(judged.tracker().misses() == 0 && judged.tracker().idsPerSecond() >= BATCH_TARGET_IDS_PER_SECOND),
                r -> Report.count(r.tracker().idsPerSecond()) + " ids/s"));
        t.row(lakeRow(lakes, "batched lookups, findAll of fixed batches (all columns)", "comparison", "-",
                r -> Report.count(r.idsPerSecond()) + " ids/s"));
        return t;
    }

    /** A lookup metric: the first lake's figure, the target and whether it is met, then the other lakes' figures. */
    private static String[] lakeRow(List<Lookups.Result> lakes, String metric, String target, String met,
                                    Function<Lookups.Result, String> figure) {
        List<String> row = new ArrayList<>(List.of(metric, figure.apply(lakes.getFirst()), target, met));
        lakes.subList(1, lakes.size()).forEach(r -> row.add(figure.apply(r)));
        return row.toArray(String[]::new);
    }

    /** A metric without a figure per lake: the comparison columns are left blank. */
    private static String[] withBlanks(int comparedLakes, String... cells) {
        List<String> row = new ArrayList<>(List.of(cells));
        row.addAll(Collections.nCopies(comparedLakes, ""));
        return row.toArray(String[]::new);
    }

    static String percentiles(Latency l) {
        return l.count() == 0 ? "-" : "p50 " + Report.millis(l.percentileMillis(50)) + ", p99 " + Report.millis(l.percentileMillis(99));
    }

    private static String met(boolean yes) {
        return yes ? "yes" : "NO";
    }

    private static String[] cells(List<Lookups.Result> lakes, String name, Function<Lookups.Result, String> cell) {
        List<String> row = new ArrayList<>(List.of(name));
        lakes.forEach(r -> row.add(cell.apply(r)));
        return row.toArray(String[]::new);
    }
}
