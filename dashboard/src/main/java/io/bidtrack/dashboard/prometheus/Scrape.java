package io.bidtrack.dashboard.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The samples of one scrape of a {@code /metrics} endpoint, and the few questions the dashboard asks of them. */
public final class Scrape {
    private final List<Sample> samples;

    public Scrape(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /**
     * The sum of the series named {@code name} whose labels include {@code labels}: a counter over
     * every value of the labels not given ({@code bidtrack_tracking_events_total} with
     * {@code tier=HOT} sums every event type). NaN when no series matches, so that "not reported"
     * is not mistaken for 0.
     */
    public double sum(String name, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && s.matches(labels)) {
                sum += s.value();
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /** As {@link #sum(String, Map)} over every series of that name. */
    public double sum(String name) {
        return sum(name, Map.of());
    }

    /**
     * The histogram {@code name} ({@code name_bucket}, {@code name_count}, {@code name_sum}) over the
     * series whose labels include {@code labels}, buckets of the same bound added up; null when the
     * scrape has no bucket of it.
     */
    public Histogram histogram(String name, Map<String, String> labels) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name + "_bucket") && s.matches(labels) && s.labels().containsKey("le")) {
                buckets.merge(PrometheusText.value(s.labels().get("le")), s.value(), Double::sum);
            }
        }
        if (buckets.isEmpty()) {
            return null;
        }
        List<Histogram.Bucket> list = new ArrayList<>();
        buckets.forEach((le, count) -> list.add(new Histogram.Bucket(le, count)));
        double count = sum(name + "_count", labels);
        double total = sum(name + "_sum", labels);
        return new Histogram(list, Double.isNaN(count) ? list.getLast().cumulativeCount() : count, total);
    }
}
