package io.bidtrack.bidder.openrtb;

import io.bidtrack.bidder.pacing.Pacer;
import io.bidtrack.bidder.selection.CampaignSelector;
import io.bidtrack.bidder.selection.NoBidReason;
import io.bidtrack.bidder.store.BidStore;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.kafka.RecordStream;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.web.Responses;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /openrtb2/bid}: validate, select a campaign from L1, mint the UUIDv7 bid id, store
 * the bid hot (and count its spend), hand it to the Kafka stream, answer.
 * <p>
 * Nothing here blocks the event loop. The answer waits for the hot-store write (a bid the tracker
 * cannot find must not be served) but not for Kafka: the stream keeps the record in a bounded
 * buffer and retries until Kafka acknowledges it. When that buffer is full the bidder sheds load
 * (204, counted) before doing any work, so a record is never accepted and then lost silently.
 */
public final class BidRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(BidRoutes.class);

    private final CampaignSelector selector;
    private final Pacer pacer;
    private final BidStore store;
    private final RecordStream bids;
    private final String trackerBaseUrl;
    private final long bodyLimit;
    private final BidMetrics metrics;
    private static final long STORE_LOG_INTERVAL_NANOS = 10_000_000_000L;
    private final AtomicLong lastStoreLog = new AtomicLong(System.nanoTime() - STORE_LOG_INTERVAL_NANOS);

    public BidRoutes(CampaignSelector selector, Pacer pacer, BidStore store, RecordStream bids, String trackerBaseUrl,
                     long bodyLimit, MeterRegistry registry) {
        this.selector = selector;
        this.pacer = pacer;
        this.store = store;
        this.bids = bids;
        this.trackerBaseUrl = trackerBaseUrl;
        this.bodyLimit = bodyLimit;
        this.metrics = new BidMetrics(registry);
    }

    public void install(Router router) {
        // A larger body is refused with 413 (JSON body, see OpsRoutes) before it is buffered; a
        // smaller one goes into a buffer sized by its Content-Length at once, not grown step by step.
        router.post("/openrtb2/bid").handler(BodyHandler.create(false).setBodyLimit(bodyLimit).setPreallocateBodyBuffer(true))
                .handler(this::bid);
    }

    private void bid(RoutingContext ctx) {
        BidRequest request;
        try {
            request = BidRequestParser.parse(ctx.body().buffer());
        } catch (InvalidRequestException e) {
            metrics.invalid.increment();
            Responses.error(ctx, 400, e.getMessage(), e.field());
            return;
        } catch (RuntimeException e) {
            // The parser names every problem it knows; anything else is still the request's fault.
            metrics.invalid.increment();
            LOG.debug("unreadable bid request", e);
            Responses.error(ctx, 400, "body: could not be read as an OpenRTB 2.6 request", "body");
            return;
        }
        if (!bids.hasRoom()) {
            noBid(ctx, NoBidReason.SHED); // Kafka is behind: storing more would mean losing records
            return;
        }
        long start = System.nanoTime();
        CampaignSelector.Result result = selector.select(request);
        metrics.selection(System.nanoTime() - start);
        if (result.selection() == null) {
            noBid(ctx, result.reason());
            return;
        }
        CampaignSelector.Selection selection = result.selection();
        UUID id = BidId.mint();
        BidRecord record = BidResponses.record(id.toString(), BidId.timestampMillis(id), request, selection);
        byte[] bytes = record.toByteArray();
        String campaignId = selection.campaign().id();
        store.put(record.getId(), bytes, campaignId, selection.epochDay(), selection.priceMicros()).onComplete(ar -> {
            pacer.settle(campaignId, selection.epochDay(), selection.priceMicros(), ar.succeeded() ? ar.result() : null);
            if (ar.failed()) {
                // Without the hot copy the bid could not be attributed: better no bid than a blind one.
                boolean timeout = ar.cause() instanceof TimeoutException;
                long now = System.nanoTime();
                long last = lastStoreLog.get();
                if (now - last > STORE_LOG_INTERVAL_NANOS && lastStoreLog.compareAndSet(last, now)) {
                    LOG.warn("bid {} not stored in the hot store, answering no bid (logged at most every 10 s): {}",
                            record.getId(), ar.cause().toString());
                }
                noBid(ctx, timeout ? NoBidReason.STORE_TIMEOUT : NoBidReason.STORE_ERROR);
                return;
            }
            if (!bids.offer(record.getId(), bytes)) {
                // The buffer filled up meanwhile: the bid is not served, so its hot copy is an orphan
                // that expires unseen; nothing served is missing from the lake.
                noBid(ctx, NoBidReason.SHED);
                return;
            }
            metrics.bid(selection.campaign().bidCpm());
            ctx.response().setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("x-openrtb-version", "2.6")
                    .end(BidResponses.response(record, selection.campaign(), selection.imp(), trackerBaseUrl));
        });
    }

    private void noBid(RoutingContext ctx, NoBidReason reason) {
        metrics.noBid(reason);
        ctx.response().setStatusCode(204).putHeader("x-openrtb-version", "2.6").end();
    }
}
