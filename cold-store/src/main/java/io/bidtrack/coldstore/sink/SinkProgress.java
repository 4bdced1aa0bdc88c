package io.bidtrack.coldstore.sink;

import io.bidtrack.coldstore.table.LakeHours;
import io.bidtrack.common.ids.BidId.LakePartition;

import java.time.Duration;

/**
 * Where a {@link TableSink} stands, for its metrics and readiness: written by the sink's thread
 * only, read by anyone (the ops server's event loop at a scrape) without locking, so neither ever
 * waits for the other. Each figure is a single volatile field: readers may see one figure a
 * rotation ahead of another, which a dashboard does not mind.
 */
public final class SinkProgress {
    private static final long NONE = Long.MIN_VALUE;

    private volatile long consumerLag = -1;
    private volatile long bufferedRecords;
    private volatile long lastCommitNanos = NONE;
    /** When the buffers last went from empty to holding records: the oldest record waiting was read then. */
    private volatile long waitingSinceNanos = NONE;
    private volatile long newestCommittedMillis = NONE;
    private volatile long newestPartitionStartMillis = NONE;
    private volatile boolean rotationFailing;

    SinkProgress() {
    }

    /**
     * Records Kafka holds for this sink's partitions that it has not polled yet (the sum of
     * log-end offset minus position, as of the last fetch); -1 before the first fetch tells it.
     * What was polled but not yet written and committed is {@link #bufferedRecords}.
     */
    public long consumerLag() {
        return consumerLag;
    }

    /** Records consumed and waiting for the next rotation. */
    public long bufferedRecords() {
        return bufferedRecords;
    }

    /**
     * The sink's lag: how long the oldest record it has read has been waiting to become queryable
     * (written, registered, committed); zero when nothing waits. A rotation writes every buffer, so
     * this runs from 0 up to about {@code rotate} while records flow, and stays 0 while the sink is
     * idle, unlike the age of the newest committed row ({@link #newestCommittedMillis}).
     */
    public Duration lag() {
        long since = waitingSinceNanos;
        return since == NONE ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    /** Time since the last offset commit, or null before the first. Idle sinks do not commit. */
    public Duration sinceLastCommit() {
        long at = lastCommitNanos;
        return at == NONE ? null : Duration.ofNanos(System.nanoTime() - at);
    }

    /**
     * The record time (a bid's UUIDv7 time, an event's receipt) of the newest row committed so far,
     * epoch millis, or -1 before the first. Now minus this is how far the lake lags behind.
     */
    public long newestCommittedMillis() {
        long t = newestCommittedMillis;
        return t == NONE ? -1 : t;
    }

    /** The start of the newest lake partition (UTC hour) registered in Trino, epoch millis, or -1 before the first. */
    public long newestPartitionStartMillis() {
        long t = newestPartitionStartMillis;
        return t == NONE ? -1 : t;
    }

    /** True while rotations fail (lake or Trino down) and the sink has paused consumption to retry. */
    public boolean rotationFailing() {
        return rotationFailing;
    }

    void consumerLag(long lag) {
        consumerLag = lag;
    }

    void bufferedRecords(long records) {
        bufferedRecords = records;
        if (records == 0) {
            waitingSinceNanos = NONE;
        } else if (waitingSinceNanos == NONE) {
            waitingSinceNanos = System.nanoTime();
        }
    }

    /** A rotation wrote every buffer and committed: nothing waits until the next records are read. */
    void committed(long newestRecordMillis) {
        lastCommitNanos = System.nanoTime();
        bufferedRecords = 0;
        waitingSinceNanos = NONE;
        if (newestRecordMillis != NONE && newestRecordMillis > newestCommittedMillis) {
            newestCommittedMillis = newestRecordMillis;
        }
    }

    void registered(LakePartition partition) {
        LakeHours.end(partition).ifPresent(end -> {
            long start = end.toEpochMilli() - Duration.ofHours(1).toMillis();
            if (start > newestPartitionStartMillis) {
                newestPartitionStartMillis = start;
            }
        });
    }

    void rotationFailing(boolean failing) {
        rotationFailing = failing;
    }

    /** The value {@link #committed} takes for "no row". */
    static long noRecord() {
        return NONE;
    }
}
