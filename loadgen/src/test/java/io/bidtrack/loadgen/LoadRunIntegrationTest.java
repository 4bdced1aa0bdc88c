package io.bidtrack.loadgen;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the real LoadRun against a real (fake) bidder and tracker over HTTP. */
class LoadRunIntegrationTest {
    private FakeStack stack;
    private Vertx vertx;

    @BeforeEach
    void start() throws Exception {
        stack = new FakeStack();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        stack.close();
    }

    /**
     * The chain after a bid: a win notice for --win-rate of the answered bids, an impression for
     * --impression-rate of the wins, a click for --click-rate of those, an install for --install-rate
     * of the clicks; each received by the tracker exactly as often as the run counts it sent.
     */
    @Test
    void winsImpressionsClicksAndInstallsFollowTheirRates() throws Exception {
        LoadConfig config = new LoadConfig(stack.bidderUrl(), stack.trackerUrl(), 300, Duration.ofSeconds(2), 0.8, 8, 11,
                Duration.ofSeconds(3), RateProfile.STEADY, "custom", 0.5, 0.5, 0.5);
        LoadStats stats = new LoadRun(vertx, config, null).run().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        long answered = stats.bids().answeredCount();
        assertEquals(stack.wins.get(), stats.wins().answeredCount());
        assertEquals(stack.impressions.get(), stats.impressions().answeredCount());
        assertEquals(stack.clicks.get(), stats.clicks().answeredCount(), "a click's 302 is its answer");
        assertEquals(stack.installs.get(), stats.installs().answeredCount());
        assertEquals(0, stack.unknownEvents.get(), "every event names an issued bid, clicks its campaign, wins its price");
        for (EndpointStats e : stats.events()) {
            assertEquals(e.sentCount(), e.answeredCount(), e.name() + " all answered");
        }
        // Each step keeps about its rate of the one before (seeded draws over ~400 answered bids).
        assertEquals(0.5, (double) stats.wins().sentCount() / answered, 0.1);
        assertEquals(0.8, (double) stats.impressions().sentCount() / stats.wins().sentCount(), 0.1);
        assertEquals(0.5, (double) stats.clicks().sentCount() / stats.impressions().sentCount(), 0.15);
        assertTrue(stats.installs().sentCount() > 0 && stats.installs().sentCount() < stats.clicks().sentCount());
    }

    /** The compressed profile: a share of the bids get their events only after the delay, and the run waits for them. */
    @Test
    void delayedEventsAreSentAfterTheirDelayAndTheRunWaitsForThem() throws Exception {
        LoadConfig config = new LoadConfig(stack.bidderUrl(), stack.trackerUrl(), 100, Duration.ofSeconds(1), 1, 8, 5,
                Duration.ofSeconds(3), RateProfile.STEADY, "custom", 1, 0, 0);
        long start = System.nanoTime();
        LoadStats stats = new LoadRun(vertx, config, null, null, null, new LoadRun.DelayedPart(0.5, Duration.ofMillis(1500)))
                .run().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long answered = stats.bids().answeredCount();
        assertEquals(answered, stats.wins().sentCount(), "every answered bid gets its win notice, now or later");
        assertEquals(stack.wins.get(), stats.wins().answeredCount(), "the delayed ones too reached the tracker");
        assertEquals(stack.impressions.get(), stats.impressions().answeredCount());
        assertTrue(seconds >= 2.4, "the run waited for events due 1.5 s after bids of its last second: " + seconds);
        long lastSecond = stats.timeline().seconds().size() - 1;
        assertTrue(lastSecond >= 2, "events were still sent in second " + lastSecond);
    }

    /**
     * The scheduler's timing on a running event loop, and the open loop under a stall: the bidder
     * holds back its answers to requests 50..89 for a second. Every request still reaches it no
     * earlier than its due time (start + i / rate); the ones after request 50 leave on schedule,
     * not once the held answers come back; and each held request's latency, counted from its
     * intended send time, includes the whole stall.
     */
    @Test
    void requestsLeaveOnScheduleWhateverTheAnswersDo() throws Exception {
        long holdMillis = 1000;
        stack.heldBids = i -> i >= 50 && i < 90;
        stack.holdMillis = holdMillis;
        long seed = 3;
        LoadConfig config = new LoadConfig(stack.bidderUrl(), stack.trackerUrl(), 100, Duration.ofSeconds(2), 0, 64, seed,
                Duration.ofSeconds(5));
        LoadStats stats = new LoadRun(vertx, config, null).run().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertEquals(200, stack.bidArrivalNanos.size(), "every request reached the bidder");
        for (long i = 0; i < 200; i++) {
            long due = stats.startNanos() + i * 10_000_000L;
            assertTrue(stack.bidArrivalNanos.get(i) >= due, "request " + i + " left before its due time");
        }
        long firstHeldAnswer = stack.bidArrivalNanos.get(50L) + holdMillis * 1_000_000L;
        long sentDuringStall = LongStream.range(51, 90).filter(i -> stack.bidArrivalNanos.get(i) < firstHeldAnswer).count();
        assertEquals(39, sentDuringStall, "requests due during the stall (the last at 0.89 s) did not wait for the held answers");

        // The held requests answered with a bid or a no-bid (the fake answers 1 in 10 with a 500, by the
        // request id) each recorded at least the stall: latency runs from the intended send time.
        BidRequestFactory requests = new BidRequestFactory(seed);
        long heldWithLatency = LongStream.range(50, 90)
                .filter(i -> Math.floorMod(new JsonObject(requests.body(i)).getString("id").hashCode(), 10) != 0).count();
        var micros = stats.bids().latency().histogram();
        long recordedOverStall = micros.getCountBetweenValues(holdMillis * 1000, Math.max(holdMillis * 1000, micros.getMaxValue()));
        assertTrue(heldWithLatency > 30);
        assertTrue(recordedOverStall >= heldWithLatency,
                recordedOverStall + " latencies of 1 s or more, for " + heldWithLatency + " held requests");
        assertEquals(200, stats.bids().sentCount());
        assertEquals(0, stats.inFlight());
    }

    /**
     * The generator itself stalls, as in a long GC pause: 1 s into the run its event loop is blocked
     * for half a second. The requests due meanwhile leave as soon as it runs again (none dropped, none
     * moved later in the schedule), the ones due after it still not before their time, and each late
     * request's latency counts its wait for the generator, because it is measured from the intended
     * send time (a generator timing from the actual send would hide the stall: coordinated omission).
     */
    @Test
    void aStalledGeneratorCatchesUpAndCountsTheStallInLatency() throws Exception {
        long seed = 4;
        LoadConfig config = new LoadConfig(stack.bidderUrl(), stack.trackerUrl(), 100, Duration.ofSeconds(2), 0, 64, seed,
                Duration.ofSeconds(5));
        long[] stall = new long[2];
        CompletableFuture<LoadStats> done = new CompletableFuture<>();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            // On this context the run's timers and this one share one event loop thread.
            new LoadRun(vertx, config, null).run().onComplete(ar -> done.complete(ar.result()));
            vertx.setTimer(1000, t -> {
                stall[0] = System.nanoTime();
                sleep(500);
                stall[1] = System.nanoTime();
            });
        });
        LoadStats stats = done.get(30, TimeUnit.SECONDS);
        assertTrue(stall[1] > stall[0], "the stall ran");

        assertEquals(200, stack.bidArrivalNanos.size(), "every request was sent, those due in the stall too");
        OpenLoopScheduler schedule = new OpenLoopScheduler(100, stats.startNanos(), 200);
        BidRequestFactory requests = new BidRequestFactory(seed);
        long stalledOver250ms = 0;
        for (long i = 0; i < 200; i++) {
            long due = schedule.dueNanos(i);
            long arrival = stack.bidArrivalNanos.get(i);
            assertTrue(arrival >= due, "request " + i + " left before its due time");
            if (due >= stall[0] && due < stall[1]) {
                assertTrue(arrival >= stall[1], "request " + i + " could not leave during the stall");
                boolean answered500 = Math.floorMod(new JsonObject(requests.body(i)).getString("id").hashCode(), 10) == 0;
                if (stall[1] - due >= 250_000_000L && !answered500) {
                    stalledOver250ms++;
                }
            }
        }
        var micros = stats.bids().latency().histogram();
        long recordedOver250ms = micros.getCountBetweenValues(250_000, Math.max(250_000, micros.getMaxValue()));
        assertTrue(stalledOver250ms >= 15, "requests due at least 250 ms before the stall's end: " + stalledOver250ms);
        assertTrue(recordedOver250ms >= stalledOver250ms,
                recordedOver250ms + " latencies of 250 ms or more, for " + stalledOver250ms + " requests that waited that long for the generator");
        assertTrue(stats.maxSendLagMillis() >= 250, "the generator's own lag is reported: " + stats.maxSendLagMillis());
        assertEquals(0, stats.inFlight());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void countsAddUpAt200PerSecondFor2Seconds() throws Exception {
        LoadConfig config = new LoadConfig(stack.bidderUrl(), stack.trackerUrl(), 200, Duration.ofSeconds(2),
                0.9, 8, 7, Duration.ofSeconds(3));
        StringWriter progress = new StringWriter();
        LoadStats stats = new LoadRun(vertx, config, new PrintWriter(progress, true)).run()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        EndpointStats bid = stats.bids();
        EndpointStats imp = stats.impressions();

        // every scheduled bid went out and reached the server, as valid OpenRTB
        assertEquals(400, config.totalBids());
        assertEquals(400, bid.sentCount());
        assertEquals(400, stack.bidRequests.get());
        assertEquals(0, stack.invalidBidRequests.get());

        // each bid ended as exactly one outcome, matching what the server did
        assertEquals(bid.sentCount(), bid.answeredCount() + bid.noBidCount() + bid.errorCount());
        assertEquals(stack.bids.get(), bid.answeredCount());
        assertEquals(stack.noBids.get(), bid.noBidCount());
        assertEquals(stack.serverErrors.get(), bid.errorCount());
        assertEquals(Map.of("http-500", stack.serverErrors.get()), bid.errorsByKind());
        assertTrue(bid.answeredCount() > 0 && bid.noBidCount() > 0 && bid.errorCount() > 0,
                "the fake bidder mixes bids, no-bids and errors: " + bid.answeredCount() + "/" + bid.noBidCount() + "/" + bid.errorCount());
        assertEquals(0, stats.bidsWithoutId());

        // impressions: what we report is what the tracker received, for ids the bidder issued
        assertEquals(stack.impressions.get(), imp.sentCount());
        assertEquals(imp.sentCount(), imp.answeredCount());
        assertEquals(0, imp.errorCount());
        assertEquals(0, stack.unknownImpressions.get());
        assertEquals(imp.sentCount(), stack.trackedBidIds.size(), "one impression per tracked bid");
        assertTrue(imp.sentCount() <= bid.answeredCount());
        assertTrue(imp.sentCount() >= 0.75 * bid.answeredCount(),
                "about 90% of won bids get an impression: " + imp.sentCount() + " of " + bid.answeredCount());

        // one latency value per answered request
        assertEquals(bid.answeredCount() + bid.noBidCount(), bid.latency().count());
        assertEquals(imp.answeredCount(), imp.latency().count());
        assertTrue(bid.latency().percentileMillis(50) <= bid.latency().percentileMillis(99));
        assertTrue(bid.latency().percentileMillis(99) <= bid.latency().maxMillis());
        assertEquals(0, stats.inFlight());

        assertTrue(progress.toString().lines().anyMatch(l -> l.startsWith("[") && l.contains("bid p99")),
                "a progress line each second: " + progress);
        String summary = SummaryPrinter.summary(config, stats);
        assertTrue(summary.contains("p99.9 ms") && summary.contains("bid http-500=" + stack.serverErrors.get()), summary);
    }

    @Test
    void sameSeedSendsTheSameImpressionShare() throws Exception {
        long[] impressions = new long[2];
        for (int run = 0; run < 2; run++) {
            LoadConfig config = new LoadConfig(stack.bidderUrl(), stack.trackerUrl(), 100, Duration.ofSeconds(1),
                    0.5, 4, 99, Duration.ofSeconds(3));
            LoadStats stats = new LoadRun(vertx, config, null).run()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            impressions[run] = stats.impressions().sentCount();
        }
        assertEquals(impressions[0], impressions[1], "request contents and impression choices follow the seed");
        assertTrue(impressions[0] > 0);
    }
}
