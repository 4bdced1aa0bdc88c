package io.bidtrack.loadgen;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/** Latencies in microseconds (3 significant digits, up to one hour), reported in milliseconds. */
public final class LatencyRecorder {
    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Histogram histogram = new Histogram(MAX_MICROS, 3);

    public void recordNanos(long nanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        histogram.recordValue(Math.min(micros, MAX_MICROS));
    }

    /** A copy of the histogram (microseconds), for the report. */
    public Histogram histogram() {
        return histogram.copy();
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0..100) in ms; 0 when nothing was recorded. */
    public double percentileMillis(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return count() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }
}
