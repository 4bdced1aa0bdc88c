package io.bidtrack.loadgen.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/** Reads latency histograms (recorded in microseconds) as milliseconds at named percentiles. */
final class Percentiles {
    /** A percentile level (0..100) and its name in files and tables; 100 is named "max". */
    record Level(String name, double percent) {
    }

    /** The levels of summary.json and the page's tables. */
    static final List<Level> SUMMARY = List.of(level(50), level(90), level(99), level(99.9), level(100));

    /** The levels of latency.csv and latency.json: the summary's and a few more in the tail. */
    static final List<Level> RAW = List.of(level(50), level(75), level(90), level(95), level(99), level(99.5),
            level(99.9), level(99.99), level(100));

    /** A point of a percentile curve: {@code percent} of the values are at most {@code millis}. */
    record Point(double percent, double millis) {
    }

    private Percentiles() {
    }

    private static Level level(double percent) {
        if (percent == 100) {
            return new Level("max", 100);
        }
        String digits = percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
        return new Level("p" + digits, percent);
    }

    /** The value at {@code level} in milliseconds; callers check for an empty histogram first. */
    static double millis(Histogram h, Level level) {
        long micros = level.percent() == 100 ? h.getMaxValue() : h.getValueAtPercentile(level.percent());
        return micros / 1000.0;
    }

    /**
     * The histogram's percentile curve, as HdrHistogram's own percentile output gives it (five
     * steps each time the distance to 100% halves), without the final 100% point, which a
     * percentile axis that grows towards 100% cannot place.
     */
    static List<Point> curve(Histogram h) {
        List<Point> points = new ArrayList<>();
        for (HistogramIterationValue v : h.percentiles(5)) {
            double percent = v.getPercentileLevelIteratedTo();
            if (percent >= 100) {
                break;
            }
            points.add(new Point(percent, v.getValueIteratedTo() / 1000.0));
        }
        return points;
    }
}
