package io.bidtrack.dashboard.snapshot;

import io.bidtrack.dashboard.prometheus.Histogram;
import io.bidtrack.dashboard.prometheus.Scrape;
import io.bidtrack.dashboard.sources.EngineFigures;
import io.bidtrack.dashboard.sources.Reading;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Turns each poll's {@link Readings} into the snapshot the page shows, a JSON object:
 * <pre>
 * {"at": "2026-12-05T09:30:01Z", "intervalMs": 1000,
 *  "sources": {"bidder": {"url": ..., "up": true, "error": null}, "tracker": ..., "coldStore": ..., "engine": ...},
 *  "bids":   {"perSecond": 49.8, "total": 1200, "noBidsPerSecond": 0.0},
 *  "events": {"perSecond": {"HOT": 40.1, "COLD": 0.0, "UNMATCHED": 0.0}, "total": {"HOT": 950, ...}},
 *  "hitRatio": {"bidderL1": 1.0, "trackerL1": 1.0, "trackerBidCache": 0.42},
 *  "engine": {"usedMemoryBytes": ..., "usedMemoryHuman": "182.5M", "keys": 1300, "opsPerSecond": 180.0, "clients": 9},
 *  "sink":   {"lagSeconds": 1.4, "newestPartition": "dt=2026-12-05/hour=09", "newestPartitionStartSeconds": ...,
 *             "lastCommitAgeSeconds": 0.4, "consumerLagRecords": 0, "rowsPerSecond": 49.0, "rowsCommitted": 1150},
 *  "coldLookup": {"windowSeconds": 60, "lookups": 12, "p50Ms": 180.2, "p99Ms": 950.0, "meanMs": 230.5}}
 * </pre>
 * A figure whose source is down, or that needs two readings and has one, is null: the page shows a
 * dash rather than a made-up 0.
 *
 * <p>How each is computed: rates are counter deltas between the two latest successful scrapes of
 * the source, divided by the time between their answers (a counter that went down means the
 * service restarted: its whole value is new, as in Prometheus' rate()). Bids/s: the bidder's
 * {@code bidtrack_bid_requests_total{outcome="bid"}}. Events/s per tier: the tracker's
 * {@code bidtrack_tracking_events_total{tier}}, every event type added up. Hit ratios: the gauges
 * {@code bidtrack_l1_hit_ratio} (bidder, tracker) and {@code bidtrack_bid_cache_hit_ratio}
 * (tracker), each since the service started. Engine: INFO's {@code used_memory} and
 * {@code total_commands_processed} (a rate), DBSIZE. Sink: the cold store's bids table,
 * {@code bidtrack_sink_lag_seconds} (how long the oldest bid read has waited to become queryable) as
 * the lag, {@code bidtrack_sink_freshness_seconds} as the newest bid's age in the lake,
 * {@code bidtrack_sink_newest_partition_start_seconds} as {@code dt=YYYY-MM-DD/hour=HH}.
 * Cold lookup latency: the tracker's {@code bidtrack_bid_lookup_seconds{tier="COLD"}} histogram,
 * the difference between now and the oldest scrape of the last minute, whose p50 and p99 are
 * estimated as Prometheus' histogram_quantile() does and whose mean is sum over count.
 *
 * <p>Not thread-safe: one poller uses it.
 */
public final class SnapshotBuilder {
    /** How far back the cold lookup latency looks: cold lookups are rare, one interval would mostly show none. */
    public static final Duration LATENCY_WINDOW = Duration.ofSeconds(60);
    public static final List<String> TIERS = List.of("HOT", "COLD", "UNMATCHED");
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH")
            .withZone(ZoneOffset.UTC);

    private final Duration interval;
    private final Map<String, String> urls;
    private Reading<Scrape> lastBidder;
    private Reading<Scrape> lastTracker;
    private Reading<Scrape> lastColdStore;
    private Reading<EngineFigures> lastEngine;
    /** The tracker's cold lookup histogram at each successful scrape of the last {@link #LATENCY_WINDOW}, oldest first. */
    private final Deque<TimedHistogram> coldLookups = new ArrayDeque<>();

    private record TimedHistogram(long nanos, Histogram histogram) {
    }

    /**
     * @param interval how often it is given readings (shown on the page)
     * @param urls     each source's URL by name (bidder, tracker, coldStore, engine), shown on the page
     */
    public SnapshotBuilder(Duration interval, Map<String, String> urls) {
        this.interval = interval;
        this.urls = Map.copyOf(urls);
    }

    public JsonObject build(Readings now) {
        JsonObject sources = new JsonObject()
                .put("bidder", source("bidder", now.bidder()))
                .put("tracker", source("tracker", now.tracker()))
                .put("coldStore", source("coldStore", now.coldStore()))
                .put("engine", source("engine", now.engine()));
        JsonObject snapshot = new JsonObject()
                .put("at", now.at().toString())
                .put("intervalMs", interval.toMillis())
                .put("sources", sources)
                .put("bids", bids(now.bidder(), lastBidder))
                .put("events", events(now.tracker(), lastTracker))
                .put("hitRatio", hitRatios(now.bidder(), now.tracker()))
                .put("engine", engine(now.engine(), lastEngine))
                .put("sink", sink(now.coldStore(), lastColdStore))
                .put("coldLookup", coldLookup(now.tracker()));
        lastBidder = now.bidder().up() ? now.bidder() : lastBidder;
        lastTracker = now.tracker().up() ? now.tracker() : lastTracker;
        lastColdStore = now.coldStore().up() ? now.coldStore() : lastColdStore;
        lastEngine = now.engine().up() ? now.engine() : lastEngine;
        return snapshot;
    }

    private JsonObject source(String name, Reading<?> reading) {
        return new JsonObject().put("url", urls.get(name)).put("up", reading.up()).put("error", reading.error());
    }

    private static JsonObject bids(Reading<Scrape> now, Reading<Scrape> before) {
        Map<String, String> bid = Map.of("outcome", "bid");
        return new JsonObject()
                .put("perSecond", rate(now, before, "bidtrack_bid_requests_total", bid))
                .put("total", count(value(now, "bidtrack_bid_requests_total", bid)))
                .put("noBidsPerSecond", rate(now, before, "bidtrack_bid_requests_total", Map.of("outcome", "no_bid")));
    }

    private static JsonObject events(Reading<Scrape> now, Reading<Scrape> before) {
        JsonObject perSecond = new JsonObject();
        JsonObject total = new JsonObject();
        for (String tier : TIERS) {
            Map<String, String> labels = Map.of("tier", tier);
            perSecond.put(tier, rate(now, before, "bidtrack_tracking_events_total", labels));
            total.put(tier, count(value(now, "bidtrack_tracking_events_total", labels)));
        }
        return new JsonObject().put("perSecond", perSecond).put("total", total);
    }

    private static JsonObject hitRatios(Reading<Scrape> bidder, Reading<Scrape> tracker) {
        return new JsonObject()
                .put("bidderL1", number(value(bidder, "bidtrack_l1_hit_ratio", Map.of())))
                .put("trackerL1", number(value(tracker, "bidtrack_l1_hit_ratio", Map.of())))
                .put("trackerBidCache", number(value(tracker, "bidtrack_bid_cache_hit_ratio", Map.of())));
    }

    private static JsonObject engine(Reading<EngineFigures> now, Reading<EngineFigures> before) {
        JsonObject engine = new JsonObject();
        if (!now.up()) {
            return engine.put("usedMemoryBytes", null).put("usedMemoryHuman", null).put("keys", null)
                    .put("opsPerSecond", null).put("clients", null);
        }
        EngineFigures figures = now.value();
        Double ops = before == null ? null : rate(figures.number("total_commands_processed"),
                before.value().number("total_commands_processed"), now.nanos() - before.nanos());
        return engine.put("usedMemoryBytes", count(figures.number("used_memory")))
                .put("usedMemoryHuman", figures.text("used_memory_human"))
                .put("keys", figures.keys())
                .put("opsPerSecond", ops)
                .put("clients", count(figures.number("connected_clients")));
    }

    private static JsonObject sink(Reading<Scrape> now, Reading<Scrape> before) {
        Map<String, String> bids = Map.of("table", "bids");
        double partitionStart = value(now, "bidtrack_sink_newest_partition_start_seconds", bids);
        return new JsonObject()
                .put("lagSeconds", number(value(now, "bidtrack_sink_lag_seconds", bids)))
                .put("newestBidAgeSeconds", number(value(now, "bidtrack_sink_freshness_seconds", bids)))
                .put("newestPartition", Double.isFinite(partitionStart) ? partitionName(partitionStart) : null)
                .put("newestPartitionStartSeconds", count(partitionStart))
                .put("lastCommitAgeSeconds", number(value(now, "bidtrack_sink_last_commit_age_seconds", bids)))
                .put("consumerLagRecords", count(value(now, "bidtrack_sink_consumer_lag_records", bids)))
                .put("rowsPerSecond", rate(now, before, "bidtrack_sink_rows_committed_total", bids))
                .put("rowsCommitted", count(value(now, "bidtrack_sink_rows_committed_total", bids)));
    }

    /** The lake partition whose hour starts at {@code epochSeconds}: {@code dt=2026-12-05/hour=09}. */
    public static String partitionName(double epochSeconds) {
        return PARTITION.format(Instant.ofEpochSecond((long) epochSeconds));
    }

    private JsonObject coldLookup(Reading<Scrape> tracker) {
        JsonObject cold = new JsonObject().put("windowSeconds", LATENCY_WINDOW.toSeconds());
        Histogram current = tracker.up() ? tracker.value().histogram("bidtrack_bid_lookup_seconds", Map.of("tier", "COLD")) : null;
        if (current != null) {
            coldLookups.addLast(new TimedHistogram(tracker.nanos(), current));
        }
        while (!coldLookups.isEmpty() && tracker.nanos() - coldLookups.peekFirst().nanos() > LATENCY_WINDOW.toNanos()) {
            coldLookups.removeFirst();
        }
        if (current == null || coldLookups.size() < 2) {
            return cold.put("lookups", null).put("p50Ms", null).put("p99Ms", null).put("meanMs", null);
        }
        Histogram recent = current.minus(coldLookups.peekFirst().histogram());
        return cold.put("lookups", count(recent.count()))
                .put("p50Ms", milliseconds(recent.quantile(0.5)))
                .put("p99Ms", milliseconds(recent.quantile(0.99)))
                .put("meanMs", milliseconds(recent.mean()));
    }

    private static double value(Reading<Scrape> reading, String name, Map<String, String> labels) {
        return reading.up() ? reading.value().sum(name, labels) : Double.NaN;
    }

    private static Double rate(Reading<Scrape> now, Reading<Scrape> before, String name, Map<String, String> labels) {
        if (!now.up() || before == null) {
            return null;
        }
        return rate(now.value().sum(name, labels), before.value().sum(name, labels), now.nanos() - before.nanos());
    }

    /**
     * Per second, from a counter's two values {@code nanos} apart; a counter that went down was
     * reset (its service restarted), so all of its value is new. Null when either is unknown.
     */
    static Double rate(double now, double before, long nanos) {
        if (Double.isNaN(now) || Double.isNaN(before) || nanos <= 0) {
            return null;
        }
        double delta = now >= before ? now - before : now;
        return delta / (nanos / 1e9);
    }

    private static Double milliseconds(double seconds) {
        return number(seconds * 1000);
    }

    /** JSON has no NaN or infinity: those become null. */
    static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static Long count(double value) {
        return Double.isFinite(value) ? Math.round(value) : null;
    }
}
