package io.bidtrack.dashboard.snapshot;

import io.bidtrack.dashboard.prometheus.PrometheusText;
import io.bidtrack.dashboard.prometheus.Scrape;
import io.bidtrack.dashboard.sources.EngineFigures;
import io.bidtrack.dashboard.sources.Reading;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotBuilderTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Map<String, String> URLS = Map.of("bidder", "http://b/metrics", "tracker", "http://t/metrics",
            "coldStore", "http://c/metrics", "engine", "redis://dashboard@e:6379");

    private static Reading<Scrape> scrape(long nanos, String text) {
        return Reading.of(PrometheusText.parse(text), nanos);
    }

    private static Reading<Scrape> bidder(long nanos, double bids, double noBids, double l1) {
        return scrape(nanos, "bidtrack_bid_requests_total{outcome=\"bid\"} " + bids + "\n"
                + "bidtrack_bid_requests_total{outcome=\"no_bid\"} " + noBids + "\n"
                + "bidtrack_bid_requests_total{outcome=\"invalid\"} 0\n"
                + "bidtrack_l1_hit_ratio " + l1 + "\n");
    }

    private static Reading<Scrape> tracker(long nanos, double hotImpressions, double hotClicks, double cold, String coldLookupBuckets) {
        return scrape(nanos, "bidtrack_tracking_events_total{tier=\"HOT\",type=\"IMPRESSION\"} " + hotImpressions + "\n"
                + "bidtrack_tracking_events_total{tier=\"HOT\",type=\"CLICK\"} " + hotClicks + "\n"
                + "bidtrack_tracking_events_total{tier=\"COLD\",type=\"IMPRESSION\"} " + cold + "\n"
                + "bidtrack_tracking_events_total{tier=\"UNMATCHED\",type=\"IMPRESSION\"} 0\n"
                + "bidtrack_l1_hit_ratio 1.0\nbidtrack_bid_cache_hit_ratio 0.25\n" + coldLookupBuckets);
    }

    /** The COLD lookup histogram: {@code fast} lookups under 10 ms, {@code slow} between 100 ms and 1 s. */
    private static String coldLookups(int fast, int slow) {
        int total = fast + slow;
        return "bidtrack_bid_lookup_seconds_bucket{tier=\"COLD\",le=\"0.01\"} " + fast + "\n"
                + "bidtrack_bid_lookup_seconds_bucket{tier=\"COLD\",le=\"0.1\"} " + fast + "\n"
                + "bidtrack_bid_lookup_seconds_bucket{tier=\"COLD\",le=\"1.0\"} " + total + "\n"
                + "bidtrack_bid_lookup_seconds_bucket{tier=\"COLD\",le=\"+Inf\"} " + total + "\n"
                + "bidtrack_bid_lookup_seconds_count{tier=\"COLD\"} " + total + "\n"
                + "bidtrack_bid_lookup_seconds_sum{tier=\"COLD\"} " + (fast * 0.005 + slow * 0.5) + "\n"
                + "bidtrack_bid_lookup_seconds_bucket{tier=\"HOT\",le=\"0.01\"} 1000\n"
                + "bidtrack_bid_lookup_seconds_bucket{tier=\"HOT\",le=\"+Inf\"} 1000\n";
    }

    private static Reading<Scrape> coldStore(long nanos, double rows, double partitionStart) {
        return scrape(nanos, "bidtrack_sink_rows_committed_total{table=\"bids\"} " + rows + "\n"
                + "bidtrack_sink_rows_committed_total{table=\"events\"} 7\n"
                + "bidtrack_sink_lag_seconds{table=\"bids\"} 0.8\n"
                + "bidtrack_sink_lag_seconds{table=\"events\"} 42\n"
                + "bidtrack_sink_freshness_seconds{table=\"bids\"} 2.5\n"
                + "bidtrack_sink_freshness_seconds{table=\"events\"} 99\n"
                + "bidtrack_sink_newest_partition_start_seconds{table=\"bids\"} " + partitionStart + "\n"
                + "bidtrack_sink_last_commit_age_seconds{table=\"bids\"} 0.5\n"
                + "bidtrack_sink_consumer_lag_records{table=\"bids\"} 3\n");
    }

    private static Reading<EngineFigures> engine(long nanos, long commands, long keys) {
        return Reading.of(new EngineFigures(EngineFigures.parseInfo("# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n"
                + "# Stats\r\ntotal_commands_processed:" + commands + "\r\n# Clients\r\nconnected_clients:4\r\n"), keys), nanos);
    }

    private static <T> Reading<T> down(long nanos) {
        return Reading.down(new IOException("Connection refused: 127.0.0.1/127.0.0.1:8084"), nanos);
    }

    private static Readings readings(Reading<Scrape> bidder, Reading<Scrape> tracker, Reading<Scrape> coldStore,
                                     Reading<EngineFigures> engine) {
        return new Readings(Instant.parse("2026-12-05T09:30:01Z"), bidder, tracker, coldStore, engine);
    }

    @Test
    void ratesAreCounterDeltasOverTheTimeBetweenTheAnswers() {
        SnapshotBuilder builder = new SnapshotBuilder(Duration.ofSeconds(1), URLS);
        JsonObject first = builder.build(readings(bidder(0, 100, 10, 0.5), tracker(0, 40, 2, 1, coldLookups(0, 0)),
                coldStore(0, 50, 1_765_396_800), engine(0, 1000, 10)));
        assertNull(first.getJsonObject("bids").getValue("perSecond"), "one scrape gives no rate");
        assertEquals(100L, first.getJsonObject("bids").getLong("total"));
        assertEquals(42L, first.getJsonObject("events").getJsonObject("total").getLong("HOT"), "every event type of the tier");

        JsonObject second = builder.build(readings(bidder(2 * SECOND, 200, 14, 0.75), tracker(2 * SECOND, 80, 6, 2, coldLookups(0, 0)),
                coldStore(4 * SECOND, 90, 1_765_396_800), engine(2 * SECOND, 1600, 30)));
        assertEquals(50.0, second.getJsonObject("bids").getDouble("perSecond"));
        assertEquals(2.0, second.getJsonObject("bids").getDouble("noBidsPerSecond"));
        JsonObject events = second.getJsonObject("events").getJsonObject("perSecond");
        assertEquals(22.0, events.getDouble("HOT"));
        assertEquals(0.5, events.getDouble("COLD"));
        assertEquals(0.0, events.getDouble("UNMATCHED"));
        assertEquals(10.0, second.getJsonObject("sink").getDouble("rowsPerSecond"), "40 rows in the 4 s between the sink's answers");
        assertEquals(300.0, second.getJsonObject("engine").getDouble("opsPerSecond"));
        assertEquals(30L, second.getJsonObject("engine").getLong("keys"));
        assertEquals(1_048_576L, second.getJsonObject("engine").getLong("usedMemoryBytes"));
        assertEquals("1.00M", second.getJsonObject("engine").getString("usedMemoryHuman"));
        assertEquals(4L, second.getJsonObject("engine").getLong("clients"));
        assertEquals(0.75, second.getJsonObject("hitRatio").getDouble("bidderL1"));
        assertEquals(1.0, second.getJsonObject("hitRatio").getDouble("trackerL1"));
        assertEquals(0.25, second.getJsonObject("hitRatio").getDouble("trackerBidCache"));
    }

    @Test
    void theSinkFiguresAreTheBidsTables() {
        SnapshotBuilder builder = new SnapshotBuilder(Duration.ofSeconds(1), URLS);
        JsonObject sink = builder.build(readings(bidder(0, 0, 0, 1), tracker(0, 0, 0, 0, ""),
                coldStore(0, 50, 1_765_396_800), engine(0, 0, 0))).getJsonObject("sink");
        assertEquals(0.8, sink.getDouble("lagSeconds"));
        assertEquals(2.5, sink.getDouble("newestBidAgeSeconds"));
        assertEquals("dt=2025-12-10/hour=20", sink.getString("newestPartition"));
        assertEquals(1_765_396_800L, sink.getLong("newestPartitionStartSeconds"));
        assertEquals(0.5, sink.getDouble("lastCommitAgeSeconds"));
        assertEquals(3L, sink.getLong("consumerLagRecords"));
        assertEquals(50L, sink.getLong("rowsCommitted"));
    }

    @Test
    void aSourceThatIsDownShowsAsDownAndTheOthersGoOn() {
        SnapshotBuilder builder = new SnapshotBuilder(Duration.ofSeconds(1), URLS);
        builder.build(readings(bidder(0, 100, 0, 1), tracker(0, 10, 0, 0, ""), coldStore(0, 0, 0), engine(0, 0, 0)));
        JsonObject snapshot = builder.build(readings(bidder(SECOND, 150, 0, 1), tracker(SECOND, 20, 0, 0, ""),
                down(SECOND), down(SECOND)));
        JsonObject sources = snapshot.getJsonObject("sources");
        assertTrue(sources.getJsonObject("bidder").getBoolean("up"));
        assertFalse(sources.getJsonObject("coldStore").getBoolean("up"));
        assertTrue(sources.getJsonObject("coldStore").getString("error").contains("Connection refused"));
        assertEquals("http://c/metrics", sources.getJsonObject("coldStore").getString("url"));
        assertFalse(sources.getJsonObject("engine").getBoolean("up"));
        assertEquals(50.0, snapshot.getJsonObject("bids").getDouble("perSecond"));
        assertNull(snapshot.getJsonObject("sink").getValue("lagSeconds"));
        assertNull(snapshot.getJsonObject("sink").getValue("newestBidAgeSeconds"));
        assertNull(snapshot.getJsonObject("sink").getValue("newestPartition"));
        assertNull(snapshot.getJsonObject("engine").getValue("keys"));

        // Back after a poll away: the rate spans the gap, from the last answer.
        JsonObject back = builder.build(readings(bidder(2 * SECOND, 200, 0, 1), tracker(2 * SECOND, 30, 0, 0, ""),
                coldStore(2 * SECOND, 20, 0), engine(2 * SECOND, 100, 1)));
        assertEquals(10.0, back.getJsonObject("sink").getDouble("rowsPerSecond"), "20 rows in the 2 s since its last answer");
        assertEquals(50.0, back.getJsonObject("engine").getDouble("opsPerSecond"));
    }

    @Test
    void aCounterThatWentDownMeansARestartAndCountsFromZero() {
        assertEquals(5.0, SnapshotBuilder.rate(5, 1000, SECOND));
        assertEquals(2.0, SnapshotBuilder.rate(14, 10, 2 * SECOND));
        assertNull(SnapshotBuilder.rate(Double.NaN, 10, SECOND), "not reported");
        assertNull(SnapshotBuilder.rate(10, 5, 0));
    }

    @Test
    void coldLookupLatencyCoversTheLastMinute() {
        SnapshotBuilder builder = new SnapshotBuilder(Duration.ofSeconds(1), URLS);
        JsonObject first = builder.build(readings(bidder(0, 0, 0, 1), tracker(0, 0, 0, 0, coldLookups(100, 0)),
                coldStore(0, 0, 0), engine(0, 0, 0))).getJsonObject("coldLookup");
        assertNull(first.getValue("p50Ms"), "one scrape: no window yet");
        assertEquals(60L, first.getLong("windowSeconds"));

        // 30 s later: 10 new lookups, all slow ones (the 100 fast ones were before).
        JsonObject recent = builder.build(readings(bidder(30 * SECOND, 0, 0, 1), tracker(30 * SECOND, 0, 0, 0, coldLookups(100, 10)),
                coldStore(0, 0, 0), engine(0, 0, 0))).getJsonObject("coldLookup");
        assertEquals(10L, recent.getLong("lookups"));
        assertEquals(550.0, recent.getDouble("p50Ms"), 1e-6, "half-way through the 0.1-1 s bucket");
        assertEquals(500.0, recent.getDouble("meanMs"), 1e-6);
        assertTrue(recent.getDouble("p99Ms") > 900 && recent.getDouble("p99Ms") <= 1000);

        // 70 s after the first: the first scrape left the window; the 30 s one is the baseline, nothing new since.
        JsonObject later = builder.build(readings(bidder(70 * SECOND, 0, 0, 1), tracker(70 * SECOND, 0, 0, 0, coldLookups(100, 10)),
                coldStore(0, 0, 0), engine(0, 0, 0))).getJsonObject("coldLookup");
        assertEquals(0L, later.getLong("lookups"));
        assertNull(later.getValue("p50Ms"), "no lookup in the last minute");
    }

    @Test
    void theSnapshotIsValidJsonWithNullsForUnknownFigures() {
        SnapshotBuilder builder = new SnapshotBuilder(Duration.ofMillis(500), URLS);
        JsonObject snapshot = builder.build(readings(down(0), down(0), scrape(0,
                "bidtrack_sink_freshness_seconds{table=\"bids\"} NaN\nbidtrack_sink_newest_partition_start_seconds{table=\"bids\"} NaN\n"),
                down(0)));
        String json = snapshot.encode();
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        assertEquals(snapshot.fieldNames(), new JsonObject(json).fieldNames(), "it parses back");
        assertEquals(500L, snapshot.getLong("intervalMs"));
        assertEquals("2026-12-05T09:30:01Z", snapshot.getString("at"));
        assertNull(snapshot.getJsonObject("sink").getValue("lagSeconds"));
        assertNull(snapshot.getJsonObject("sink").getValue("newestBidAgeSeconds"));
        assertNull(snapshot.getJsonObject("sink").getValue("newestPartition"));
    }
}
