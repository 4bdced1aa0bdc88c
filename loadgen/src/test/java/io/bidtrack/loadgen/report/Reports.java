package io.bidtrack.loadgen.report;

import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synthetic run reports with known figures for the report tests. */
final class Reports {
    static final Instant START = Instant.parse("2026-12-05T14:30:07.500Z");
    static final String SCRIPT = "<script>alert('x')</script>";

    private Reports() {
    }

    /** Histograms in microseconds, as the run records them (one hour max, 3 significant digits). */
    static Histogram histogram(long... micros) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (long v : micros) {
            h.recordValue(v);
        }
        return h;
    }

    /** 1, 2 ... n µs: below 2048 µs a 3-digit histogram is exact, so percentile k is k·n/100 µs. */
    static Histogram oneToN(int n) {
        Histogram h = histogram();
        for (int v = 1; v <= n; v++) {
            h.recordValue(v);
        }
        return h;
    }

    /** Three seconds, 1000 bids/s, known latencies, one event lost. */
    static RunReport threeSeconds() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("rate", "1000");
        settings.put("duration", "3s");
        settings.put("note", SCRIPT);
        List<SecondSample> timeline = List.of(
                new SecondSample(0, 1000, 800, 190, 10, 300, 299, 1, 1.25),
                new SecondSample(1, 1000, 850, 145, 5, 350, 350, 0, 0.75),
                new SecondSample(2, 1000, 850, 145, 5, 350, 350, 0, 0.5));
        Map<String, Histogram> endpoints = new LinkedHashMap<>();
        endpoints.put("bid", oneToN(1000));
        endpoints.put("imp", oneToN(2000));
        endpoints.put("click", histogram());
        Map<String, Histogram> tiers = new LinkedHashMap<>();
        tiers.put("HOT", oneToN(1000));
        Histogram cold = histogram();
        cold.recordValueWithCount(1_500_000, 95);
        tiers.put("COLD", cold);
        Map<String, Long> mix = new LinkedHashMap<>();
        mix.put("HOT", 900L);
        mix.put("COLD", 95L);
        mix.put("UNMATCHED", 5L);
        Summary summary = new Summary(1000, 999, 900, 95, 5, 1, 0, 0, 0, 3000, 2500, 480, 21);
        return new RunReport("smoke", START, START.plusSeconds(3), settings, timeline, endpoints, tiers, mix, summary);
    }

    /** A run that sent nothing: no samples, empty histograms, a tier mix of zeros. */
    static RunReport empty() {
        return new RunReport("empty", START, START, Map.of(), List.of(),
                Map.of("bid", histogram(), "imp", histogram()), Map.of("HOT", histogram(), "COLD", histogram()),
                Map.of("HOT", 0L, "COLD", 0L, "UNMATCHED", 0L), new Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
