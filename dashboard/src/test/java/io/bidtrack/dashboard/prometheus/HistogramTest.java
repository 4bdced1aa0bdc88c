package io.bidtrack.dashboard.prometheus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistogramTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static Histogram histogram(double sum, double... boundsAndCounts) {
        List<Histogram.Bucket> buckets = new java.util.ArrayList<>();
        for (int i = 0; i < boundsAndCounts.length; i += 2) {
            buckets.add(new Histogram.Bucket(boundsAndCounts[i], boundsAndCounts[i + 1]));
        }
        return new Histogram(buckets, buckets.getLast().cumulativeCount(), sum);
    }

    @Test
    void quantilesInterpolateInsideTheirBucketAsPrometheusDoes() {
        // 10 observations up to 0.1, 30 more up to 0.2, 60 more up to 0.4, none beyond.
        Histogram h = histogram(25, 0.1, 10, 0.2, 40, 0.4, 100, INF, 100);
        assertEquals(0.05, h.quantile(0.05), 1e-12, "the 5th observation: half-way through the first bucket, from 0");
        assertEquals(0.2 + 0.2 * (50 - 40) / 60.0, h.quantile(0.5), 1e-12);
        assertEquals(0.4 - 0.2 / 60.0, h.quantile(0.99), 1e-12);
        assertEquals(0.25, h.mean(), 1e-12);
    }

    @Test
    void aQuantileInTheInfiniteBucketIsTheHighestFiniteBound() {
        Histogram h = histogram(100, 0.1, 1, 1.0, 2, INF, 10);
        assertEquals(1.0, h.quantile(0.99));
    }

    @Test
    void noObservationsGiveNaN() {
        Histogram h = histogram(0, 0.1, 0, INF, 0);
        assertTrue(Double.isNaN(h.quantile(0.5)));
        assertTrue(Double.isNaN(h.mean()));
        assertThrows(IllegalArgumentException.class, () -> h.quantile(1.5));
    }

    @Test
    void theDifferenceOfTwoScrapesIsWhatHappenedBetweenThem() {
        Histogram before = histogram(1, 0.1, 10, 1.0, 10, INF, 10);
        Histogram after = histogram(4, 0.1, 10, 1.0, 14, INF, 14);
        Histogram recent = after.minus(before);
        assertEquals(List.of(new Histogram.Bucket(0.1, 0), new Histogram.Bucket(1.0, 4), new Histogram.Bucket(INF, 4)), recent.buckets());
        assertEquals(4, recent.count());
        assertEquals(0.75, recent.mean(), 1e-12);
        assertTrue(recent.quantile(0.5) > 0.1 && recent.quantile(0.5) < 1.0, "the recent lookups were all slow ones");
    }

    @Test
    void aRestartedServiceCountsFromZero() {
        Histogram before = histogram(10, 0.1, 50, INF, 50);
        Histogram afterRestart = histogram(1, 0.1, 3, INF, 3);
        assertSame(afterRestart, afterRestart.minus(before));
        assertSame(afterRestart, afterRestart.minus(null));
    }
}
