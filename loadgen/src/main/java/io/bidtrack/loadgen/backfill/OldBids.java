package io.bidtrack.loadgen.backfill;

import io.bidtrack.common.proto.BidRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The old bids a load run sends its cold events for: backfilled by the run itself (the same code
 * as {@code ./bidtrack backfill}), with bid times spread over the hours before {@code end}, then
 * waited for until the tracker finds them in the cold tier. A run's own bids stay hot for the hot
 * window, so only bids made in the past can show the cold path within a few minutes.
 */
public final class OldBids {
    private static final Duration POLL_EVERY = Duration.ofSeconds(2);
    private final BackfillPlan plan;

    private OldBids(BackfillPlan plan) {
        this.plan = plan;
    }

    /**
     * Produces {@code count} old bids (at least one per hour) of the hot store's campaigns over the
     * {@code hours} before {@code end} to Kafka.
     *
     * @throws BackfillFailure when the campaigns or Kafka cannot be reached
     */
    public static OldBids backfill(long seed, int hours, long count, Instant end, String redisUrl, String kafka, PrintWriter progress) {
        long perHour = Math.max(1, Math.ceilDiv(count, hours));
        BackfillPlan plan = new BackfillPlan(seed, hours, perHour, end, BackfillCampaigns.fromHotStore(redisUrl));
        progress.printf(Locale.ROOT, "cold part: backfilling %,d old bids (%d hours before %s) to %s...%n", plan.totalBids(), hours, end,
                kafka);
        progress.flush();
        new BackfillRun(plan, kafka, "lz4", progress).run();
        return new OldBids(plan);
    }

    public long count() {
        return plan.totalBids();
    }

    /** Old bid {@code n}, {@code 0 <= n < count()}. */
    public BidRecord bid(long n) {
        return plan.bid(n);
    }

    /**
     * Waits until the tracker answers {@code GET /bids/{id}} with the tier COLD for the oldest and
     * the newest bid: the sink has written and registered them (up to its rotation plus registration).
     *
     * @throws IllegalStateException when that takes longer than {@code timeout}
     */
    public void awaitCold(String trackerUrl, Duration timeout, PrintWriter progress) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        for (String id : new String[] {bid(0).getId(), bid(count() - 1).getId()}) {
            while (!isCold(http, trackerUrl, id)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the cold tier did not serve backfilled bid " + id + " within " + timeout
                            + " (is the cold-store sink running? GET " + trackerUrl + "/bids/" + id + ")");
                }
                progress.printf(Locale.ROOT, "cold part: waiting for the sink to make the old bids queryable (%d s)%n",
                        Duration.ofNanos(System.nanoTime() - start).toSeconds());
                progress.flush();
                Thread.sleep(POLL_EVERY.toMillis());
            }
        }
    }

    private static boolean isCold(HttpClient http, String trackerUrl, String id) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(trackerUrl + "/bids/" + id))
                    .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"COLD\"");
        } catch (IOException e) {
            return false; // the tracker is restarting or busy: ask again
        }
    }
}
