package io.bidtrack.infra.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Latencies of one kind (a lookup, a query, a bid becoming visible), recorded from several threads. */
final class Latency {
    /** Three significant digits up to ten minutes: enough for a query and for a minute's rotation. */
    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);

    synchronized void recordNanos(long nanos) {
        histogram.recordValue(Math.min(Math.max(0, nanos), histogram.getHighestTrackableValue()));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    synchronized double percentileMillis(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    synchronized double maxMillis() {
        return histogram.getMaxValue() / 1e6;
    }

    /** For example "p50 85 ms, p99 130 ms, max 141 ms (300)"; "-" when nothing was recorded. */
    String summary() {
        if (count() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "p50 %s, p99 %s, max %s (%d)", Report.millis(percentileMillis(50)),
                Report.millis(percentileMillis(99)), Report.millis(maxMillis()), count());
    }
}
