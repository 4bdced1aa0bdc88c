package io.bidtrack.loadgen.accounting;

import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import io.bidtrack.loadgen.accounting.Reconciliation.Example;
import io.bidtrack.loadgen.accounting.Reconciliation.Problem;
import io.bidtrack.loadgen.accounting.Reconciliation.SettleEnd;
import io.bidtrack.loadgen.accounting.Reconciliation.Settling;
import io.bidtrack.loadgen.accounting.Reconciliation.TierLatencies;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Checks the events that come back on {@code tracking-events} against the {@link EventLedger} of
 * what was sent: each one is counted once as it arrives (tier, campaign, duplicates, strangers),
 * and what never came back is counted at the end.
 *
 * <p>After the run, {@link #settle} reads the topic until every answered event was seen, or none
 * of this run's arrived for a quiet period, or the maximum settle time passed. {@link #poll} may
 * also be called while the run goes on, to keep up with the topic.
 *
 * <p>Not thread-safe: one thread feeds it (the ledger it reads may be written by others).
 */
public final class Reconciler {
    /** Examples kept of each problem. */
    public static final int EXAMPLES_PER_PROBLEM = 5;
    /** Distinct UNMATCHED reasons kept; the rest are counted under {@link #OTHER_REASONS}. */
    static final int MAX_REASONS = 50;
    static final String OTHER_REASONS = "(other reasons)";
    static final String NO_REASON = "(no reason given)";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final Duration POLL_AT_MOST = Duration.ofMillis(200);
    private static final Duration DRAIN_AT_LEAST = Duration.ofSeconds(1);

    private final EventLedger ledger;
    private long hot;
    private long cold;
    private long unmatched;
    private long duplicated;
    private long wrongCampaign;
    private long wrongTier;
    private long unexpected;
    private long notTrackingEvents;
    private final Map<String, Long> unmatchedReasons = new HashMap<>();
    private final Map<Tier, TierLatencies> latencies = new EnumMap<>(Tier.class);
    private final Map<Problem, List<Example>> examples = new EnumMap<>(Problem.class);

    public Reconciler(EventLedger ledger) {
        this.ledger = ledger;
        for (Tier tier : List.of(Tier.HOT, Tier.COLD, Tier.UNMATCHED)) {
            // Auto-resizing: a cold event retried for minutes must not overflow the histogram.
            latencies.put(tier, new TierLatencies(new Histogram(3), new Histogram(3)));
        }
        for (Problem problem : Problem.values()) {
            examples.put(problem, new ArrayList<>());
        }
    }

    /**
     * Counts one event read from {@code tracking-events}.
     *
     * @return whether it is an event of this run (a first copy or a duplicate)
     */
    public boolean accept(TrackingEvent event) {
        UUID id = uuidOrNull(event.getBidId());
        EventLedger.Sighting sighting = id == null ? null : ledger.observe(id, event.getType());
        if (sighting == null) {
            unexpected++;
            example(Problem.UNEXPECTED, event, "not sent by this run");
            return false;
        }
        if (!sighting.first()) {
            duplicated++;
            example(Problem.DUPLICATED, event, "seen again, attributed " + event.getTier());
            return true;
        }
        Tier tier = event.getTier();
        switch (tier) {
            case HOT -> hot++;
            case COLD -> cold++;
            case UNMATCHED -> {
                unmatched++;
                countReason(event.getUnmatchedReason());
            }
            default -> {
                wrongTier++;
                example(Problem.WRONG_TIER, event, "expected " + sighting.expectedTier() + ", has no valid tier (" + tier + ")");
                return true;
            }
        }
        if (tier != Tier.UNMATCHED && tier != sighting.expectedTier()) {
            wrongTier++;
            example(Problem.WRONG_TIER, event, "expected " + sighting.expectedTier() + ", attributed " + tier);
        }
        if (tier != Tier.UNMATCHED && !sighting.campaignId().equals(event.getCampaignId())) {
            wrongCampaign++;
            example(Problem.WRONG_CAMPAIGN, event,
                    "attributed to campaign '" + event.getCampaignId() + "', the bid's is '" + sighting.campaignId() + "'");
        }
        TierLatencies figures = latencies.get(tier);
        figures.attributionUs().recordValue(Math.max(0, event.getAttributionLatencyUs()));
        figures.lookupUs().recordValue(Math.max(0, event.getLookupLatencyUs()));
        return true;
    }

    /**
     * Reads one batch from the tail (waiting up to {@code timeout} for it) and counts it.
     *
     * @return how many of its events belong to this run
     */
    public int poll(TrackingEventsTail tail, Duration timeout) {
        int[] relevant = {0};
        tail.poll(timeout, e -> relevant[0] += accept(e) ? 1 : 0);
        notTrackingEvents = tail.notTrackingEvents();
        return relevant[0];
    }

    /** Answered events not seen yet. */
    public long waitingFor() {
        return ledger.counts().answeredUnseen();
    }

    /** Where things stand, as {@link #settle} reports it each second. */
    public SettleProgress progress(Duration elapsed) {
        EventLedger.Counts counts = ledger.counts();
        return new SettleProgress(counts.answeredUnseen(), counts.seen(), elapsed);
    }

    /**
     * Reads {@code tail} until the pipeline has settled, then counts. Blocks the calling thread
     * (never call it on an event loop). The wait ends when
     * <ul>
     *   <li>every answered event was seen: the topic is then read to its current end, so that
     *       duplicates already written are counted too;</li>
     *   <li>no event of this run arrived for {@code quietPeriod} (the lost ones will not come);</li>
     *   <li>or {@code maxSettle} passed since the wait began.</li>
     * </ul>
     * Cold events take longest: the tracker retries cold lookups, so give the quiet period and the
     * maximum room for the tracker's {@code cold.retry.for}.
     *
     * @param progress called about once a second while waiting (on this thread), or null
     */
    public Reconciliation settle(TrackingEventsTail tail, Duration quietPeriod, Duration maxSettle,
                                 Consumer<SettleProgress> progress) {
        requirePositive("quietPeriod", quietPeriod);
        requirePositive("maxSettle", maxSettle);
        long start = System.nanoTime();
        long deadline = start + maxSettle.toNanos();
        long lastRelevant = start;
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        SettleEnd end;
        while (true) {
            long now = System.nanoTime();
            if (waitingFor() == 0) {
                end = SettleEnd.ALL_SEEN;
                // At least a moment, even at the deadline: reading to the end is what counts duplicates.
                tail.pollToEnd(Duration.ofNanos(Math.max(DRAIN_AT_LEAST.toNanos(), deadline - now)), this::accept);
                notTrackingEvents = tail.notTrackingEvents();
                break;
            }
            if (now - deadline >= 0) {
                end = SettleEnd.MAX_SETTLE;
                break;
            }
            if (now - lastRelevant >= quietPeriod.toNanos()) {
                end = SettleEnd.QUIET;
                break;
            }
            long untilQuiet = lastRelevant + quietPeriod.toNanos() - now;
            long wait = Math.min(POLL_AT_MOST.toNanos(), Math.min(untilQuiet, deadline - now));
            if (poll(tail, Duration.ofNanos(wait)) > 0) {
                lastRelevant = System.nanoTime();
            }
            if (progress != null && System.nanoTime() - nextProgress >= 0) {
                nextProgress += PROGRESS_EVERY.toNanos();
                progress.accept(progress(Duration.ofNanos(System.nanoTime() - start)));
            }
        }
        return result(new Settling(end, Duration.ofNanos(System.nanoTime() - start)));
    }

    /** The counts as they stand, without waiting for anything. */
    public Reconciliation snapshot() {
        return result(new Settling(SettleEnd.NOT_SETTLED, Duration.ZERO));
    }

    private Reconciliation result(Settling settling) {
        EventLedger.Counts counts = ledger.counts();
        List<Example> listed = new ArrayList<>();
        for (EventLedger.EventKey lost : ledger.answeredUnseen(EXAMPLES_PER_PROBLEM)) {
            listed.add(new Example(Problem.LOST, lost.bidId(), lost.type(), "answered, never seen on tracking-events"));
        }
        examples.forEach((problem, list) -> listed.addAll(list));
        Map<Tier, TierLatencies> copies = new EnumMap<>(Tier.class);
        latencies.forEach((tier, l) -> copies.put(tier, new TierLatencies(l.attributionUs().copy(), l.lookupUs().copy())));
        return new Reconciliation(
                counts.sent(), counts.answered(), counts.refused(), counts.failed(), counts.pending(),
                counts.seen(), hot, cold, unmatched,
                counts.answeredUnseen(), duplicated, wrongCampaign, wrongTier, unexpected,
                counts.seen() - counts.seenAnswered(), notTrackingEvents,
                reasonsByCount(), Collections.unmodifiableMap(copies), List.copyOf(listed), settling);
    }

    private void countReason(String reason) {
        String key = reason.isEmpty() ? NO_REASON : reason;
        // The tracker's reasons carry numbers ("retried for 31 s"): keep the map small.
        if (!unmatchedReasons.containsKey(key) && unmatchedReasons.size() >= MAX_REASONS) {
            key = OTHER_REASONS;
        }
        unmatchedReasons.merge(key, 1L, Long::sum);
    }

    private Map<String, Long> reasonsByCount() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        unmatchedReasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(sorted);
    }

    private void example(Problem problem, TrackingEvent event, String detail) {
        List<Example> list = examples.get(problem);
        if (list.size() >= EXAMPLES_PER_PROBLEM) {
            return;
        }
        EventType type = event.getType();
        boolean listed = list.stream().anyMatch(e -> e.bidId().equals(event.getBidId()) && e.type() == type);
        if (!listed) { // an event duplicated five times is one example
            list.add(new Example(problem, event.getBidId(), type, detail));
        }
    }

    private static UUID uuidOrNull(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
