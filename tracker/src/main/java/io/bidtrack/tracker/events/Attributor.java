package io.bidtrack.tracker.events;

import io.bidtrack.common.kafka.RecordStream;
import io.bidtrack.common.coredata.CampaignCache;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import io.bidtrack.tracker.lookup.BidLocator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Links a post-bid event to its bid and emits it on {@code tracking-events}. Every event ends
 * there, attributed (HOT or COLD) or explicitly UNMATCHED with a reason, so the counts add up.
 * The bid's campaign must still exist and be active in the L1 cache (core-data validity), else
 * the event is UNMATCHED and the reason names the campaign.
 */
public final class Attributor {
    private static final Logger LOG = LoggerFactory.getLogger(Attributor.class);

    private final BidLocator locator;
    private final CampaignCache campaigns;
    private final RecordStream events;
    private final MeterRegistry registry;

    public Attributor(BidLocator locator, CampaignCache campaigns, RecordStream events, MeterRegistry registry) {
        this.locator = locator;
        this.campaigns = campaigns;
        this.events = events;
        this.registry = registry;
    }

    /** Looks the bid up, then emits; the future has the emitted event (not waiting for Kafka's ack). */
    public Future<TrackingEvent> attribute(UUID bidId, EventType type, long receivedAtMs, OptionalDouble clearingPrice) {
        return locator.locate(bidId).map(located -> emit(bidId, type, receivedAtMs, clearingPrice, located))
                .onFailure(e -> LOG.error("{} event for bid {} could not be emitted", type, bidId, e));
    }

    /** Emits an event for a bid already looked up (a click that needed the bid to redirect). */
    public TrackingEvent emit(UUID bidId, EventType type, long receivedAtMs, OptionalDouble clearingPrice,
                              BidLocator.Located located) {
        TrackingEvent.Builder event = TrackingEvent.newBuilder()
                .setEventId(BidId.mint().toString())
                .setBidId(bidId.toString())
                .setType(type)
                .setReceivedAtMs(receivedAtMs)
                .setLookupLatencyUs(located.latencyMicros());
        Optional<BidRecord> bid = located.bid();
        // Optional.map would turn "no problem" (null) into "not found": decide explicitly.
        String problem = bid.isPresent() ? campaignProblem(bid.get()) : located.reason();
        if (bid.isPresent() && problem == null) {
            event.setTier(located.tier())
                    .setCampaignId(bid.get().getCampaignId())
                    .setPriceCpm(clearingPrice.orElse(bid.get().getPriceCpm()));
        } else {
            event.setTier(Tier.UNMATCHED).setUnmatchedReason(problem);
        }
        TrackingEvent built = event.build();
        Counter.builder("bidtrack_tracking_events").tag("type", type.name()).tag("tier", built.getTier().name())
                .description("tracking events emitted, by type and tier").register(registry).increment();
        Timer.builder("bidtrack_bid_lookup").tag("tier", located.tier().name())
                .description("time to find a bid, by the tier that answered").register(registry)
                .record(located.latencyMicros(), TimeUnit.MICROSECONDS);
        events.send(built.getBidId(), built.toByteArray()); // failures are counted and logged by the stream
        return built;
    }

    /** Why the bid's campaign cannot be credited, or null when it can. */
    private String campaignProblem(BidRecord bid) {
        Optional<Campaign> campaign = campaigns.get(bid.getCampaignId());
        if (campaign.isEmpty()) {
            return "campaign " + bid.getCampaignId() + " no longer exists";
        }
        if (!campaign.get().active()) {
            return "campaign " + bid.getCampaignId() + " is paused";
        }
        return null;
    }
}
