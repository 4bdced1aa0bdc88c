package io.bidtrack.loadgen.accounting;

import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the load generator sent: for each post-bid event, its bid, type, the bid's campaign, the
 * tier it should be attributed in and how the tracker answered; and, once the {@link Reconciler}
 * has read them back, which events reached {@code tracking-events}.
 *
 * <p><b>Memory.</b> A run of ten minutes at 20,000 bids/s sends millions of events, so there is no
 * object per event. The ledger is an open-addressing hash table of bids in three parallel
 * {@code long[]} arrays: the bid id's two halves and one packed state (24 bytes a slot). The state
 * holds the bid's campaign (an index into a small table of campaign ids, 24 bits) and one byte per
 * event type (five types, 40 bits): sent, outcome, expected tier, seen. The table grows at 3/4 full,
 * so a slot is 3/8 to 3/4 used: 32 to 64 bytes per bid, whatever its number of events (one to
 * five): 11 to 21 bytes per event at three events a bid. Growing briefly needs the old and the new
 * arrays: pass the expected number of bids to {@link #EventLedger(long)} to size the table once
 * (a resize of millions of slots takes tens of milliseconds, on the caller's thread).
 *
 * <p><b>Threads.</b> The load generator calls it from one Vert.x event loop and the reconciler
 * from its own thread, possibly at the same time: every method is {@code synchronized}. An
 * uncontended lock costs a few nanoseconds, well below one HTTP request.
 *
 * <p>Bid ids must be UUIDs (the bidder mints UUIDv7s; the tracker refuses anything else): a UUID
 * fits in two longs, which is what makes a slot small.
 */
public final class EventLedger {
    /** Event types the ledger keeps: {@code EventType} numbers 1 to 5 (IMPRESSION to BILLING). */
    static final int TYPES = 5;
    private static final int MAX_CAPACITY = 1 << 30;
    private static final int MIN_CAPACITY = 16;

    // One byte per event type in a bid's state.
    private static final int SENT = 1;
    private static final int OUTCOME_SHIFT = 1; // two bits: Outcome.ordinal()
    private static final int OUTCOME_BITS = 3 << OUTCOME_SHIFT;
    private static final int EXPECT_COLD = 1 << 3;
    private static final int SEEN = 1 << 4;
    private static final int EVENT_BITS = 0xFF;
    // The campaign index above the five event bytes.
    private static final int CAMPAIGN_SHIFT = 8 * TYPES;
    private static final int MAX_CAMPAIGNS = 1 << (64 - CAMPAIGN_SHIFT);

    private static final Outcome[] OUTCOMES = Outcome.values();

    private long[] msbs;
    private long[] lsbs;
    /** 0 marks an empty slot: a bid's state always has at least one SENT bit. */
    private long[] states;
    private int mask;
    private int bids;

    private final Map<String, Integer> campaignIndex = new HashMap<>();
    private final List<String> campaigns = new ArrayList<>();

    private long sent;
    private long answered;
    private long refused;
    private long failed;
    private long seen;
    private long seenAnswered;

    /** A ledger sized for a few thousand bids; it grows as needed. */
    public EventLedger() {
        this(1024);
    }

    /** A ledger sized to hold {@code expectedBids} bids without growing. */
    public EventLedger(long expectedBids) {
        if (expectedBids < 0) {
            throw new IllegalArgumentException("expectedBids must be >= 0, got " + expectedBids);
        }
        allocate(capacityFor(expectedBids));
    }

    /** What the reconciler learns when an event comes back. */
    record Sighting(String campaignId, Tier expectedTier, boolean first) {
    }

    /** Counts over every event in the ledger. */
    public record Counts(long sent, long answered, long refused, long failed, long seen, long seenAnswered) {
        /** Sent and never answered nor failed: still in flight, or abandoned when the run ended. */
        public long pending() {
            return sent - answered - refused - failed;
        }

        /** Answered and not seen (yet). */
        public long answeredUnseen() {
            return answered - seenAnswered;
        }
    }

    /** One event, for examples in a printout. */
    public record EventKey(String bidId, EventType type) {
    }

    /**
     * Records an event about to be sent. Call it before the request leaves, so that the tracker's
     * event can never come back before the ledger knows it.
     *
     * @param campaignId   the campaign of the bid, from the bid response
     * @param expectedTier HOT if the bid is within the hot window when the event is sent, else COLD
     * @throws IllegalArgumentException for an id that is not a UUID, an unknown type, a blank
     *                                  campaign or a tier other than HOT and COLD
     * @throws IllegalStateException    if this (bid, type) was sent before, or the bid's earlier
     *                                  events named another campaign: both are bugs of the caller
     */
    public synchronized void sent(String bidId, EventType type, String campaignId, Tier expectedTier) {
        UUID id = parseId(bidId);
        int shift = shiftOf(type);
        if (campaignId == null || campaignId.isBlank()) {
            throw new IllegalArgumentException("campaign id of bid " + bidId + " is blank");
        }
        if (expectedTier != Tier.HOT && expectedTier != Tier.COLD) {
            throw new IllegalArgumentException("expected tier must be HOT or COLD, got " + expectedTier);
        }
        long event = SENT | (expectedTier == Tier.COLD ? EXPECT_COLD : 0);
        int slot = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
        if (slot >= 0) {
            long state = states[slot];
            if ((state >>> shift & SENT) != 0) {
                throw new IllegalStateException(type + " of bid " + bidId + " was already sent");
            }
            String earlier = campaigns.get(campaignOf(state));
            if (!earlier.equals(campaignId)) {
                throw new IllegalStateException("bid " + bidId + " was sent with campaign " + earlier + ", now " + campaignId);
            }
            states[slot] = state | event << shift;
        } else {
            if (bids >= (mask + 1) / 4 * 3) {
                grow();
                slot = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
            }
            int empty = -slot - 1;
            msbs[empty] = id.getMostSignificantBits();
            lsbs[empty] = id.getLeastSignificantBits();
            states[empty] = (long) internCampaign(campaignId) << CAMPAIGN_SHIFT | event << shift;
            bids++;
        }
        sent++;
    }

    /**
     * Records how the tracker answered an event recorded with {@link #sent}.
     *
     * @throws IllegalArgumentException for PENDING (an event starts pending)
     * @throws IllegalStateException    if the event was not sent, or already has an outcome
     */
    public synchronized void outcome(String bidId, EventType type, Outcome outcome) {
        if (outcome == null || outcome == Outcome.PENDING) {
            throw new IllegalArgumentException("outcome must be ANSWERED, REFUSED or FAILED, got " + outcome);
        }
        UUID id = parseId(bidId);
        int shift = shiftOf(type);
        int slot = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
        long event = slot < 0 ? 0 : states[slot] >>> shift & EVENT_BITS;
        if ((event & SENT) == 0) {
            throw new IllegalStateException(type + " of bid " + bidId + " was never sent");
        }
        if (outcomeOf(event) != Outcome.PENDING) {
            throw new IllegalStateException(type + " of bid " + bidId + " already has outcome " + outcomeOf(event));
        }
        states[slot] |= (long) outcome.ordinal() << OUTCOME_SHIFT << shift;
        switch (outcome) {
            case ANSWERED -> {
                answered++;
                if ((event & SEEN) != 0) {
                    seenAnswered++; // came back before its answer did
                }
            }
            case REFUSED -> refused++;
            case FAILED -> failed++;
            default -> throw new AssertionError(outcome);
        }
    }

    public synchronized Counts counts() {
        return new Counts(sent, answered, refused, failed, seen, seenAnswered);
    }

    /** Bids with at least one event. */
    public synchronized int bids() {
        return bids;
    }

    /**
     * Marks an event as come back from {@code tracking-events}.
     *
     * @return what the ledger knows of it, or null if this run did not send it
     */
    synchronized Sighting observe(UUID id, EventType type) {
        if (!tracks(type)) {
            return null;
        }
        int shift = shiftOf(type);
        int slot = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
        if (slot < 0) {
            return null;
        }
        long state = states[slot];
        long event = state >>> shift & EVENT_BITS;
        if ((event & SENT) == 0) {
            return null;
        }
        boolean first = (event & SEEN) == 0;
        if (first) {
            states[slot] = state | (long) SEEN << shift;
            seen++;
            if (outcomeOf(event) == Outcome.ANSWERED) {
                seenAnswered++;
            }
        }
        return new Sighting(campaigns.get(campaignOf(state)), (event & EXPECT_COLD) != 0 ? Tier.COLD : Tier.HOT, first);
    }

    /** Up to {@code limit} events answered and not seen, in table order. */
    synchronized List<EventKey> answeredUnseen(int limit) {
        List<EventKey> found = new ArrayList<>();
        for (int slot = 0; slot < states.length && found.size() < limit; slot++) {
            long state = states[slot];
            for (int t = 0; state != 0 && t < TYPES && found.size() < limit; t++) {
                long event = state >>> (8 * t) & EVENT_BITS;
                if ((event & SEEN) == 0 && outcomeOf(event) == Outcome.ANSWERED) {
                    found.add(new EventKey(new UUID(msbs[slot], lsbs[slot]).toString(), EventType.forNumber(t + 1)));
                }
            }
        }
        return found;
    }

    /** Whether the ledger keeps events of this type. */
    static boolean tracks(EventType type) {
        return type != null && type != EventType.UNRECOGNIZED && type.getNumber() >= 1 && type.getNumber() <= TYPES;
    }

    private static int shiftOf(EventType type) {
        if (!tracks(type)) {
            throw new IllegalArgumentException("event type " + type + " is not one the tracker takes");
        }
        return 8 * (type.getNumber() - 1);
    }

    private static Outcome outcomeOf(long event) {
        return OUTCOMES[(int) (event & OUTCOME_BITS) >>> OUTCOME_SHIFT];
    }

    private static int campaignOf(long state) {
        return (int) (state >>> CAMPAIGN_SHIFT);
    }

    private static UUID parseId(String bidId) {
        if (bidId == null) {
            throw new IllegalArgumentException("bid id is null");
        }
        try {
            return UUID.fromString(bidId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bid id is not a UUID: " + bidId);
        }
    }

    private int internCampaign(String campaignId) {
        Integer index = campaignIndex.get(campaignId);
        if (index != null) {
            return index;
        }
        if (campaigns.size() == MAX_CAMPAIGNS) {
            throw new IllegalStateException("more than " + MAX_CAMPAIGNS + " campaigns");
        }
        campaigns.add(campaignId);
        campaignIndex.put(campaignId, campaigns.size() - 1);
        return campaigns.size() - 1;
    }

    /** The slot holding this id, or {@code -(empty slot) - 1} where it would go. */
    private int find(long msb, long lsb) {
        int slot = hash(msb, lsb) & mask;
        while (states[slot] != 0) {
            if (msbs[slot] == msb && lsbs[slot] == lsb) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -slot - 1;
    }

    /** Spreads the id over the table: UUIDv7s of one millisecond share their high bits. */
    private static int hash(long msb, long lsb) {
        long h = msb * 0x9E3779B97F4A7C15L ^ lsb;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    private static int capacityFor(long bids) {
        long needed = Math.max(MIN_CAPACITY, bids + bids / 3 + 1); // at most 3/4 full
        if (needed > MAX_CAPACITY) {
            throw new IllegalArgumentException("at most " + MAX_CAPACITY / 4 * 3 + " bids fit in a ledger, asked for " + bids);
        }
        return Integer.highestOneBit((int) needed - 1) << 1;
    }

    private void allocate(int capacity) {
        msbs = new long[capacity];
        lsbs = new long[capacity];
        states = new long[capacity];
        mask = capacity - 1;
    }

    private void grow() {
        if (states.length == MAX_CAPACITY) {
            throw new IllegalStateException("ledger full: " + bids + " bids");
        }
        long[] oldMsbs = msbs;
        long[] oldLsbs = lsbs;
        long[] oldStates = states;
        allocate(states.length * 2);
        for (int i = 0; i < oldStates.length; i++) {
            if (oldStates[i] != 0) {
                int empty = -find(oldMsbs[i], oldLsbs[i]) - 1;
                msbs[empty] = oldMsbs[i];
                lsbs[empty] = oldLsbs[i];
                states[empty] = oldStates[i];
            }
        }
    }
}
