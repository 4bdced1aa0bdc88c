package io.bidtrack.loadgen;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A run second by second, for the report's plots: bids and post-bid events sent, answered and
 * failed in each second, and the bids' latency in it. Each outcome counts in the second it
 * happened (a request sent in second 3 and answered in second 4 is sent in 3, answered in 4).
 * Confined to the run's event loop, like the counters that feed it ({@link EndpointStats}).
 */
public final class Timeline {
    /** A second's bid latencies, in microseconds (2 significant digits are plenty for a plot). */
    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    /** What happened in one second of the run. */
    public static final class Second {
        private final long[] counts = new long[Kind.values().length];
        private final Histogram bidLatency = new Histogram(MAX_MICROS, 2);

        public long count(Kind kind) {
            return counts[kind.ordinal()];
        }

        /** The p99 of the bids answered in this second, in ms; 0 when none was. */
        public double bidP99Millis() {
            return bidLatency.getTotalCount() == 0 ? 0 : bidLatency.getValueAtPercentile(99) / 1000.0;
        }
    }

    /** The outcomes counted per second. */
    public enum Kind { BID_SENT, BID_ANSWERED, NO_BID, BID_ERROR, EVENT_SENT, EVENT_ANSWERED, EVENT_ERROR }

    private final List<Second> seconds = new ArrayList<>();
    private long startNanos;

    void start(long nanos) {
        startNanos = nanos;
    }

    void count(Kind kind, long nowNanos) {
        at(nowNanos).counts[kind.ordinal()]++;
    }

    void bidLatency(long latencyNanos, long nowNanos) {
        at(nowNanos).bidLatency.recordValue(Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos))));
    }

    /** Every second from the start to the last one anything happened in, quiet ones included. */
    public List<Second> seconds() {
        return List.copyOf(seconds);
    }

    private Second at(long nowNanos) {
        int index = (int) Math.max(0, (nowNanos - startNanos) / 1_000_000_000L);
        while (seconds.size() <= index) {
            seconds.add(new Second());
        }
        return seconds.get(index);
    }
}
