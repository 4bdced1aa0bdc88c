package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.sink.BidParquet.Layout;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    @Test
    void theFinalTableComparesEachFigureWithItsTarget() {
        SinkThroughput.Result sink = new SinkThroughput.Result(1_000_000, 634_000_000, Duration.ofSeconds(9), Duration.ofMillis(500),
                Duration.ofSeconds(8), 30, 200 << 20, 6.5, 14.0,
                new ColdStoreConfig("127.0.0.1:9092", "g", Path.of("lake"), "jdbc:trino://x", Duration.ofSeconds(60), 1_000_000));
        Freshness.Result freshness = new Freshness.Result(Duration.ofSeconds(60), 1000, Duration.ofMinutes(3), 180_000, 3, 0,
                latency(30_000, 59_000, 80_000));
        Lookups.Result sorted = lookups(true, latency(120, 150, 300), 1_000);
        Lookups.Result unsorted = lookups(false, latency(400, 500, 900), 300);

        String table = Summary.finalTable(sink, freshness, List.of(sorted, unsorted)).toString();
        List<String> lines = table.lines().toList();
        assertEquals(2 + 2 + 1 + 3 + 3, lines.size(), table);
        assertTrue(lines.get(2).matches("sink throughput, one consumer thread +\\| +125,000 bids/s \\(79\\.3 MB/s\\) \\| >= 100,000 bids/s \\| yes"), table);
        // The slowest sample took 80 s: over the target, whatever the median.
        assertTrue(lines.get(3).startsWith("freshness, produce to queryable (rotate 1m)") && lines.get(3).endsWith("NO"), table);
        assertTrue(lines.get(4).contains("Trino floor, SELECT 1") && lines.get(4).contains("reference"), table);
        assertTrue(lines.get(5).contains("single lookup [sorted, bloom, 128 MiB row groups, pages of 20000 rows]")
                && lines.get(5).endsWith("yes"), table);
        // The batched target is judged on the tracker's batcher, the path cold events take.
        assertTrue(lines.get(6).contains("batched lookups, tracker's batcher [sorted, bloom") && lines.get(6).contains("1,000 ids/s")
                && lines.get(6).endsWith("NO"), table);
        assertTrue(lines.get(7).contains("findAll") && lines.get(7).contains("comparison"), table);
        assertTrue(lines.get(8).contains("[unsorted, no bloom") && lines.get(8).contains("comparison"), table);
    }

    @Test
    void partsThatDidNotRunAreLeftOut() {
        String table = Summary.finalTable(null, null, List.of(lookups(true, latency(120), 3_000))).toString();
        assertFalse(table.contains("sink") || table.contains("freshness"), table);
        assertEquals(2 + 1 + 3, table.lines().count(), table);
    }

    @Test
    void theLookupTablePutsTheLakesSideBySide() {
        String table = Summary.lookupTable(List.of(lookups(true, latency(120), 3_000), lookups(false, latency(400), 500))).toString();
        String header = table.lines().findFirst().orElseThrow();
        assertTrue(header.matches("lake +\\| +sorted, bloom, 128 MiB row groups, pages of 20000 rows"
                + " \\| +unsorted, no bloom, 128 MiB row groups, pages of 20000 rows"), header);
        assertTrue(table.contains("3,000 ids/s") && table.contains("500 ids/s"), table);
    }

    private static Lookups.Result lookups(boolean sorted, Latency single, long idsPerSecond) {
        LakeSpec spec = new LakeSpec(24, 1_000_000, 12, 3, sorted, new Layout(sorted, Layout.DEFAULT.rowGroupBytes()));
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
