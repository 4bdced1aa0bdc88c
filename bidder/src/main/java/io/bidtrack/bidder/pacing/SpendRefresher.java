package io.bidtrack.bidder.pacing;

import io.bidtrack.common.model.Campaign;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps the {@link Pacer}'s view of other instances' spend fresh: every {@code pacing.refresh}
 * one MGET (per 500 campaigns) of today's counters of the budgeted campaigns. Off the request
 * path; a failed refresh keeps the last values (counted, logged at most once a minute).
 */
public final class SpendRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(SpendRefresher.class);
    private static final int KEYS_PER_MGET = 500;
    private static final long LOG_INTERVAL_MS = 60_000;

    private final Redis redis;
    private final Pacer pacer;
    private final Clock clock;
    private final Supplier<List<Campaign>> budgeted;
    private final long timeoutMs;
    private final Counter errors;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long lastLog;

    public SpendRefresher(Redis redis, Pacer pacer, Clock clock, Supplier<List<Campaign>> budgeted, long timeoutMs,
                          MeterRegistry registry) {
        this.redis = redis;
        this.pacer = pacer;
        this.clock = clock;
        this.budgeted = budgeted;
        this.timeoutMs = timeoutMs;
        this.errors = Counter.builder("bidtrack_pacing_refresh_errors")
                .description("spend counter refreshes that failed (the last known values stay)").register(registry);
    }

    /** One refresh; a call while one is under way is skipped (called from one timer). */
    public Future<Void> refresh() {
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        List<Campaign> campaigns = budgeted.get();
        long day = DailySpend.epochDay(clock.millis());
        Set<String> ids = new HashSet<>();
        campaigns.forEach(c -> ids.add(c.id()));
        pacer.retain(ids, day);
        if (campaigns.isEmpty()) {
            running.set(false);
            return Future.succeededFuture();
        }
        List<Future<Void>> parts = new ArrayList<>();
        for (int from = 0; from < campaigns.size(); from += KEYS_PER_MGET) {
            parts.add(mget(campaigns.subList(from, Math.min(campaigns.size(), from + KEYS_PER_MGET)), day));
        }
        return Future.all(parts).<Void>mapEmpty().onComplete(ar -> {
            running.set(false);
            if (ar.failed()) {
                errors.increment();
                long now = System.currentTimeMillis();
                if (now - lastLog >= LOG_INTERVAL_MS) {
                    lastLog = now;
                    LOG.warn("spend counters not refreshed, pacing on the last known values: {}", ar.cause().toString());
                }
            }
        });
    }

    private Future<Void> mget(List<Campaign> campaigns, long day) {
        Request mget = Request.cmd(Command.MGET);
        for (Campaign c : campaigns) {
            mget.arg(DailySpend.key(c.id(), day));
        }
        return redis.send(mget).timeout(timeoutMs, TimeUnit.MILLISECONDS).map(values -> {
            for (int i = 0; i < campaigns.size(); i++) {
                Response v = values.get(i);
                if (v != null) {
                    pacer.observe(campaigns.get(i).id(), day, v.toLong());
                }
            }
            return null;
        });
    }
}
