package io.bidtrack.loadgen.accounting;

import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.bidtrack.loadgen.accounting.TestEvents.newBidId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLedgerTest {
    private final EventLedger ledger = new EventLedger();

    @Test
    void countsEventsAndTheirOutcomes() {
        String a = newBidId();
        String b = newBidId();
        ledger.sent(a, EventType.WIN, "c1", Tier.HOT);
        ledger.sent(a, EventType.IMPRESSION, "c1", Tier.HOT);
        ledger.sent(a, EventType.CLICK, "c1", Tier.HOT);
        ledger.sent(b, EventType.INSTALL, "c2", Tier.COLD);
        ledger.outcome(a, EventType.WIN, Outcome.ANSWERED);
        ledger.outcome(a, EventType.IMPRESSION, Outcome.ofStatus(200));
        ledger.outcome(a, EventType.CLICK, Outcome.ofStatus(302));
        ledger.outcome(b, EventType.INSTALL, Outcome.ofStatus(503));

        assertEquals(new EventLedger.Counts(4, 3, 1, 0, 0, 0), ledger.counts());
        assertEquals(2, ledger.bids());
        assertEquals(0, ledger.counts().pending());
        assertEquals(3, ledger.counts().answeredUnseen());
    }

    @Test
    void sendingTheSameEventTwiceIsABugOfTheCaller() {
        String id = newBidId();
        ledger.sent(id, EventType.IMPRESSION, "c1", Tier.HOT);
        var e = assertThrows(IllegalStateException.class, () -> ledger.sent(id, EventType.IMPRESSION, "c1", Tier.HOT));
        assertTrue(e.getMessage().contains("IMPRESSION of bid " + id + " was already sent"), e.getMessage());
        // Upper-case is the same UUID: still the same event.
        assertThrows(IllegalStateException.class, () -> ledger.sent(id.toUpperCase(), EventType.IMPRESSION, "c1", Tier.COLD));
        assertEquals(1, ledger.counts().sent());
    }

    @Test
    void aBidHasOneCampaign() {
        String id = newBidId();
        ledger.sent(id, EventType.IMPRESSION, "c1", Tier.HOT);
        var e = assertThrows(IllegalStateException.class, () -> ledger.sent(id, EventType.CLICK, "c2", Tier.HOT));
        assertTrue(e.getMessage().contains("campaign c1, now c2"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedWithTheirName() {
        String id = newBidId();
        assertThrows(IllegalArgumentException.class, () -> ledger.sent("not-a-uuid", EventType.IMPRESSION, "c1", Tier.HOT));
        assertThrows(IllegalArgumentException.class, () -> ledger.sent(null, EventType.IMPRESSION, "c1", Tier.HOT));
        assertThrows(IllegalArgumentException.class, () -> ledger.sent(id, EventType.EVENT_TYPE_UNSPECIFIED, "c1", Tier.HOT));
        assertThrows(IllegalArgumentException.class, () -> ledger.sent(id, EventType.IMPRESSION, " ", Tier.HOT));
        var tier = assertThrows(IllegalArgumentException.class, () -> ledger.sent(id, EventType.IMPRESSION, "c1", Tier.UNMATCHED));
        assertTrue(tier.getMessage().contains("HOT or COLD"), tier.getMessage());
        assertThrows(IllegalStateException.class, () -> ledger.outcome(id, EventType.IMPRESSION, Outcome.ANSWERED), "never sent");
        ledger.sent(id, EventType.IMPRESSION, "c1", Tier.HOT);
        assertThrows(IllegalArgumentException.class, () -> ledger.outcome(id, EventType.IMPRESSION, Outcome.PENDING));
        assertThrows(IllegalStateException.class, () -> ledger.outcome(id, EventType.CLICK, Outcome.ANSWERED), "another type");
        ledger.outcome(id, EventType.IMPRESSION, Outcome.FAILED);
        assertThrows(IllegalStateException.class, () -> ledger.outcome(id, EventType.IMPRESSION, Outcome.ANSWERED), "twice");
        assertEquals(new EventLedger.Counts(1, 0, 0, 1, 0, 0), ledger.counts());
    }

    /** Fails when the tracker gets a sixth event type: the packed state then needs more room. */
    @Test
    void everyTypeTheTrackerTakesFits() {
        String id = newBidId();
        List<EventType> types = Arrays.stream(EventType.values())
                .filter(t -> t != EventType.EVENT_TYPE_UNSPECIFIED && t != EventType.UNRECOGNIZED).toList();
        types.forEach(t -> ledger.sent(id, t, "c1", Tier.COLD));
        types.forEach(t -> ledger.outcome(id, t, Outcome.ANSWERED));
        assertEquals(types.size(), ledger.counts().answered());
        assertEquals(types.size(), ledger.answeredUnseen(100).size());
        for (EventType t : types) {
            var sighting = ledger.observe(UUID.fromString(id), t);
            assertEquals(new EventLedger.Sighting("c1", Tier.COLD, true), sighting);
        }
        assertEquals(0, ledger.counts().answeredUnseen());
    }

    /** A small table grows to hold 100,000 bids; every event is found again, and only those. */
    @Test
    void growsAndFindsEveryEvent() {
        EventLedger small = new EventLedger(0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String id = newBidId();
            ids.add(id);
            int types = 1 + i % 5;
            for (int t = 1; t <= types; t++) {
                small.sent(id, EventType.forNumber(t), "c" + i % 7, i % 3 == 0 ? Tier.COLD : Tier.HOT);
                small.outcome(id, EventType.forNumber(t), Outcome.ANSWERED);
            }
        }
        assertEquals(100_000, small.bids());
        long events = small.counts().sent();
        assertEquals(300_000, events); // 20,000 each of 1 to 5 types
        Set<String> unseen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            UUID id = UUID.fromString(ids.get(i));
            if (i % 10_000 == 17) {
                unseen.add(ids.get(i));
            } else {
                var sighting = small.observe(id, EventType.IMPRESSION);
                assertEquals(new EventLedger.Sighting("c" + i % 7, i % 3 == 0 ? Tier.COLD : Tier.HOT, true), sighting);
            }
            for (int t = 2; t <= 1 + i % 5; t++) {
                small.observe(id, EventType.forNumber(t));
            }
            assertNull(small.observe(id, i % 5 == 4 ? EventType.EVENT_TYPE_UNSPECIFIED : EventType.forNumber(2 + i % 5)),
                    "a type this bid was not sent with");
        }
        assertNull(small.observe(UUID.randomUUID(), EventType.IMPRESSION));
        assertEquals(10, small.counts().answeredUnseen());
        Set<String> listed = new HashSet<>();
        small.answeredUnseen(100).forEach(k -> {
            assertEquals(EventType.IMPRESSION, k.type());
            listed.add(k.bidId());
        });
        assertEquals(unseen, listed);
        assertEquals(3, small.answeredUnseen(3).size());
        assertFalse(small.observe(UUID.fromString(ids.get(1)), EventType.IMPRESSION).first(), "second sighting");
    }

    @Test
    void anEventSeenBeforeItsAnswerIsNotLost() {
        String id = newBidId();
        ledger.sent(id, EventType.BILLING, "c1", Tier.HOT);
        ledger.observe(UUID.fromString(id), EventType.BILLING);
        assertEquals(new EventLedger.Counts(1, 0, 0, 0, 1, 0), ledger.counts());
        ledger.outcome(id, EventType.BILLING, Outcome.ANSWERED);
        assertEquals(new EventLedger.Counts(1, 1, 0, 0, 1, 1), ledger.counts());
        assertEquals(0, ledger.counts().answeredUnseen());
    }
}
