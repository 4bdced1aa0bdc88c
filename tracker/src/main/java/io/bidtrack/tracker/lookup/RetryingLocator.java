package io.bidtrack.tracker.lookup;

import io.bidtrack.common.config.Durations;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.tracker.lookup.BidLocator.Failure;
import io.bidtrack.tracker.lookup.BidLocator.Located;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the bid of an accepted event, asking the {@link BidLocator} again for as long as a later
 * answer may differ. Its rules:
 * <ol>
 *   <li><b>The cold tier failed</b> (Trino down, a query timed out, the lookup queue full): ask
 *       again after a backoff ({@code cold.retry.backoff}, doubling up to {@code cold.retry.backoff.max}),
 *       for up to {@code cold.retry.for} after the first failure; only then is the event UNMATCHED,
 *       with a reason naming the last failure.</li>
 *   <li><b>Not found, and the bid is younger than the sink's lag</b> ({@code rotate} +
 *       {@code cold.registration.lag}, see {@link io.bidtrack.common.config.TierGap}): the lake may
 *       simply not hold it yet (a bid the hot store lost, or looked for past the hot TTL). Ask
 *       again, with the same backoff, until it is older than that lag (one last attempt at that
 *       moment); then UNMATCHED. The lag counts from the bid's time, or from when the event
 *       arrived if the id claims a time in the future, so a forged id waits no longer.</li>
 *   <li>Otherwise (found, or absent from a lake that would hold it) the first answer stands.</li>
 * </ol>
 * While an event waits it keeps its admission slot: that is the back-pressure. A long Trino outage
 * fills admission, and the tracker answers 503 (clients retry) rather than taking events it cannot
 * attribute. When the tracker stops, waiting events end at once with their last answer and a reason
 * saying so, so that they still reach Kafka.
 * <p>
 * Meters: {@code bidtrack_cold_retries_total{reason}} (cold_failed, not_in_lake_yet) and
 * {@code bidtrack_cold_retrying} (events waiting to be asked again).
 */
public final class RetryingLocator {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingLocator.class);

    /**
     * @param retryFor     how long after its first failure a cold lookup is retried ({@code cold.retry.for}, default 10m)
     * @param firstBackoff the wait before the first retry ({@code cold.retry.backoff}, default 1s)
     * @param maxBackoff   the longest wait between two attempts ({@code cold.retry.backoff.max}, default 30s)
     */
    public record Settings(Duration retryFor, Duration firstBackoff, Duration maxBackoff) {
        public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(10);
        public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(1);
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

        public Settings {
            if (retryFor.isNegative()) {
                throw new IllegalArgumentException(Env.variableName("cold.retry.for") + " must not be negative (0 turns retries off), got " + retryFor);
            }
            if (firstBackoff.toMillis() < 1) {
                throw new IllegalArgumentException(Env.variableName("cold.retry.backoff") + " must be at least 1ms, got " + firstBackoff);
            }
            if (maxBackoff.compareTo(firstBackoff) < 0) {
                throw new IllegalArgumentException(Env.variableName("cold.retry.backoff.max") + " must be at least "
                        + Env.variableName("cold.retry.backoff") + " (" + Durations.format(firstBackoff) + "), got " + maxBackoff);
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_RETRY_FOR, DEFAULT_FIRST_BACKOFF, DEFAULT_MAX_BACKOFF);
        }
    }

    /** One look-up of a bid in the tiers ({@link BidLocator#locate}). */
    @FunctionalInterface
    public interface Attempt {
        Future<Located> locate(UUID id);
    }

    private final Vertx vertx;
    private final Attempt attempt;
    private final Settings settings;
    private final long sinkLagMillis;
    private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();
    private final Counter coldFailedRetries;
    private final Counter notInLakeYetRetries;
    private volatile boolean stopped;

    /** @param sinkLag how long after its bid time a bid may still be missing from the lake: rotate + registration lag */
    public RetryingLocator(Vertx vertx, Attempt attempt, Settings settings, Duration sinkLag, MeterRegistry registry) {
        this.vertx = vertx;
        this.attempt = attempt;
        this.settings = settings;
        this.sinkLagMillis = sinkLag.toMillis();
        this.coldFailedRetries = retries(registry, "cold_failed");
        this.notInLakeYetRetries = retries(registry, "not_in_lake_yet");
        Gauge.builder("bidtrack_cold_retrying", waiting, Set::size)
                .description("events whose bid lookup waits to be asked again").register(registry);
    }

    private static Counter retries(MeterRegistry registry, String reason) {
        return Counter.builder("bidtrack_cold_retries").tag("reason", reason)
                .description("bid lookups asked again: the cold tier failed, or the bid may not be in the lake yet")
                .register(registry);
    }

    /** The bid, once no later attempt could change the answer. Never fails. */
    public Future<Located> locate(UUID id) {
        return locate(id, null);
    }

    /** @param first an attempt already made for this event (a click's, for its redirect), or null */
    public Future<Located> locate(UUID id, Future<Located> first) {
        Waiting w = new Waiting(id);
        (first != null ? first : attemptOnce(w)).onSuccess(l -> decide(w, l));
        return w.done.future();
    }

    private Future<Located> attemptOnce(Waiting w) {
        w.attemptStartedMillis = System.currentTimeMillis();
        // BidLocator never fails; should a bug make it, the event still ends (as a cold failure).
        return attempt.locate(w.id).recover(e -> Future.succeededFuture(new Located(Optional.empty(), Tier.UNMATCHED, 0,
                "lookup failed: " + e, Failure.COLD)));
    }

    private void decide(Waiting w, Located l) {
        w.attempts++;
        w.last = l;
        long now = System.currentTimeMillis();
        if (l.bid().isPresent() || stopped) {
            finish(w, stopped && w.attempts > 1 ? l.withReason("tracker stopped while retrying; " + l.reason()) : l);
        } else if (l.failure() == Failure.COLD) {
            if (w.firstFailureMillis < 0) {
                w.firstFailureMillis = now;
            }
            long giveUpAt = w.firstFailureMillis + settings.retryFor().toMillis();
            if (now < giveUpAt) {
                retryAfter(w, giveUpAt - now, coldFailedRetries);
            } else {
                finish(w, l.withReason(l.reason() + " (retried for " + Durations.format(Duration.ofMillis(now - w.firstFailureMillis))
                        + ", " + w.attempts + " attempts)"));
            }
        } else {
            // Only an attempt that started once the lake must hold the bid can tell it is not there.
            long inLakeBy = Math.min(BidId.timestampMillis(w.id), w.arrivedMillis) + sinkLagMillis;
            if (w.attemptStartedMillis < inLakeBy) {
                retryAfter(w, Math.max(0, inLakeBy - now), notInLakeYetRetries);
            } else {
                finish(w, w.attempts > 1 ? l.withReason(l.reason() + " (asked " + w.attempts
                        + " times, until the bid was older than the sink's lag)") : l);
            }
        }
    }

    /** Asks again after the current backoff, or at {@code deadlineMillis} from now if that is sooner. */
    private void retryAfter(Waiting w, long deadlineMillis, Counter reason) {
        long delay = Math.max(1, Math.min(w.backoffMillis, deadlineMillis));
        w.backoffMillis = Math.min(w.backoffMillis * 2, settings.maxBackoff().toMillis());
        reason.increment();
        waiting.add(w);
        w.timer = vertx.setTimer(delay, t -> {
            waiting.remove(w);
            attemptOnce(w).onSuccess(l -> decide(w, l));
        });
        if (stopped) {
            endNow(w); // stop() may have run between the check in decide and the add above
        }
    }

    /**
     * Ends every waiting lookup at once with its last answer (the tracker is stopping): its event
     * then still reaches Kafka, UNMATCHED with a reason that says so, instead of being lost.
     */
    public void stop() {
        stopped = true;
        waiting.forEach(this::endNow);
    }

    private void endNow(Waiting w) {
        if (vertx.cancelTimer(w.timer) && waiting.remove(w)) {
            finish(w, w.last.withReason("tracker stopped while retrying; " + w.last.reason()));
        }
    }

    /** Events whose lookup waits to be asked again. */
    public int waiting() {
        return waiting.size();
    }

    private void finish(Waiting w, Located l) {
        if (w.attempts > 1) {
            LOG.debug("bid {} after {} attempts: {} {}", w.id, w.attempts, l.tier(), l.reason());
        }
        w.done.tryComplete(l.withLatency(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - w.arrivedNanos)));
    }

    /** One event's lookup between attempts. Touched by one attempt at a time, each after the last. */
    private final class Waiting {
        final UUID id;
        final long arrivedMillis = System.currentTimeMillis();
        final long arrivedNanos = System.nanoTime();
        volatile long attemptStartedMillis = arrivedMillis;
        final Promise<Located> done = Promise.promise();
        volatile long firstFailureMillis = -1;
        volatile int attempts;
        volatile long backoffMillis = settings.firstBackoff().toMillis();
        volatile long timer = -1;
        volatile Located last;

        Waiting(UUID id) {
            this.id = id;
        }
    }
}
