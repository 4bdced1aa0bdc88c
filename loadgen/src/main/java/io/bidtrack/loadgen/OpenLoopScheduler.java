package io.bidtrack.loadgen;

/**
 * Open-loop timing: request {@code i} is due at {@code start + i / rate} (or, with a
 * {@link RateProfile}, where the profile's request count reaches {@code i}), whatever happened to the
 * requests before it. Every due time is computed from {@code i} directly (never by adding an
 * interval to the previous one), so rounding does not accumulate into drift over a long run.
 *
 * <p>The pure functions ({@link #dueNanos}, {@link #dueCount}) say when requests are due; the
 * cursor ({@link #takeDue}) hands out each request exactly once, in order. Not thread-safe: one
 * event loop drives it.
 */
public final class OpenLoopScheduler {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double ratePerSecond;
    private final RateProfile profile;
    private final long startNanos;
    private final long total;
    private long next;

    /** The requests {@code [first, endExclusive)} that are due now. */
    public record Batch(long first, long endExclusive) {
        public long size() {
            return endExclusive - first;
        }
    }

    public OpenLoopScheduler(double ratePerSecond, long startNanos, long total) {
        this(ratePerSecond, RateProfile.STEADY, startNanos, total);
    }

    /** A rate that follows {@code profile}: {@code ratePerSecond} times its multiplier at each moment. */
    public OpenLoopScheduler(double ratePerSecond, RateProfile profile, long startNanos, long total) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number, got " + ratePerSecond);
        }
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, got " + total);
        }
        this.ratePerSecond = ratePerSecond;
        this.profile = profile;
        this.startNanos = startNanos;
        this.total = total;
    }

    /** How many requests a run of {@code durationNanos} sends at {@code ratePerSecond} following {@code profile}. */
    public static long totalFor(double ratePerSecond, RateProfile profile, long durationNanos) {
        if (profile.isSteady()) {
            return totalFor(ratePerSecond, durationNanos);
        }
        return (long) Math.floor(profile.count(ratePerSecond, durationNanos / NANOS_PER_SECOND) + 1e-6);
    }

    /** How many requests a run of {@code durationNanos} at {@code ratePerSecond} sends. */
    public static long totalFor(double ratePerSecond, long durationNanos) {
        // The epsilon keeps 0.3/s * 10 s at 3 requests despite binary floating point.
        return (long) Math.floor(ratePerSecond * durationNanos / NANOS_PER_SECOND + 1e-6);
    }

    public long total() {
        return total;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The intended send time of request {@code i} (0-based). */
    public long dueNanos(long i) {
        if (profile.isSteady()) {
            return startNanos + (long) Math.floor(i * NANOS_PER_SECOND / ratePerSecond);
        }
        return startNanos + (long) Math.floor(profile.secondsUntil(ratePerSecond, i) * NANOS_PER_SECOND);
    }

    /** How many requests (of the run's total) are due at {@code nowNanos}. */
    public long dueCount(long nowNanos) {
        if (nowNanos < startNanos || total == 0) {
            return 0;
        }
        double elapsed = (double) (nowNanos - startNanos);
        long n = profile.isSteady() ? (long) Math.floor(elapsed * ratePerSecond / NANOS_PER_SECOND) + 1
                : (long) Math.floor(profile.count(ratePerSecond, elapsed / NANOS_PER_SECOND)) + 1;
        if (n > total) {
            n = total + 1;
        }
        // The estimate is off by at most one in either direction; settle it on the exact due times.
        while (n > 0 && dueNanos(n - 1) > nowNanos) {
            n--;
        }
        while (n < total && dueNanos(n) <= nowNanos) {
            n++;
        }
        return Math.min(n, total);
    }

    /** The requests that became due since the last call, each handed out once. */
    public Batch takeDue(long nowNanos) {
        long due = Math.max(next, dueCount(nowNanos));
        Batch batch = new Batch(next, due);
        next = due;
        return batch;
    }

    /** True when every request of the run has been handed out. */
    public boolean finished() {
        return next >= total;
    }

    /** The number of requests handed out so far. */
    public long taken() {
        return next;
    }
}
