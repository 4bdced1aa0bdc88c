package io.bidtrack.loadgen.accounting;

import java.time.Duration;

/**
 * Where the wait for the pipeline stands, handed to the caller about once a second.
 *
 * @param waitingFor answered events not seen yet
 * @param seen       events of this run seen so far
 * @param elapsed    since the wait began
 */
public record SettleProgress(long waitingFor, long seen, Duration elapsed) {
    /** For example {@code waiting for 12 events (4980 seen, 3 s)}. */
    public String line() {
        return "waiting for " + waitingFor + " events (" + seen + " seen, " + elapsed.toSeconds() + " s)";
    }
}
