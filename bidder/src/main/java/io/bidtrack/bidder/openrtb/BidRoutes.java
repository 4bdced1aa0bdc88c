package io.bidtrack.bidder.openrtb;

import io.bidtrack.common.web.Responses;
import io.bidtrack.bidder.selection.CampaignSelector;
import io.bidtrack.bidder.store.BidStore;
import io.bidtrack.common.kafka.RecordStream;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /openrtb2/bid}: validate, select a campaign from L1, mint the UUIDv7 bid id, store
 * the bid hot, produce it to Kafka, answer. The answer waits for the hot-store write (a bid the
 * tracker cannot find must not be served) but not for Kafka's acknowledgement (it is counted).
 */
public final class BidRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(BidRoutes.class);
    /** Real bid requests are a few KiB. */
    static final long BODY_LIMIT = 64 * 1024;

    private final CampaignSelector selector;
    private final BidStore store;
    private final RecordStream bids;
    private final String trackerBaseUrl;
    private final Counter answered;
    private final Counter noBid;
    private final Counter invalid;
    private final Counter storeErrors;

    public BidRoutes(CampaignSelector selector, BidStore store, RecordStream bids, String trackerBaseUrl, MeterRegistry registry) {
        this.selector = selector;
        this.store = store;
        this.bids = bids;
        this.trackerBaseUrl = trackerBaseUrl;
        this.answered = outcome(registry, "bid");
        this.noBid = outcome(registry, "no_bid");
        this.invalid = outcome(registry, "invalid");
        this.storeErrors = outcome(registry, "store_error");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("bidtrack_bid_requests").tag("outcome", outcome)
                .description("bid requests by outcome").register(registry);
    }

    public void install(Router router) {
        router.post("/openrtb2/bid").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::bid);
    }

    private void bid(RoutingContext ctx) {
        BidRequest request;
        try {
            request = BidRequest.parse(ctx.body().buffer());
        } catch (InvalidRequestException e) {
            invalid.increment();
            Responses.error(ctx, 400, e.getMessage(), e.field());
            return;
        }
        Optional<CampaignSelector.Selection> selected = selector.select(request);
        if (selected.isEmpty()) {
            noBid(ctx);
            return;
        }
        CampaignSelector.Selection selection = selected.get();
        UUID id = BidId.mint();
        BidRecord record = BidResponses.record(id.toString(), BidId.timestampMillis(id), request, selection);
        byte[] bytes = record.toByteArray();
        store.put(record.getId(), bytes).onComplete(ar -> {
            if (ar.failed()) {
                // Without the hot copy the bid could not be attributed: better no bid than a blind one.
                storeErrors.increment();
                LOG.warn("bid {} not stored in the hot store, answering no bid: {}", record.getId(), ar.cause().toString());
                noBid(ctx);
                return;
            }
            bids.send(record.getId(), bytes); // failures are counted and logged by the stream
            answered.increment();
            ctx.response().setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("x-openrtb-version", "2.6")
                    .end(BidResponses.response(record, selection.campaign(), selection.imp(), trackerBaseUrl).encode());
        });
    }

    private void noBid(RoutingContext ctx) {
        noBid.increment();
        ctx.response().setStatusCode(204).putHeader("x-openrtb-version", "2.6").end();
    }
}
