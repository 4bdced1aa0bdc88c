package io.bidtrack.tracker.dedupe;

import io.bidtrack.common.Names;
import io.bidtrack.common.proto.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts each (bid, event type) once per window: {@code SET seen:{type}:{bid id} 1 NX PX <window>}
 * on the hot store. The mark lives in the store, not in the process, so a repeat that reaches
 * another tracker instance (or this one after a restart) is still caught.
 * <p>
 * When the store does not answer, the event is let through (fail open) and counted: a possible
 * double count is recoverable downstream (events carry the bid id and type), a lost event is not.
 */
public final class Dedupe {
    private static final Logger LOG = LoggerFactory.getLogger(Dedupe.class);
    /** A check slower than this counts as failed; the event goes on unchecked. */
    static final long TIMEOUT_MS = 1000;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    public enum Verdict {
        /** The first of its kind in the window: emit it. */
        FIRST,
        /** Seen before in the window: count it, do not emit it. */
        DUPLICATE,
        /** The store did not answer, or dedupe is off: emit it. */
        UNCHECKED
    }

    private final Redis redis;
    private final long windowMillis;
    private final Counter unavailable;
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    /** @param window 0 turns dedupe off */
    public Dedupe(Redis redis, Duration window, MeterRegistry registry) {
        this.redis = redis;
        this.windowMillis = window.toMillis();
        this.unavailable = Counter.builder("bidtrack_dedupe_unavailable")
                .description("events emitted without a dedupe check because the store did not answer (fail open)")
                .register(registry);
    }

    public static String key(EventType type, UUID bidId) {
        return Names.DEDUPE_KEY_PREFIX + type.name().toLowerCase(Locale.ROOT) + ":" + bidId;
    }

    /** Marks the event seen; never fails. */
    public Future<Verdict> check(EventType type, UUID bidId) {
        if (windowMillis == 0) {
            return Future.succeededFuture(Verdict.UNCHECKED);
        }
        Request set = Request.cmd(Command.SET).arg(key(type, bidId)).arg("1").arg("NX").arg("PX").arg(windowMillis);
        return redis.send(set).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                // NX answers OK when the mark is new and nil when it was already there.
                .map(reply -> reply == null ? Verdict.DUPLICATE : Verdict.FIRST)
                .otherwise(e -> {
                    unavailable.increment();
                    long last = lastLog.get();
                    if (System.nanoTime() - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, System.nanoTime())) {
                        LOG.warn("dedupe store unavailable, emitting events unchecked ({} so far): {}", (long) unavailable.count(), e.toString());
                    }
                    return Verdict.UNCHECKED;
                });
    }
}
