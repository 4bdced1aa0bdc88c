package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.ColdStoreConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    @Test
    void theFinalTableJudgesTheCompactedLakeAndPutsTheOthersBesideIt() {
        SinkThroughput.Result sink = new SinkThroughput.Result(1_000_000, 634_000_000, Duration.ofSeconds(9), Duration.ofMillis(500),
                Duration.ofSeconds(8), 30, 200 << 20, 6.5, 14.0,
                new ColdStoreConfig("127.0.0.1:9092", "g", Path.of("lake"), "jdbc:trino://x", Duration.ofSeconds(60), 1_000_000));
        Freshness.Result freshness = new Freshness.Result(Duration.ofSeconds(60), 1000, Duration.ofMinutes(3), 180_000, 3, 0,
                latency(30_000, 59_000, 80_000));
        Lookups.Result compacted = lookups(LakeSpec.compacted(24, 1_000_000), latency(120, 150, 300), 2_500);
        Lookups.Result uncompacted = lookups(LakeSpec.uncompacted(24, 1_000_000, 180, 3), latency(90, 110, 200), 460);
        Lookups.Result unsorted = lookups(LakeSpec.unsortedNoBloom(24, 1_000_000, 180, 3), latency(400, 500, 900), 380);

        String table = Summary.finalTable(sink, freshness, List.of(compacted, uncompacted, unsorted)).toString();
        List<String> lines = table.lines().toList();
        assertEquals(2 + 2 + 1 + 3, lines.size(), table);
        assertEquals(List.of("metric", "measured (lookups: compacted)", "target", "met", "uncompacted (sink's files)",
                "unsorted, no bloom"), cells(lines.get(0)));
        // Sink and freshness have no figure per lake: nothing in the lakes' columns.
        assertTrue(lines.get(2).matches("sink throughput, one consumer thread +\\| +125,000 bids/s \\(79\\.3 MB/s\\) \\| >= 100,000 bids/s \\| yes[ |]*"),
                table);
        // The slowest sample took 80 s: over the target, whatever the median.
        assertTrue(lines.get(3).startsWith("freshness, produce to queryable (rotate 1m)") && lines.get(3).matches(".* \\| +NO[ |]*"), table);
        assertEquals(List.of("Trino floor, SELECT 1", "p50 60 ms, p99 80 ms", "reference", "-", "p50 60 ms, p99 80 ms",
                "p50 60 ms, p99 80 ms"), cells(lines.get(4)));
        // The single target is met on the compacted lake, whatever the others measured.
        assertEquals(List.of("single lookup", "p50 150 ms, p99 300 ms", "p50 <= 200 ms", "yes", "p50 110 ms, p99 200 ms",
                "p50 500 ms, p99 900 ms"), cells(lines.get(5)));
        // The batched target is judged on the tracker's batcher, the path cold events take.
        assertEquals(List.of("batched lookups, tracker's batcher", "2,500 ids/s", ">= 2,000 ids/s", "yes", "460 ids/s", "380 ids/s"),
                cells(lines.get(6)));
        assertEquals(List.of("batched lookups, findAll of fixed batches (all columns)", "2,500 ids/s", "comparison", "-", "460 ids/s", "380 ids/s"),
                cells(lines.get(7)));
    }

    @Test
    void compactionsSpeedIsARowOfItsOwnAfterTheSinks() {
        CompactionSpeed.Result compaction = new CompactionSpeed.Result(2_000_000, 27, 3, 380 << 20, 400 << 20, Duration.ofSeconds(16));
        List<String> lines = Summary.finalTable(null, compaction, null, List.of()).toString().lines().toList();
        assertEquals(List.of("compaction of part 1's lake, one thread", "125,000 bids/s (27 files into 3 in 16.0 s)", "comparison", "-"),
                cells(lines.get(2)));
    }

    @Test
    void aTargetMissedOnTheCompactedLakeIsNotMetWhateverTheOthers() {
        Lookups.Result compacted = lookups(LakeSpec.compacted(24, 1_000_000), latency(250), 1_500);
        Lookups.Result uncompacted = lookups(LakeSpec.uncompacted(24, 1_000_000, 180, 3), latency(90), 3_000);
        List<String> lines = Summary.finalTable(null, null, List.of(compacted, uncompacted)).toString().lines().toList();
        assertEquals(List.of("single lookup", "p50 250 ms, p99 250 ms", "p50 <= 200 ms", "NO", "p50 90 ms, p99 90 ms"), cells(lines.get(3)));
        assertEquals(List.of("batched lookups, tracker's batcher", "1,500 ids/s", ">= 2,000 ids/s", "NO", "3,000 ids/s"), cells(lines.get(4)));
    }

    @Test
    void partsThatDidNotRunAreLeftOut() {
        String table = Summary.finalTable(null, null, List.of(lookups(LakeSpec.compacted(24, 1_000_000), latency(120), 3_000))).toString();
        assertFalse(table.contains("sink") || table.contains("freshness"), table);
        assertEquals(2 + 1 + 3, table.lines().count(), table);
        String noLookups = Summary.finalTable(null, null, List.of()).toString();
        assertTrue(noLookups.startsWith("metric | measured | target | met\n"), noLookups);
    }

    @Test
    void theLookupTablePutsTheLakesSideBySide() {
        String table = Summary.lookupTable(List.of(lookups(LakeSpec.compacted(24, 1_000_000), latency(120), 3_000),
                lookups(LakeSpec.unsortedNoBloom(24, 1_000_000, 180, 3), latency(400), 500))).toString();
        List<String> lines = table.lines().toList();
        assertEquals(List.of("lake", "compacted", "unsorted, no bloom"), cells(lines.getFirst()));
        assertTrue(lines.contains(row(lines, "files per hour", "1", "180 (3 per time slice)")), table);
        assertTrue(lines.contains(row(lines, "rows sorted by id", "yes", "no")), table);
        assertTrue(lines.contains(row(lines, "bloom filter on id", "no", "no")), table);
        assertTrue(lines.contains(row(lines, "row groups / pages", "8 MiB / 200 rows", "128 MiB / 20000 rows")), table);
        assertTrue(table.contains("3,000 ids/s") && table.contains("500 ids/s"), table);
    }

    /** The line of {@code lines} whose cells are these, or a message naming the row if there is none. */
    private static String row(List<String> lines, String... cells) {
        return lines.stream().filter(l -> cells(l).equals(List.of(cells))).findFirst().orElse("no row " + List.of(cells));
    }

    private static List<String> cells(String line) {
        return List.of(line.split(" \\| ")).stream().map(String::strip).toList();
    }

    private static Lookups.Result lookups(LakeSpec spec, Latency single, long idsPerSecond) {
        BenchLake lake = new BenchLake(spec, Path.of("lake"), List.of(), Duration.ofMinutes(4), true, 5L << 30);
        QueryProfile profile = new QueryProfile(10, 12, 31_000, 1_300_000, 20, 35, 80);
        return new Lookups.Result(lake, "768m", 12_000, 300, latency(60, 80), single, 0, latency(2_000), idsPerSecond * 10, 24, 0,
                Duration.ofSeconds(10), profile, profile,
                new TrackerBatches.Result(latency(300), idsPerSecond * 10, 0, 100, idsPerSecond / 10.0, Duration.ofSeconds(10)));
    }

    private static Latency latency(long... millis) {
        Latency l = new Latency();
        for (long ms : millis) {
            l.recordNanos(ms * 1_000_000);
        }
        return l;
    }
}
