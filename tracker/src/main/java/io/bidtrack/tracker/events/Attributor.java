package io.bidtrack.tracker.events;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.coredata.CampaignCache;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.kafka.RecordStream;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import io.bidtrack.tracker.dedupe.Dedupe;
import io.bidtrack.tracker.lookup.BidLocator;
import io.bidtrack.tracker.lookup.RetryingLocator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * Links an accepted event to its bid and emits it on {@code tracking-events}, after the client has
 * been answered. Every accepted event ends there, attributed (HOT or COLD) or explicitly UNMATCHED
 * with a reason, unless it repeats one already emitted in the dedupe window.
 * <p>
 * Dedupe comes first, before the lookup: it needs only the bid id and type, and a repeat (pixels
 * fired twice, exchanges re-sending notices) then costs one SET instead of a lookup, which for an
 * old bid is a query on the lake. The price is that a repeat of an event that ended UNMATCHED is
 * dropped too; it was emitted once, with its reason, so the counts still add up.
 * <p>
 * The lookup waits while a later answer may differ (Trino down, a bid not in the lake yet: see
 * {@link RetryingLocator}), and the event keeps its admission slot meanwhile.
 * <p>
 * A bid from the cold tier holds only {@link Columns#ATTRIBUTION} (id, campaign, creative, price):
 * a field read here must be in that set, or cold events would see its default.
 */
public final class Attributor {
    private static final Logger LOG = LoggerFactory.getLogger(Attributor.class);
    private static final long BUFFER_RETRY_MS = 50;

    private final Vertx vertx;
    private final RetryingLocator locator;
    private final CampaignCache campaigns;
    private final Dedupe dedupe;
    private final RecordStream events;
    private final EventAdmission admission;
    private final EventMetrics metrics;

    public Attributor(Vertx vertx, RetryingLocator locator, CampaignCache campaigns, Dedupe dedupe, RecordStream events,
                      EventAdmission admission, EventMetrics metrics) {
        this.vertx = vertx;
        this.locator = locator;
        this.campaigns = campaigns;
        this.dedupe = dedupe;
        this.events = events;
        this.admission = admission;
        this.metrics = metrics;
    }

    /**
     * Dedupes, looks the bid up (continuing from the caller's attempt, if any: a click that needed
     * the bid to redirect passes its lookup), emits, and gives the admission slot back. Never fails.
     *
     * @return the emitted event, or empty for a duplicate
     */
    public Future<Optional<TrackingEvent>> attribute(TrackRequest request, Future<BidLocator.Located> alreadyLocated) {
        return dedupe.check(request.type(), request.bidId()).compose(verdict -> {
            if (verdict == Dedupe.Verdict.DUPLICATE) {
                metrics.duplicate(request.type());
                return Future.succeededFuture(Optional.<TrackingEvent>empty());
            }
            Future<BidLocator.Located> located = locator.locate(request.bidId(), alreadyLocated);
            return located.compose(l -> emit(request, build(request, l), l.latencyMicros())).map(Optional::of);
        }).onComplete(ar -> {
            admission.release();
            if (ar.failed()) {
                LOG.error("{} event for bid {} could not be attributed", request.type(), request.bidId(), ar.cause());
            }
        });
    }

    /** The event as far as the lookup decides it; {@link #emit} stamps the time and builds it. */
    private TrackingEvent.Builder build(TrackRequest request, BidLocator.Located located) {
        TrackingEvent.Builder event = TrackingEvent.newBuilder()
                .setEventId(BidId.mint().toString())
                .setBidId(request.bidId().toString())
                .setType(request.type())
                .setReceivedAtMs(request.receivedAtMs())
                .setLookupLatencyUs(located.latencyMicros());
        Optional<BidRecord> bid = located.bid();
        // Optional.map would turn "no problem" (null) into "not found": decide explicitly.
        String problem = bid.isPresent() ? campaignProblem(bid.get(), Instant.ofEpochMilli(request.receivedAtMs())) : located.reason();
        if (bid.isPresent() && problem == null) {
            event.setTier(located.tier())
                    .setCampaignId(bid.get().getCampaignId())
                    .setCreativeId(bid.get().getCreativeId())
                    .setPriceCpm(request.clearingPrice().orElse(bid.get().getPriceCpm()));
        } else {
            event.setTier(Tier.UNMATCHED).setUnmatchedReason(problem);
        }
        return event;
    }

    /**
     * Why the bid's campaign cannot be credited at the event's time, or null when it can. From the
     * L1 cache only: validating core data never costs a network call on this path.
     */
    private String campaignProblem(BidRecord bid, Instant at) {
        Optional<Campaign> campaign = campaigns.get(bid.getCampaignId());
        return campaign.isEmpty() ? "campaign " + bid.getCampaignId() + " does not exist" : campaign.get().problemAt(at);
    }

    /**
     * Hands the event to the Kafka buffer. Admission kept room for it, so the offer succeeds; if
     * it ever does not, the event waits for room rather than being dropped.
     */
    private Future<TrackingEvent> emit(TrackRequest request, TrackingEvent.Builder event, long lookupMicros) {
        TrackingEvent stamped = event.setAttributedAtMs(System.currentTimeMillis())
                .setAttributionLatencyUs((System.nanoTime() - request.receivedNanos()) / 1000).build();
        if (events.offer(stamped.getBidId(), stamped.toByteArray())) {
            metrics.emitted(stamped.getType(), stamped.getTier(), lookupMicros, System.nanoTime() - request.receivedNanos());
            return Future.succeededFuture(stamped);
        }
        Promise<TrackingEvent> later = Promise.promise();
        vertx.setTimer(BUFFER_RETRY_MS, id -> emit(request, event, lookupMicros).onComplete(later));
        return later.future();
    }
}
