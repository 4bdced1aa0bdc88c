package io.bidtrack.dashboard.prometheus;

import java.util.ArrayList;
import java.util.List;

/**
 * A Prometheus histogram as scraped: cumulative buckets by upper bound ({@code le}), the count
 * and the sum of the observations. The difference of two scrapes ({@link #minus}) is the histogram
 * of what was observed between them, whose quantiles ({@link #quantile}) are the recent ones.
 *
 * @param buckets by increasing upper bound, the last normally +Inf
 * @param count   observations
 * @param sum     their sum (NaN when not scraped)
 */
public record Histogram(List<Bucket> buckets, double count, double sum) {
    /** Observations at or below {@code upperBound}. */
    public record Bucket(double upperBound, double cumulativeCount) {
    }

    public Histogram {
        buckets = List.copyOf(buckets);
    }

    /**
     * What was observed since {@code older}, a scrape of the same histogram. A bucket that went down
     * means the service restarted in between: everything it counts now is new, as Prometheus' own
     * rate() assumes.
     */
    public Histogram minus(Histogram older) {
        if (older == null || count < older.count || older.buckets.size() != buckets.size()) {
            return this;
        }
        List<Bucket> diff = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Bucket now = buckets.get(i);
            Bucket then = older.buckets.get(i);
            if (now.upperBound() != then.upperBound() || now.cumulativeCount() < then.cumulativeCount()) {
                return this;
            }
            diff.add(new Bucket(now.upperBound(), now.cumulativeCount() - then.cumulativeCount()));
        }
        return new Histogram(diff, count - older.count, sum - older.sum);
    }

    /**
     * The {@code q}-quantile (0 to 1) as Prometheus' histogram_quantile() estimates it: the bucket
     * holding the q-th observation, interpolated linearly between its bounds (the first bucket's
     * lower bound is 0); the highest finite bound when it falls in the +Inf bucket. NaN when there
     * is no observation.
     */
    public double quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("a quantile is between 0 and 1, got " + q);
        }
        double total = buckets.isEmpty() ? 0 : buckets.getLast().cumulativeCount();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double below = 0;
        for (Bucket b : buckets) {
            if (b.cumulativeCount() >= rank && b.cumulativeCount() > below) {
                if (Double.isInfinite(b.upperBound())) {
                    return lowerBound;
                }
                return lowerBound + (b.upperBound() - lowerBound) * (rank - below) / (b.cumulativeCount() - below);
            }
            lowerBound = b.upperBound();
            below = b.cumulativeCount();
        }
        return lowerBound;
    }

    /** The mean observation, NaN when there is none or no sum. */
    public double mean() {
        return count > 0 ? sum / count : Double.NaN;
    }
}
