package io.bidtrack.loadgen;

import io.bidtrack.loadgen.backfill.BackfillFailure;
import io.bidtrack.loadgen.backfill.BackfillPlan;
import io.bidtrack.loadgen.backfill.OldBids;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The events of a run that must be attributed COLD, as {@code --delay-profile} says: impressions of
 * old bids backfilled before the run ({@link DelayProfile#realistic}), or the run's own bids' events
 * held back past the hot TTL ({@link DelayProfile#compressed}). Checked on construction; an
 * {@link IllegalArgumentException} names the option at fault.
 *
 * @param share     {@code --cold-share}: the share of the events that are cold, 0..0.9
 * @param hours     {@code --cold-hours}: the old bids' times are spread over this many hours
 * @param hotWindow {@code --hot-window} and {@code hotMargin} {@code --hot-margin}: the stack's hot TTL is their sum
 * @param coldWait  {@code --cold-wait}: how long to wait for the sink to make the old bids queryable
 */
record ColdEvents(DelayProfile profile, double share, int hours, Duration hotWindow, Duration hotMargin, Duration coldWait,
                  String redis, String kafka) {
    /** Beyond the hot TTL, for a delayed event or an old bid: clock and timer slack. */
    private static final Duration SLACK = Duration.ofSeconds(15);

    ColdEvents {
        if (!(share >= 0 && share <= 0.9)) {
            throw new IllegalArgumentException("--cold-share must be between 0 and 0.9, got " + share);
        }
        if (hours < 1 || hours > BackfillPlan.MAX_HOURS) {
            throw new IllegalArgumentException("--cold-hours must be between 1 and " + BackfillPlan.MAX_HOURS + ", got " + hours);
        }
        if (coldWait.isNegative() || coldWait.isZero()) {
            throw new IllegalArgumentException("--cold-wait must be > 0, got " + coldWait);
        }
        if (hotWindow.isNegative() || hotMargin.isNegative()) {
            throw new IllegalArgumentException("--hot-window and --hot-margin must not be negative");
        }
    }

    private Duration hotTtl() {
        return hotWindow.plus(hotMargin);
    }

    /**
     * For the realistic profile: old bids backfilled for the cold share of the events, and how many
     * cold impressions to send per answered bid so that they are that share of all. Blocks until the
     * cold tier serves them (up to {@link #coldWait}). Null for the other profiles.
     *
     * @throws IllegalArgumentException when the share cannot be reached with the run's event rates,
     *                                  or the hot store or Kafka cannot be reached
     */
    LoadRun.ColdPart oldBids(LoadConfig config, PrintWriter progress) throws InterruptedException {
        if (profile != DelayProfile.realistic || share == 0) {
            return null;
        }
        double hotEventsPerBid = config.winRate() * (1 + config.impressionRate() * (1 + config.clickRate() * (1 + config.installRate())));
        double perAnsweredBid = share / (1 - share) * hotEventsPerBid;
        if (perAnsweredBid > 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--cold-share %s would take %.2f cold events per answered"
                    + " bid with these event rates; at most 1: lower it", share, perAnsweredBid));
        }
        long needed = (long) Math.ceil(config.totalBids() * perAnsweredBid * 1.2) + 10;
        // Older than the hot TTL, so that the tracker looks them up cold.
        Instant end = Instant.now().minus(hotTtl()).minus(SLACK);
        OldBids old;
        try {
            old = OldBids.backfill(config.seed() ^ end.toEpochMilli(), hours, needed, end, redis, kafka, progress);
        } catch (BackfillFailure | IllegalArgumentException e) {
            throw new IllegalArgumentException("--delay-profile realistic needs the hot store's campaigns (--redis " + redis
                    + ") and Kafka (--kafka " + kafka + ") to backfill old bids: " + e.getMessage(), e);
        }
        old.awaitCold(config.trackerUrl(), coldWait, progress);
        return new LoadRun.ColdPart(old, perAnsweredBid);
    }

    /** For the compressed profile: which of the run's own bids wait, and how long; null for the other profiles. */
    LoadRun.DelayedPart delayedBids() {
        if (profile != DelayProfile.compressed || share == 0) {
            return null;
        }
        return new LoadRun.DelayedPart(share, hotTtl().plus(SLACK));
    }
}
