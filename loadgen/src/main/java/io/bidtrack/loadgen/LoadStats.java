package io.bidtrack.loadgen;

/**
 * Everything a run counted: bids and impressions, bid responses that carried no bid id to track,
 * how late the scheduler fired requests, and the run's timeline (System.nanoTime values).
 */
public final class LoadStats {
    private final Timeline timeline = new Timeline();
    private final EndpointStats bids = new EndpointStats("bid", timeline, true);
    private final EndpointStats wins = new EndpointStats("win", timeline, false);
    private final EndpointStats impressions = new EndpointStats("imp", timeline, false);
    private final EndpointStats clicks = new EndpointStats("click", timeline, false);
    private final EndpointStats installs = new EndpointStats("install", timeline, false);
    private long bidsWithoutId;
    private long maxSendLagNanos;
    private long startNanos;
    private long plannedNanos;
    private long lastSendNanos;
    private long endNanos;

    public EndpointStats bids() {
        return bids;
    }

    public EndpointStats impressions() {
        return impressions;
    }

    public EndpointStats wins() {
        return wins;
    }

    public EndpointStats clicks() {
        return clicks;
    }

    public EndpointStats installs() {
        return installs;
    }

    /** The post-bid events, in the order they follow a bid: win notice, impression, click, install. */
    public java.util.List<EndpointStats> events() {
        return java.util.List.of(wins, impressions, clicks, installs);
    }

    /** 200 responses in which no bid id was found (no impression could be sent for them). */
    public long bidsWithoutId() {
        return bidsWithoutId;
    }

    /** The latest a request was fired after its intended time: the generator's own lag. */
    public double maxSendLagMillis() {
        return maxSendLagNanos / 1e6;
    }

    /**
     * Seconds of the sending phase: the planned duration, or longer when the generator fell behind
     * and the last request went out after it.
     */
    public double sendSeconds() {
        return Math.max(plannedNanos, lastSendNanos - startNanos) / 1e9;
    }

    /** Seconds from the start to the end of the run, the final wait for stragglers included. */
    public double totalSeconds() {
        return Math.max(0, endNanos - startNanos) / 1e9;
    }

    /** Bids sent per second over the sending phase. */
    public double achievedBidRate() {
        return rate(bids.sentCount());
    }

    /** {@code count} per second over the sending phase. */
    public double rate(long count) {
        double s = sendSeconds();
        return s > 0 ? count / s : 0;
    }

    public long inFlight() {
        return bids.inFlight() + events().stream().mapToLong(EndpointStats::inFlight).sum();
    }

    void bidWithoutId() {
        bidsWithoutId++;
    }

    /** The run second by second. */
    public Timeline timeline() {
        return timeline;
    }

    void started(long nanos, long plannedDurationNanos) {
        timeline.start(nanos);
        startNanos = nanos;
        plannedNanos = plannedDurationNanos;
    }

    /** The run's start (System.nanoTime): request {@code i}'s intended send time is reckoned from it. */
    long startNanos() {
        return startNanos;
    }

    void sentAt(long intendedNanos, long actualNanos) {
        lastSendNanos = actualNanos;
        maxSendLagNanos = Math.max(maxSendLagNanos, actualNanos - intendedNanos);
    }

    void ended(long nanos) {
        endNanos = nanos;
    }
}
