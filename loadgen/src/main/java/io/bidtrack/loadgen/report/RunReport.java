package io.bidtrack.loadgen.report;

import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the report folder shows about one load run. Maps keep the order they are given in
 * (that is the order of the page's tables and the plots' legends). The histograms are not copied:
 * stop recording into them before writing the report.
 *
 * @param scenario        the scenario's name (e.g. "smoke"); also the end of the folder's name
 * @param start           when the run started
 * @param end             when the run ended
 * @param settings        the run's options, option → value, as shown on the page
 * @param timeline        one sample per second of the run
 * @param endpointLatency latency per endpoint ("bid", "imp", "click", "install", "win"), in microseconds
 * @param tierLatency     attribution latency per tier ("HOT", "COLD"), in microseconds
 * @param tierMix         events seen per tier: "HOT", "COLD", "UNMATCHED"
 * @param summary         the end-of-run accounting
 */
public record RunReport(String scenario, Instant start, Instant end, Map<String, String> settings,
                        List<SecondSample> timeline, Map<String, Histogram> endpointLatency,
                        Map<String, Histogram> tierLatency, Map<String, Long> tierMix, Summary summary) {

    public RunReport {
        Objects.requireNonNull(scenario, "scenario");
        if (scenario.isBlank()) {
            throw new IllegalArgumentException("the scenario's name is blank");
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("the run ends (" + end + ") before it starts (" + start + ")");
        }
        settings = ordered(settings, "settings");
        timeline = List.copyOf(Objects.requireNonNull(timeline, "timeline"));
        endpointLatency = ordered(endpointLatency, "endpointLatency");
        tierLatency = ordered(tierLatency, "tierLatency");
        tierMix = ordered(tierMix, "tierMix");
        Objects.requireNonNull(summary, "summary");
    }

    /** An unmodifiable copy that keeps the caller's order (Map.copyOf would not) and rejects nulls. */
    private static <V> Map<String, V> ordered(Map<String, V> map, String name) {
        Objects.requireNonNull(map, name);
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, name + " key"),
                Objects.requireNonNull(v, name + " value of " + k)));
        return Collections.unmodifiableMap(copy);
    }
}
