package io.bidtrack.dashboard.prometheus;

import java.util.Map;

/**
 * One line of a scrape: {@code bidtrack_tracking_events_total{tier="HOT",type="IMPRESSION"} 12.0}.
 *
 * @param name   the series' name, with its suffix ({@code _total}, {@code _bucket}, {@code _sum}, ...)
 * @param labels its labels, in the order given
 * @param value  its value (NaN and the infinities included)
 */
public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
        labels = Map.copyOf(labels);
    }

    /** Whether every given label has the given value here (labels not given may have any value). */
    public boolean matches(Map<String, String> wanted) {
        for (Map.Entry<String, String> label : wanted.entrySet()) {
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
