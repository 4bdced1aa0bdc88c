package io.bidtrack.dashboard;

import io.bidtrack.dashboard.prometheus.Scrape;
import io.bidtrack.dashboard.snapshot.Readings;
import io.bidtrack.dashboard.snapshot.SnapshotBuilder;
import io.bidtrack.dashboard.sources.EngineFigures;
import io.bidtrack.dashboard.sources.EngineSource;
import io.bidtrack.dashboard.sources.MetricsSource;
import io.bidtrack.dashboard.sources.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads every source each interval, all at once and asynchronously, and hands the snapshot on.
 * Everything runs on one Vert.x context, so the snapshot builder needs no lock. When a poll is
 * still waiting for a slow source at the next tick, that tick is skipped (and counted) rather than
 * piling polls up. A source going down or coming back is logged once, not at every poll.
 *
 * <p>Meters: {@code bidtrack_dashboard_reads_total{source, result="up"|"down"}} and
 * {@code bidtrack_dashboard_polls_skipped_total}.
 */
final class Poller {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private final Vertx vertx;
    private final Context context;
    private final Duration interval;
    private final MetricsSource bidder;
    private final MetricsSource tracker;
    private final MetricsSource coldStore;
    private final EngineSource engine;
    private final SnapshotBuilder builder;
    private final Consumer<JsonObject> onSnapshot;
    private final MeterRegistry registry;
    private final Counter skipped;
    private long timer = -1;
    private boolean polling;
    private boolean stopped;
    private volatile JsonObject latest;
    /** Whether each source answered at the last poll (absent before the first). */
    private final Map<String, Boolean> wasUp = new HashMap<>();

    Poller(Vertx vertx, Duration interval, MetricsSource bidder, MetricsSource tracker, MetricsSource coldStore,
           EngineSource engine, SnapshotBuilder builder, Consumer<JsonObject> onSnapshot, MeterRegistry registry) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.interval = interval;
        this.bidder = bidder;
        this.tracker = tracker;
        this.coldStore = coldStore;
        this.engine = engine;
        this.builder = builder;
        this.onSnapshot = onSnapshot;
        this.registry = registry;
        this.skipped = Counter.builder("bidtrack_dashboard_polls_skipped")
                .description("ticks skipped because the previous poll still waited for a source").register(registry);
    }

    /** Polls now, then every interval. */
    void start() {
        context.runOnContext(v -> {
            poll();
            timer = vertx.setPeriodic(interval.toMillis(), id -> poll());
        });
    }

    /** The latest snapshot, null before the first poll ends. */
    JsonObject latest() {
        return latest;
    }

    void stop() {
        context.runOnContext(v -> {
            stopped = true;
            vertx.cancelTimer(timer);
        });
    }

    private void poll() {
        if (stopped) {
            return;
        }
        if (polling) {
            skipped.increment();
            return;
        }
        polling = true;
        Instant at = Instant.now();
        Future<Reading<Scrape>> b = bidder.read();
        Future<Reading<Scrape>> t = tracker.read();
        Future<Reading<Scrape>> c = coldStore.read();
        Future<Reading<EngineFigures>> e = engine.read();
        // The reads never fail; their callbacks may come on other threads, so the result is taken back to this context.
        Future.join(b, t, c, e).onComplete(done -> context.runOnContext(v -> {
            polling = false;
            Readings readings = new Readings(at, b.result(), t.result(), c.result(), e.result());
            count("bidder", readings.bidder());
            count("tracker", readings.tracker());
            count("coldStore", readings.coldStore());
            count("engine", readings.engine());
            JsonObject snapshot = builder.build(readings);
            latest = snapshot;
            if (!stopped) {
                onSnapshot.accept(snapshot);
            }
        }));
    }

    private void count(String source, Reading<?> reading) {
        Counter.builder("bidtrack_dashboard_reads").tag("source", source).tag("result", reading.up() ? "up" : "down")
                .description("reads of each source, by whether it answered").register(registry).increment();
        Boolean before = wasUp.put(source, reading.up());
        if (!reading.up() && !Boolean.FALSE.equals(before)) {
            LOG.warn("dashboard: {} does not answer ({}); it shows as down until it does", source, reading.error());
        } else if (reading.up() && Boolean.FALSE.equals(before)) {
            LOG.info("dashboard: {} answers again", source);
        }
    }
}
