package io.bidtrack.common.coredata;

import java.util.concurrent.TimeUnit;

/** Counts and times full resyncs of the L1 cache, for the metrics. Thread-safe. */
final class ResyncStats {
    private long succeeded;
    private long failed;
    private long totalNanos;
    private long lastNanos;
    /** Wall clock of the last successful resync, 0 before the first. */
    private long lastSuccessEpochMillis;

    synchronized void record(boolean success, long nanos) {
        totalNanos += nanos;
        if (success) {
            succeeded++;
            lastNanos = nanos;
            lastSuccessEpochMillis = System.currentTimeMillis();
        } else {
            failed++;
        }
    }

    synchronized long succeeded() {
        return succeeded;
    }

    synchronized long failed() {
        return failed;
    }

    synchronized long count() {
        return succeeded + failed;
    }

    synchronized double totalSeconds() {
        return totalNanos / 1e9;
    }

    synchronized double lastSeconds() {
        return lastNanos / 1e9;
    }

    /** Seconds since the last successful resync; NaN before the first. */
    synchronized double ageSeconds() {
        return lastSuccessEpochMillis == 0 ? Double.NaN
                : (System.currentTimeMillis() - lastSuccessEpochMillis) / 1000.0;
    }
}
