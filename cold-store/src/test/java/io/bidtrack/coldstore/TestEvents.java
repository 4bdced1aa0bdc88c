package io.bidtrack.coldstore;

import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;

/** Tracking events for tests. */
public final class TestEvents {
    private TestEvents() {
    }

    /** An event of {@code bidId} with every field set to a value other than its default, so a dropped column shows. */
    public static TrackingEvent full(String bidId, EventType type, Tier tier, long receivedAtMs, int n) {
        return TrackingEvent.newBuilder().setEventId(BidId.mint().toString()).setBidId(bidId).setType(type).setTier(tier)
                .setCampaignId("camp-" + n).setReceivedAtMs(receivedAtMs).setLookupLatencyUs(100 + n)
                .setUnmatchedReason(tier == Tier.UNMATCHED ? "unknown bid" : "").setPriceCpm(1.5 + n)
                .setAttributedAtMs(receivedAtMs + 3).setCreativeId("cr-" + n).setAttributionLatencyUs(3000 + n).build();
    }
}
