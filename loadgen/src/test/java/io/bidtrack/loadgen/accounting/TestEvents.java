package io.bidtrack.loadgen.accounting;

import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;

/** Tracking events as the tracker writes them, for the tests. */
final class TestEvents {
    private TestEvents() {
    }

    static String newBidId() {
        return BidId.mint().toString();
    }

    /** An attributed event (HOT or COLD) of {@code campaignId}, with the tracker's latencies. */
    static TrackingEvent attributed(String bidId, EventType type, Tier tier, String campaignId, long lookupUs, long attributionUs) {
        return TrackingEvent.newBuilder()
                .setEventId(BidId.mint().toString())
                .setBidId(bidId)
                .setType(type)
                .setTier(tier)
                .setCampaignId(campaignId)
                .setReceivedAtMs(System.currentTimeMillis())
                .setLookupLatencyUs(lookupUs)
                .setAttributionLatencyUs(attributionUs)
                .build();
    }

    static TrackingEvent unmatched(String bidId, EventType type, String reason) {
        return TrackingEvent.newBuilder()
                .setEventId(BidId.mint().toString())
                .setBidId(bidId)
                .setType(type)
                .setTier(Tier.UNMATCHED)
                .setUnmatchedReason(reason)
                .setLookupLatencyUs(900)
                .setAttributionLatencyUs(1000)
                .build();
    }
}
