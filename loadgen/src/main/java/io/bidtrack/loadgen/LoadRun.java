package io.bidtrack.loadgen;

import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.loadgen.accounting.EventLedger;
import io.bidtrack.loadgen.accounting.Outcome;
import io.bidtrack.loadgen.backfill.OldBids;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drives one open-loop run: fires bid requests at their intended times (see
 * {@link OpenLoopScheduler}) whatever the responses do, sends an impression for a share of the won
 * bids right away, then waits up to the timeout for what is still in flight. Latency is measured
 * from each request's intended send time, so a slow server cannot hide its queueing (no
 * coordinated omission).
 *
 * <p>Everything runs on one Vert.x event loop, so the counters need no locks.
 */
public final class LoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final long TICK_MS = 1;
    private static final long DRAIN_POLL_MS = 5;
    private static final long PROGRESS_MS = 1000;

    private final Vertx vertx;
    private final LoadConfig config;
    private final PrintWriter progress;
    private final BidRequestFactory requests;
    private final LoadStats stats = new LoadStats();
    /** Every post-bid event sent and how it was answered, for the check against tracking-events; null for no check. */
    private final EventLedger ledger;
    /** Old bids and how many cold impressions to send per answered bid; null for none. */
    private final ColdPart cold;
    private long oldBidsUsed;
    private final DelayedPart delayed;
    /** Delayed event chains not sent yet, and when the last of them is due: the run waits for them. */
    private long delayedPending;
    private long lastDelayedDueNanos;

    /**
     * The cold part of a run: impressions for old (backfilled) bids, which the tracker must find in
     * the cold tier, sent among the run's own events.
     *
     * @param perAnsweredBid the chance, per answered bid, of one impression for the next old bid (0..1)
     */
    public record ColdPart(OldBids bids, double perAnsweredBid) {
    }

    /**
     * The compressed delay profile: a share of the run's own won bids get their events only once
     * the bid has left the hot store, so that the run watches its bids turn cold.
     *
     * @param share the chance, per answered bid, that its events wait (0..1)
     * @param delay how long they wait after the bid's answer: past the hot TTL
     */
    public record DelayedPart(double share, Duration delay) {
    }
    private final long timeoutMs;

    private WebClient client;
    private OpenLoopScheduler scheduler;
    private Promise<LoadStats> result;
    private long tickTimer = -1;
    private long drainTimer = -1;
    private long progressTimer = -1;
    private long drainDeadlineNanos;
    private boolean finished;

    /**
     * @param progress where the once-a-second progress line goes, or null for none
     */
    public LoadRun(Vertx vertx, LoadConfig config, PrintWriter progress) {
        this(vertx, config, progress, null, null);
    }

    /**
     * @param ledger where each post-bid event is recorded as it leaves and as it is answered; null for none
     * @param cold   the cold part, or null for none
     */
    public LoadRun(Vertx vertx, LoadConfig config, PrintWriter progress, EventLedger ledger, ColdPart cold) {
        this(vertx, config, progress, ledger, cold, null);
    }

    /** @param delayed the compressed profile's delayed events, or null for none */
    public LoadRun(Vertx vertx, LoadConfig config, PrintWriter progress, EventLedger ledger, ColdPart cold, DelayedPart delayed) {
        this.ledger = ledger;
        this.cold = cold;
        this.delayed = delayed;
        this.vertx = vertx;
        this.config = config;
        this.progress = progress;
        this.requests = new BidRequestFactory(config.seed());
        this.timeoutMs = Math.max(1, config.timeout().toMillis());
    }

    /** Starts the run; the future completes with the final counts once nothing is in flight. */
    public Future<LoadStats> run() {
        Promise<LoadStats> promise = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> start(promise));
        return promise.future();
    }

    private void start(Promise<LoadStats> promise) {
        result = promise;
        WebClientOptions options = new WebClientOptions()
                .setUserAgent("bidtrack-loadgen")
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs));
        client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(config.connections()));
        warmUp();
        long start = System.nanoTime();
        scheduler = new OpenLoopScheduler(config.rate(), config.rateProfile(), start, config.totalBids());
        stats.started(start, config.duration().toNanos());
        if (progress != null) {
            progressTimer = vertx.setPeriodic(PROGRESS_MS, id -> printProgress());
        }
        tick();
        if (!scheduler.finished()) {
            tickTimer = vertx.setPeriodic(TICK_MS, id -> tick());
        }
    }

    /** Loads and exercises the JSON code before the clock starts, so its first use is not timed. */
    private void warmUp() {
        for (int i = 0; i < 200; i++) {
            BidResponses.bidId(requests.body(i));
        }
    }

    private void tick() {
        long now = System.nanoTime();
        OpenLoopScheduler.Batch due = scheduler.takeDue(now);
        for (long i = due.first(); i < due.endExclusive(); i++) {
            sendBid(i, scheduler.dueNanos(i));
        }
        if (scheduler.finished() && drainTimer < 0) {
            vertx.cancelTimer(tickTimer);
            // Delayed events (compressed profile) are still to come: wait for them and their answers.
            drainDeadlineNanos = Math.max(System.nanoTime(), lastDelayedDueNanos) + config.timeout().toNanos();
            drainTimer = vertx.setPeriodic(DRAIN_POLL_MS, id -> drainCheck());
            drainCheck();
        }
    }

    private void sendBid(long i, long intendedNanos) {
        Buffer body = requests.body(i);
        stats.sentAt(intendedNanos, System.nanoTime());
        stats.bids().sent();
        client.postAbs(config.bidUrl())
                .timeout(timeoutMs)
                .putHeader("Content-Type", "application/json")
                .putHeader("x-openrtb-version", "2.6")
                .sendBuffer(body)
                .onComplete(ar -> onBid(i, intendedNanos, ar));
    }

    private void onBid(long i, long intendedNanos, AsyncResult<HttpResponse<Buffer>> ar) {
        if (finished) {
            return; // already counted as unfinished
        }
        long latency = System.nanoTime() - intendedNanos;
        if (ar.failed()) {
            failed(stats.bids(), ar.cause());
            return;
        }
        int status = ar.result().statusCode();
        if (status == 204) {
            stats.bids().noBid(latency);
        } else if (status >= 200 && status < 300) {
            stats.bids().answered(latency);
            var won = BidResponses.won(ar.result().body());
            // Without its campaign a bid's events could not be checked: the bidder always names it.
            if (won.isEmpty() || won.get().campaignId().isBlank()) {
                stats.bidWithoutId();
            } else if (delayed != null && Seeds.unit(config.seed(), Seeds.DELAY_STREAM, i) < delayed.share()) {
                sendEventsLater(i, won.get());
            } else {
                sendEvents(i, won.get(), Tier.HOT);
                maybeSendColdImpression(i);
            }
        } else {
            stats.bids().error(ErrorKinds.ofStatus(status));
        }
    }

    /**
     * The events that follow bid {@code i}, each drawn from the seed and {@code i} alone: the win
     * notice ({@code --win-rate} of answered bids), then for a win an impression
     * ({@code --impression-rate}), for an impression a click ({@code --click-rate}), for a click an
     * install ({@code --install-rate}). They are sent at once, as the tracker attributes each on its own.
     */
    private void sendEventsLater(long i, BidResponses.Won bid) {
        delayedPending++;
        lastDelayedDueNanos = Math.max(lastDelayedDueNanos, System.nanoTime() + delayed.delay().toNanos());
        vertx.setTimer(Math.max(1, delayed.delay().toMillis()), t -> {
            delayedPending--;
            if (!finished) {
                sendEvents(i, bid, Tier.COLD);
            }
        });
    }

    /** @param expected the tier the tracker should find the bid in when these events arrive */
    private void sendEvents(long i, BidResponses.Won bid, Tier expected) {
        long seed = config.seed();
        if (Seeds.unit(seed, Seeds.WIN_STREAM, i) >= config.winRate()) {
            return;
        }
        String id = URLEncoder.encode(bid.bidId(), StandardCharsets.UTF_8);
        sendEvent(stats.wins(), EventType.WIN, bid, expected, config.eventUrlPrefix("win") + id + "&price=" + bid.price());
        if (Seeds.unit(seed, Seeds.IMPRESSION_STREAM, i) >= config.impressionRate()) {
            return;
        }
        sendEvent(stats.impressions(), EventType.IMPRESSION, bid, expected, config.eventUrlPrefix("imp") + id);
        if (Seeds.unit(seed, Seeds.CLICK_STREAM, i) >= config.clickRate()) {
            return;
        }
        sendEvent(stats.clicks(), EventType.CLICK, bid, expected,
                config.eventUrlPrefix("click") + id + "&c=" + URLEncoder.encode(bid.campaignId(), StandardCharsets.UTF_8));
        if (Seeds.unit(seed, Seeds.INSTALL_STREAM, i) < config.installRate()) {
            sendEvent(stats.installs(), EventType.INSTALL, bid, expected, config.eventUrlPrefix("install") + id);
        }
    }

    /** After answered bid {@code i}, by the seed, an impression for the next old bid, which must be found cold. */
    private void maybeSendColdImpression(long i) {
        if (cold == null || oldBidsUsed >= cold.bids().count()
                || Seeds.unit(config.seed(), Seeds.COLD_STREAM, i) >= cold.perAnsweredBid()) {
            return;
        }
        BidRecord old = cold.bids().bid(oldBidsUsed++);
        BidResponses.Won bid = new BidResponses.Won(old.getId(), old.getCampaignId(), old.getPriceCpm());
        sendEvent(stats.impressions(), EventType.IMPRESSION, bid, Tier.COLD,
                config.eventUrlPrefix("imp") + URLEncoder.encode(old.getId(), StandardCharsets.UTF_8));
    }

    private void sendEvent(EndpointStats endpoint, EventType type, BidResponses.Won bid, Tier expected, String url) {
        long sentNanos = System.nanoTime();
        endpoint.sent();
        if (ledger != null) {
            ledger.sent(bid.bidId(), type, bid.campaignId(), expected);
        }
        client.getAbs(url)
                .timeout(timeoutMs)
                .send()
                .onComplete(ar -> onEvent(endpoint, type, bid.bidId(), sentNanos, ar));
    }

    /** A 2xx, or the click's 302 to the landing page, is an answer. */
    private void onEvent(EndpointStats endpoint, EventType type, String bidId, long sentNanos, AsyncResult<HttpResponse<Buffer>> ar) {
        if (finished) {
            return; // counted as unfinished; the ledger keeps it pending
        }
        if (ar.failed()) {
            failed(endpoint, ar.cause());
            record(bidId, type, Outcome.FAILED);
        } else if (ar.result().statusCode() / 100 == 2 || ar.result().statusCode() == 302) {
            endpoint.answered(System.nanoTime() - sentNanos);
            record(bidId, type, Outcome.ANSWERED);
        } else {
            endpoint.error(ErrorKinds.ofStatus(ar.result().statusCode()));
            record(bidId, type, Outcome.REFUSED);
        }
    }

    private void record(String bidId, EventType type, Outcome outcome) {
        if (ledger != null) {
            ledger.outcome(bidId, type, outcome);
        }
    }

    /** Counts a failed request; the first failure of each kind is logged with its cause. */
    private void failed(EndpointStats endpoint, Throwable cause) {
        String kind = ErrorKinds.of(cause);
        if (!endpoint.seenError(kind)) {
            LOG.warn("{} request failed ({}): {}", endpoint.name(), kind, String.valueOf(cause));
        }
        endpoint.error(kind);
    }

    private void drainCheck() {
        if (finished) {
            return;
        }
        long now = System.nanoTime();
        long deadline = Math.max(drainDeadlineNanos, lastDelayedDueNanos + config.timeout().toNanos());
        if (stats.inFlight() == 0 && delayedPending == 0 || now - deadline >= 0) {
            finish(now);
        }
    }

    private void finish(long now) {
        finished = true;
        vertx.cancelTimer(drainTimer);
        vertx.cancelTimer(progressTimer);
        stats.bids().abandonInFlight(ErrorKinds.UNFINISHED);
        stats.events().forEach(e -> e.abandonInFlight(ErrorKinds.UNFINISHED));
        stats.ended(now);
        client.close();
        result.complete(stats);
    }

    private void printProgress() {
        double elapsed = (System.nanoTime() - scheduler.startNanos()) / 1e9;
        progress.println(SummaryPrinter.progressLine(stats, elapsed));
        progress.flush();
    }
}
