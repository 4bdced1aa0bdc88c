package io.bidtrack.loadgen.backfill;

import com.fasterxml.uuid.UUIDType;
import com.fasterxml.uuid.impl.UUIDUtil;
import io.bidtrack.bidder.openrtb.BidResponses;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.loadgen.Seeds;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The historical bids of a backfill: {@code hours} one-hour windows ending at {@code end}, each
 * holding {@code bidsPerHour} bids in time order, oldest window first. Bid {@code n} is a function
 * of the seed and {@code n} alone (and of the other parameters), so the same plan yields the same
 * bids again, in any order: the load generator can rebuild any backfilled bid to send events for it.
 * <p>
 * Window {@code h} covers {@code [end - (hours - h) h, end - (hours - h - 1) h)}; its bid {@code i}
 * lies in the {@code i}-th of {@code bidsPerHour} equal slices of it, at a random point of that
 * slice, so the bids of a window are spread over all of it and come in time order. Every bid is
 * older than {@code end}. Each bid is built by the bidder's own {@link BidResponses#record} from a
 * request that its campaign, drawn uniformly from {@code campaigns}, could have won.
 */
public final class BackfillPlan {
    public static final long HOUR_MS = Duration.ofHours(1).toMillis();
    /** A year of hours: more is a typo, and would outlive any attribution window. */
    public static final int MAX_HOURS = 366 * 24;
    /** Keeps {@code i * HOUR_MS} far from overflow, and a run within reason. */
    public static final long MAX_BIDS_PER_HOUR = 100_000_000L;

    private final long seed;
    private final int hours;
    private final long bidsPerHour;
    private final Instant end;
    private final long firstHourStartMs;
    private final List<CampaignTraffic> campaigns;

    /**
     * @param campaigns the campaigns that bid; their order does not matter (they are sorted by id,
     *                  so the same campaigns read in another order give the same plan)
     * @throws IllegalArgumentException naming the parameter that is out of range
     */
    public BackfillPlan(long seed, int hours, long bidsPerHour, Instant end, List<Campaign> campaigns) {
        checkSize(hours, bidsPerHour);
        if (end == null) {
            throw new IllegalArgumentException("--end must be set");
        }
        if (campaigns == null || campaigns.isEmpty()) {
            throw new IllegalArgumentException("a backfill needs at least one campaign");
        }
        this.seed = seed;
        this.hours = hours;
        this.bidsPerHour = bidsPerHour;
        this.end = end;
        this.firstHourStartMs = end.toEpochMilli() - hours * HOUR_MS;
        this.campaigns = campaigns.stream().sorted(Comparator.comparing(Campaign::id)).map(CampaignTraffic::new).toList();
    }

    /** @throws IllegalArgumentException naming the option when hours or bids per hour are out of range */
    public static void checkSize(int hours, long bidsPerHour) {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("--hours must be between 1 and " + MAX_HOURS + ", got " + hours);
        }
        if (bidsPerHour < 1 || bidsPerHour > MAX_BIDS_PER_HOUR) {
            throw new IllegalArgumentException("--bids-per-hour must be between 1 and " + MAX_BIDS_PER_HOUR
                    + ", got " + bidsPerHour);
        }
    }

    public long seed() {
        return seed;
    }

    public int hours() {
        return hours;
    }

    public long bidsPerHour() {
        return bidsPerHour;
    }

    /** Every bid is older than this. */
    public Instant end() {
        return end;
    }

    /** The start of the oldest window: no bid is older. */
    public Instant start() {
        return Instant.ofEpochMilli(firstHourStartMs);
    }

    public long totalBids() {
        return hours * bidsPerHour;
    }

    /** The campaigns that bid, sorted by id. */
    public List<Campaign> campaigns() {
        return campaigns.stream().map(CampaignTraffic::campaign).toList();
    }

    /** The window bid {@code n} belongs to, 0 (oldest) to {@code hours - 1}. */
    public int hourOf(long n) {
        return (int) (n / bidsPerHour);
    }

    /** Where window {@code hour} starts, epoch milliseconds (it ends an hour later, exclusive). */
    public long hourStartMillis(int hour) {
        return firstHourStartMs + hour * HOUR_MS;
    }

    /**
     * Bid {@code n}, {@code 0 <= n < totalBids()}: bids come oldest first, so producing them in
     * order produces them in time order, as the bidder would have.
     */
    public BidRecord bid(long n) {
        if (n < 0 || n >= totalBids()) {
            throw new IndexOutOfBoundsException("bid " + n + " of a plan of " + totalBids());
        }
        SplittableRandom r = new SplittableRandom(Seeds.of(seed, Seeds.BACKFILL_STREAM, n));
        long createdAtMs = timeOf(n, r);
        UUID id = uuidV7(createdAtMs, r.nextLong(), r.nextLong());
        CampaignTraffic campaign = campaigns.get(r.nextInt(campaigns.size()));
        CampaignTraffic.Drawn drawn = campaign.draw(r, createdAtMs);
        return BidResponses.record(id.toString(), createdAtMs, drawn.request(), drawn.selection());
    }

    /** Bid {@code n}'s time: a random point of its slice of its window (the first draw of its random). */
    private long timeOf(long n, SplittableRandom r) {
        int hour = hourOf(n);
        long i = n - hour * bidsPerHour;
        // (i * HOUR + jitter) / N with jitter < HOUR stays below HOUR and grows with i: in the
        // window, in order, and spread over the whole hour at any rate.
        long offset = (i * HOUR_MS + r.nextLong(HOUR_MS)) / bidsPerHour;
        return hourStartMillis(hour) + offset;
    }

    /**
     * A UUIDv7 (RFC 9562) with the given time and random bits; the library sets version and variant.
     * Not {@code BidId.mintAt}: its random bits come from a secure random, and a plan must be repeatable.
     */
    static UUID uuidV7(long epochMillis, long randA, long randB) {
        return UUIDUtil.constructUUID(UUIDType.TIME_BASED_EPOCH, (epochMillis << 16) | (randA & 0xFFFL), randB);
    }
}
