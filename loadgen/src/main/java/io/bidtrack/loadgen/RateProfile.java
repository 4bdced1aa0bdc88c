package io.bidtrack.loadgen;

import io.bidtrack.common.config.Durations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the bid rate changes over a run: multipliers of {@code --rate} at points in time, linear in
 * between, the last one held to the end. {@code 0s:1} is a steady rate; {@code 0s:1,20s:1,30s:3,
 * 50s:3,60s:1} triples it within 10 s after 20 s, holds it for 20 s and comes back.
 *
 * <p>The open-loop scheduler needs, for request {@code i}, the time it is due: the {@code t} at
 * which the number of requests sent so far, the integral of the rate, reaches {@code i}. Between
 * two points the rate is linear, so that integral is quadratic and its inverse has a closed form.
 *
 * @param points at least one, the first at 0 s, in increasing time; multipliers above 0
 */
public record RateProfile(List<Point> points) {
    /** Multipliers above this are a typo rather than a load test. */
    static final double MAX_MULTIPLIER = 1000;
    public static final RateProfile STEADY = new RateProfile(List.of(new Point(0, 1)));

    /** At {@code seconds} into the run, the rate is {@code multiplier} times {@code --rate}. */
    public record Point(double seconds, double multiplier) {
    }

    public RateProfile {
        points = List.copyOf(points);
        if (points.isEmpty() || points.getFirst().seconds() != 0) {
            throw new IllegalArgumentException("--rate-profile must start at 0s, got " + describe(points));
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!(p.multiplier() > 0) || p.multiplier() > MAX_MULTIPLIER) {
                throw new IllegalArgumentException("--rate-profile multipliers must be > 0 and <= " + (int) MAX_MULTIPLIER
                        + ", got " + p.multiplier());
            }
            if (i > 0 && !(p.seconds() > points.get(i - 1).seconds())) {
                throw new IllegalArgumentException("--rate-profile times must increase, got " + describe(points));
            }
        }
    }

    /** Parses {@code "0s:1, 30s:3, 1m:1"}: durations as everywhere in bidtrack, multipliers as decimals. */
    public static RateProfile parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--rate-profile must not be empty");
        }
        List<Point> points = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] timeAndMultiplier = part.trim().split(":");
            if (timeAndMultiplier.length != 2) {
                throw new IllegalArgumentException("--rate-profile takes TIME:MULTIPLIER pairs such as 0s:1,30s:3, got '"
                        + part.trim() + "'");
            }
            try {
                double seconds = Durations.parse(timeAndMultiplier[0].trim()).toNanos() / 1e9;
                points.add(new Point(seconds, Double.parseDouble(timeAndMultiplier[1].trim())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--rate-profile: cannot read '" + part.trim() + "': " + e.getMessage(), e);
            }
        }
        return new RateProfile(points);
    }

    public boolean isSteady() {
        return points.size() == 1 && points.getFirst().multiplier() == 1;
    }

    /** The multiplier of the rate at {@code t} seconds into the run. */
    public double multiplierAt(double t) {
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            if (t < b.seconds()) {
                return a.multiplier() + (b.multiplier() - a.multiplier()) * (t - a.seconds()) / (b.seconds() - a.seconds());
            }
        }
        return points.getLast().multiplier();
    }

    /** Requests due in the first {@code t} seconds at {@code baseRate}: the integral of the rate. */
    public double count(double baseRate, double t) {
        double total = 0;
        for (int i = 0; i < points.size(); i++) {
            Point a = points.get(i);
            if (t <= a.seconds()) {
                break;
            }
            double end = i + 1 < points.size() ? Math.min(t, points.get(i + 1).seconds()) : t;
            double slope = i + 1 < points.size() ? slope(a, points.get(i + 1)) : 0;
            double dt = end - a.seconds();
            total += baseRate * (a.multiplier() * dt + slope * dt * dt / 2);
        }
        return total;
    }

    /** When request {@code i} (0-based) is due, in seconds from the start: where {@link #count} reaches {@code i}. */
    public double secondsUntil(double baseRate, long i) {
        double before = 0;
        for (int k = 0; k < points.size(); k++) {
            Point a = points.get(k);
            boolean last = k + 1 == points.size();
            double segment = last ? Double.POSITIVE_INFINITY : count(baseRate, points.get(k + 1).seconds()) - before;
            double need = i - before;
            if (need <= segment) {
                double slope = last ? 0 : slope(a, points.get(k + 1));
                double m = a.multiplier();
                // baseRate * (m x + slope x^2 / 2) = need, for the x in this segment
                double x = slope == 0 ? need / (baseRate * m)
                        : (-m + Math.sqrt(Math.max(0, m * m + 2 * slope * need / baseRate))) / slope;
                return a.seconds() + x;
            }
            before += segment;
        }
        throw new IllegalStateException("unreachable: the last segment is endless");
    }

    private static double slope(Point a, Point b) {
        return (b.multiplier() - a.multiplier()) / (b.seconds() - a.seconds());
    }

    @Override
    public String toString() {
        return describe(points);
    }

    private static String describe(List<Point> points) {
        List<String> parts = new ArrayList<>();
        for (Point p : points) {
            parts.add(String.format(Locale.ROOT, "%ss:%s", trim(p.seconds()), trim(p.multiplier())));
        }
        return String.join(",", parts);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
