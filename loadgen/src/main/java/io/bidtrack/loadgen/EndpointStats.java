package io.bidtrack.loadgen;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts for one endpoint. Every request sent ends as exactly one of: answered (2xx other than
 * 204), no-bid (204) or an error (by kind), so {@code sent == answered + noBid + errors} once
 * nothing is in flight. Latency is recorded for answered and no-bid responses.
 * Confined to the run's event loop.
 */
public final class EndpointStats {
    private final String name;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final Map<String, Long> errorsByKind = new TreeMap<>();
    private long sent;
    private long answered;
    private long noBid;
    private long errors;

    private final Timeline timeline;
    private final boolean bids;

    public EndpointStats(String name) {
        this(name, new Timeline(), false);
    }

    /** Counts that also go, second by second, into {@code timeline}: as bids, or as post-bid events. */
    EndpointStats(String name, Timeline timeline, boolean bids) {
        this.name = name;
        this.timeline = timeline;
        this.bids = bids;
    }

    void sent() {
        sent++;
        timeline.count(bids ? Timeline.Kind.BID_SENT : Timeline.Kind.EVENT_SENT, System.nanoTime());
    }

    void answered(long latencyNanos) {
        answered++;
        latency.recordNanos(latencyNanos);
        long now = System.nanoTime();
        timeline.count(bids ? Timeline.Kind.BID_ANSWERED : Timeline.Kind.EVENT_ANSWERED, now);
        if (bids) {
            timeline.bidLatency(latencyNanos, now);
        }
    }

    void noBid(long latencyNanos) {
        noBid++;
        latency.recordNanos(latencyNanos);
        long now = System.nanoTime();
        timeline.count(Timeline.Kind.NO_BID, now);
        timeline.bidLatency(latencyNanos, now);
    }

    void error(String kind) {
        errors++;
        errorsByKind.merge(kind, 1L, Long::sum);
        timeline.count(bids ? Timeline.Kind.BID_ERROR : Timeline.Kind.EVENT_ERROR, System.nanoTime());
    }

    /** Counts whatever is still in flight as errors of kind {@code kind}; used when the run gives up waiting. */
    void abandonInFlight(String kind) {
        long left = inFlight();
        if (left > 0) {
            errors += left;
            errorsByKind.merge(kind, left, Long::sum);
        }
    }

    public String name() {
        return name;
    }

    public long sentCount() {
        return sent;
    }

    public long answeredCount() {
        return answered;
    }

    public long noBidCount() {
        return noBid;
    }

    public long errorCount() {
        return errors;
    }

    public long inFlight() {
        return sent - answered - noBid - errors;
    }

    boolean seenError(String kind) {
        return errorsByKind.containsKey(kind);
    }

    public Map<String, Long> errorsByKind() {
        return Map.copyOf(errorsByKind);
    }

    public LatencyRecorder latency() {
        return latency;
    }
}
