package io.bidtrack.loadgen.accounting;

import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import io.bidtrack.loadgen.accounting.Reconciliation.Example;
import io.bidtrack.loadgen.accounting.Reconciliation.Problem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.bidtrack.loadgen.accounting.TestEvents.attributed;
import static io.bidtrack.loadgen.accounting.TestEvents.newBidId;
import static io.bidtrack.loadgen.accounting.TestEvents.unmatched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The accounting over a synthetic stream: every kind of fault, one at a time and all together. */
class ReconcilerTest {
    private static final int BIDS = 300;

    private final EventLedger ledger = new EventLedger();
    private final Reconciler reconciler = new Reconciler(ledger);
    private final List<String> bids = new ArrayList<>();
    /** What a faultless tracker writes: one event per answered event, in the right tier and campaign. */
    private final List<TrackingEvent> stream = new ArrayList<>();

    /**
     * 300 bids of three campaigns; each has a win and an impression, every third a click too.
     * Every fifth bid is old (its events expected COLD). All answered.
     */
    private void sendRun() {
        for (int i = 0; i < BIDS; i++) {
            String bid = newBidId();
            bids.add(bid);
            String campaign = campaign(i);
            Tier tier = i % 5 == 0 ? Tier.COLD : Tier.HOT;
            List<EventType> types = i % 3 == 0
                    ? List.of(EventType.WIN, EventType.IMPRESSION, EventType.CLICK)
                    : List.of(EventType.WIN, EventType.IMPRESSION);
            for (EventType type : types) {
                ledger.sent(bid, type, campaign, tier);
                ledger.outcome(bid, type, Outcome.ofStatus(type == EventType.CLICK ? 302 : type == EventType.WIN ? 204 : 200));
                stream.add(attributed(bid, type, tier, campaign, tier == Tier.HOT ? 150 + i : 40_000 + i, tier == Tier.HOT ? 400 : 90_000));
            }
        }
    }

    private static String campaign(int bid) {
        return "c" + bid % 3;
    }

    private static final long EVENTS = BIDS * 2 + BIDS / 3; // 700
    private static final long COLD_EVENTS = 60 * 2 + 20;      // bids 0, 5, ...: 60 of them, 20 with a click

    @Test
    void aFaultlessStreamAddsUp() {
        sendRun();
        stream.forEach(reconciler::accept);
        Reconciliation r = reconciler.snapshot();

        assertEquals(EVENTS, r.sent());
        assertEquals(EVENTS, r.answered());
        assertEquals(EVENTS, r.seen());
        assertEquals(EVENTS - COLD_EVENTS, r.hot());
        assertEquals(COLD_EVENTS, r.cold());
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
                List.of(r.unmatched(), r.lost(), r.duplicated(), r.wrongCampaign(), r.wrongTier(), r.unexpected(),
                        r.refused(), r.failed(), r.acceptedUnanswered()));
        assertTrue(r.nothingLostOrDuplicated());
        assertEquals(List.of(), r.examples());
        assertEquals(Reconciliation.SettleEnd.NOT_SETTLED, r.settling().end());
        assertEquals(0, reconciler.waitingFor());
        // The tracker's figures, per tier it gave.
        var hot = r.latencies().get(Tier.HOT);
        assertEquals(r.hot(), hot.lookupUs().getTotalCount());
        assertEquals(r.hot(), hot.attributionUs().getTotalCount());
        assertEquals(150 + BIDS - 1, hot.lookupUs().getMaxValue(), 1, "3 significant digits");
        assertEquals(400, hot.attributionUs().getValueAtPercentile(99), 1);
        assertEquals(r.cold(), r.latencies().get(Tier.COLD).lookupUs().getTotalCount());
        assertEquals(90_000, r.latencies().get(Tier.COLD).attributionUs().getMaxValue(), 90);
        assertEquals(0, r.latencies().get(Tier.UNMATCHED).lookupUs().getTotalCount());
    }

    @Test
    void aDroppedEventIsLostAndListed() {
        sendRun();
        TrackingEvent dropped = stream.remove(123);
        stream.forEach(reconciler::accept);
        Reconciliation r = reconciler.snapshot();

        assertEquals(1, r.lost());
        assertEquals(EVENTS - 1, r.seen());
        assertFalse(r.nothingLostOrDuplicated());
        assertEquals(List.of(new Example(Problem.LOST, dropped.getBidId(), dropped.getType(), "answered, never seen on tracking-events")),
                r.examples());
        assertEquals(1, reconciler.waitingFor());
        assertTrue(r.examples().getFirst().toString().startsWith("LOST " + dropped.getType() + " of bid " + dropped.getBidId()),
                r.examples().getFirst().toString());
    }

    @Test
    void aSecondCopyIsDuplicatedAndCountedNowhereElse() {
        sendRun();
        TrackingEvent twice = stream.get(40);
        stream.add(twice);
        stream.add(twice); // a third copy: two extra
        stream.forEach(reconciler::accept);
        Reconciliation r = reconciler.snapshot();

        assertEquals(2, r.duplicated());
        assertEquals(EVENTS, r.seen());
        assertEquals(EVENTS - COLD_EVENTS, r.hot(), "copies are not counted again");
        assertEquals(EVENTS - COLD_EVENTS, r.latencies().get(Tier.HOT).lookupUs().getTotalCount());
        assertEquals(0, r.lost());
        assertFalse(r.nothingLostOrDuplicated());
        assertEquals(List.of(twice.getBidId()), r.examples(Problem.DUPLICATED).stream().map(Example::bidId).toList(),
                "one example per event, however many copies");
    }

    @Test
    void everyFaultAtOnce() {
        sendRun();
        // bid 1 (HOT, c1): its impression attributed to another campaign
        replace(1, EventType.IMPRESSION, attributed(bids.get(1), EventType.IMPRESSION, Tier.HOT, "c2", 100, 300));
        // bid 2 (HOT): its win found cold
        replace(2, EventType.WIN, attributed(bids.get(2), EventType.WIN, Tier.COLD, campaign(2), 30_000, 60_000));
        // bid 10 (COLD): its win found hot, and in the wrong campaign too
        replace(10, EventType.WIN, attributed(bids.get(10), EventType.WIN, Tier.HOT, "c9", 100, 300));
        // bid 4: its impression UNMATCHED, as is bid 7's
        replace(4, EventType.IMPRESSION, unmatched(bids.get(4), EventType.IMPRESSION, "campaign c1 is paused"));
        replace(7, EventType.IMPRESSION, unmatched(bids.get(7), EventType.IMPRESSION, "campaign c1 is paused"));
        replace(8, EventType.WIN, unmatched(bids.get(8), EventType.WIN, ""));
        // bid 11: its win has no tier at all
        replace(11, EventType.WIN, stream.get(indexOf(11, EventType.WIN)).toBuilder().setTier(Tier.TIER_UNSPECIFIED).build());
        // a bid nobody sent, and a type bid 13 was not sent with (it had no click)
        String stranger = newBidId();
        stream.add(attributed(stranger, EventType.IMPRESSION, Tier.HOT, "c1", 100, 300));
        stream.add(attributed(bids.get(13), EventType.CLICK, Tier.HOT, campaign(13), 100, 300));
        stream.add(stream.getFirst().toBuilder().setBidId("not-a-uuid").build());
        // bid 14's install was refused (503), bid 16's failed: the first came through anyway
        ledger.sent(bids.get(14), EventType.INSTALL, campaign(14), Tier.HOT);
        ledger.outcome(bids.get(14), EventType.INSTALL, Outcome.ofStatus(503));
        ledger.sent(bids.get(16), EventType.INSTALL, campaign(16), Tier.HOT);
        ledger.outcome(bids.get(16), EventType.INSTALL, Outcome.FAILED);
        stream.add(attributed(bids.get(14), EventType.INSTALL, Tier.HOT, campaign(14), 100, 300));
        // bid 17's billing notice never got an answer before the run ended, and came through
        ledger.sent(bids.get(17), EventType.BILLING, campaign(17), Tier.HOT);
        stream.add(attributed(bids.get(17), EventType.BILLING, Tier.HOT, campaign(17), 100, 300));
        // bid 19's impression dropped, bid 20's win duplicated
        stream.remove(indexOf(19, EventType.IMPRESSION));
        stream.add(stream.get(indexOf(20, EventType.WIN)));

        stream.forEach(reconciler::accept);
        Reconciliation r = reconciler.snapshot();

        assertEquals(EVENTS + 3, r.sent());
        assertEquals(EVENTS, r.answered());
        assertEquals(1, r.refused());
        assertEquals(1, r.failed());
        assertEquals(1, r.unfinished());
        assertEquals(EVENTS - 1 + 2, r.seen(), "all but the dropped one, plus the two unanswered that came through");
        assertEquals(2, r.acceptedUnanswered());
        assertEquals(1, r.lost());
        assertEquals(1, r.duplicated());
        assertEquals(3, r.unexpected(), "a stranger's bid, a type never sent, an id that is no UUID");
        assertEquals(2, r.wrongCampaign());
        assertEquals(3, r.wrongTier(), "HOT seen COLD, COLD seen HOT, no tier");
        assertEquals(3, r.unmatched());
        assertEquals(Map.of("campaign c1 is paused", 2L, Reconciler.NO_REASON, 1L), r.unmatchedReasons());
        assertEquals(List.of("campaign c1 is paused", Reconciler.NO_REASON), List.copyOf(r.unmatchedReasons().keySet()),
                "most frequent first");
        // HOT: the faultless ones, less bid 2's win, 4, 7 and 8's unmatched, 11's untiered, 19's dropped;
        // plus bid 10's win and the two unanswered
        long hot = EVENTS - COLD_EVENTS - 6 + 1 + 2;
        long cold = COLD_EVENTS - 1 + 1;
        assertEquals(hot, r.hot());
        assertEquals(cold, r.cold());
        assertEquals(r.seen(), r.hot() + r.cold() + r.unmatched() + 1, "one had no tier");
        assertEquals(r.seen(), r.answered() - r.lost() + r.acceptedUnanswered());
        assertEquals(r.sent(), r.answered() + r.refused() + r.failed() + r.unfinished());
        assertEquals(3, r.latencies().get(Tier.UNMATCHED).attributionUs().getTotalCount());

        assertEquals(List.of(bids.get(19)), r.examples(Problem.LOST).stream().map(Example::bidId).toList());
        assertEquals(List.of(bids.get(20)), r.examples(Problem.DUPLICATED).stream().map(Example::bidId).toList());
        assertEquals(List.of(bids.get(1), bids.get(10)), r.examples(Problem.WRONG_CAMPAIGN).stream().map(Example::bidId).toList());
        assertEquals("attributed to campaign 'c2', the bid's is 'c1'", r.examples(Problem.WRONG_CAMPAIGN).getFirst().detail());
        assertEquals(List.of("expected HOT, attributed COLD", "expected COLD, attributed HOT", "expected HOT, has no valid tier (TIER_UNSPECIFIED)"),
                r.examples(Problem.WRONG_TIER).stream().map(Example::detail).toList());
        assertEquals(List.of(stranger, bids.get(13), "not-a-uuid"), r.examples(Problem.UNEXPECTED).stream().map(Example::bidId).toList());
    }

    @Test
    void examplesAndReasonsStaySmall() {
        sendRun();
        for (int i = 0; i < 60; i++) {
            reconciler.accept(unmatched(bids.get(i), EventType.WIN, "not found (asked " + i + " times)"));
        }
        for (int i = 0; i < 20; i++) {
            reconciler.accept(attributed(newBidId(), EventType.WIN, Tier.HOT, "c1", 1, 1));
        }
        Reconciliation r = reconciler.snapshot();
        assertEquals(60, r.unmatched());
        assertEquals(Reconciler.MAX_REASONS + 1, r.unmatchedReasons().size());
        assertEquals(10L, r.unmatchedReasons().get(Reconciler.OTHER_REASONS));
        assertEquals(20, r.unexpected());
        assertEquals(Reconciler.EXAMPLES_PER_PROBLEM, r.examples(Problem.UNEXPECTED).size());
        assertEquals(Reconciler.EXAMPLES_PER_PROBLEM, r.examples(Problem.LOST).size());
    }

    private void replace(int bid, EventType type, TrackingEvent with) {
        stream.set(indexOf(bid, type), with);
    }

    private int indexOf(int bid, EventType type) {
        for (int i = 0; i < stream.size(); i++) {
            if (stream.get(i).getBidId().equals(bids.get(bid)) && stream.get(i).getType() == type) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " of bid " + bid);
    }
}
