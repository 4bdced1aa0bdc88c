package io.bidtrack.loadgen;

/** When a run's events are sent, relative to their bids ({@code --delay-profile}; see {@link ColdEvents}). */
public enum DelayProfile {
    /** Right after their bid (HOT), and {@code --cold-share} of them for old backfilled bids (COLD). */
    realistic,
    /**
     * For demos, on a stack with a short hot window: {@code --cold-share} of the run's own won bids
     * get their events only after the hot TTL ({@code --hot-window} + {@code --hot-margin}), so the
     * run watches its bids turn cold; the run lasts that much longer.
     */
    compressed,
    /** Right after their bid, all HOT. */
    none
}
