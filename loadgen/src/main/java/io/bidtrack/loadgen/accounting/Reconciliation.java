package io.bidtrack.loadgen.accounting;

import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The correctness account of a load run: what was sent against what came back on
 * {@code tracking-events}. Every count is of events ((bid, type) pairs), each counted once: a
 * second copy of an event counts only in {@code duplicated}.
 *
 * <p>How the counts add up: {@code sent = answered + refused + failed + unfinished};
 * {@code seen = answered - lost + acceptedUnanswered}; {@code seen = hot + cold + unmatched} plus
 * the events that came back with no valid tier (those count in {@code wrongTier}).
 *
 * @param sent               events the load generator sent
 * @param answered           of those, answered 2xx/3xx by the tracker
 * @param refused            answered with an error status (4xx, 5xx)
 * @param failed             never answered: connection error or timeout
 * @param unfinished         still without an answer when the run ended
 * @param seen               events of this run found on {@code tracking-events}
 * @param hot                seen, attributed HOT by the tracker
 * @param cold               seen, attributed COLD
 * @param unmatched          seen, UNMATCHED (reasons in {@code unmatchedReasons})
 * @param lost               answered but never seen
 * @param duplicated         extra copies of events already seen
 * @param wrongCampaign      attributed HOT or COLD to another campaign than the bid's
 * @param wrongTier          expected HOT and attributed COLD, the reverse, or no valid tier
 * @param unexpected         records of events this run did not send (counted nowhere else)
 * @param acceptedUnanswered seen although not answered (refused, failed or unfinished): the
 *                           tracker took them after all; not lost, not an error of the pipeline
 * @param notTrackingEvents  records on the topic that were not tracking events
 * @param unmatchedReasons   UNMATCHED events by reason, most frequent first
 * @param latencies          the tracker's own figures of the events seen, per tier they were given
 * @param examples           the first few events of each problem, for the printout
 * @param settling           how the wait for the events ended
 */
public record Reconciliation(
        long sent, long answered, long refused, long failed, long unfinished,
        long seen, long hot, long cold, long unmatched,
        long lost, long duplicated, long wrongCampaign, long wrongTier, long unexpected,
        long acceptedUnanswered, long notTrackingEvents,
        Map<String, Long> unmatchedReasons,
        Map<Tier, TierLatencies> latencies,
        List<Example> examples,
        Settling settling) {

    /** What the issue requires of a run: nothing lost, nothing counted twice. */
    public boolean nothingLostOrDuplicated() {
        return lost == 0 && duplicated == 0;
    }

    /** The examples of one problem. */
    public List<Example> examples(Problem problem) {
        return examples.stream().filter(e -> e.problem() == problem).toList();
    }

    /**
     * The tracker's figures for events of one tier, in microseconds: {@code attribution_latency_us}
     * (receipt to emission) and {@code lookup_latency_us} (finding the bid).
     */
    public record TierLatencies(Histogram attributionUs, Histogram lookupUs) {
    }

    public enum Problem { LOST, DUPLICATED, WRONG_CAMPAIGN, WRONG_TIER, UNEXPECTED }

    /** One event with a problem: {@code detail} says what is wrong in words. */
    public record Example(Problem problem, String bidId, EventType type, String detail) {
        @Override
        public String toString() {
            return problem + " " + type + " of bid " + bidId + ": " + detail;
        }
    }

    /** How the wait ended. */
    public enum SettleEnd {
        /** Every answered event was seen (and the topic read to its end after that). */
        ALL_SEEN,
        /** No event of this run arrived for the quiet period. */
        QUIET,
        /** The maximum settle time passed. */
        MAX_SETTLE,
        /** Counted without waiting ({@link Reconciler#snapshot()}). */
        NOT_SETTLED
    }

    /** How the wait ended and how long it took. */
    public record Settling(SettleEnd end, Duration waited) {
    }
}
