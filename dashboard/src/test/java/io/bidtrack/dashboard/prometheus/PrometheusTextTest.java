package io.bidtrack.dashboard.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextTest {
    @Test
    void readsSamplesAndSkipsCommentsAndBlankLines() {
        Scrape scrape = PrometheusText.parse("""
                # HELP bidtrack_bid_requests_total bid requests by outcome
                # TYPE bidtrack_bid_requests_total counter
                bidtrack_bid_requests_total{outcome="bid"} 1200.0
                bidtrack_bid_requests_total{outcome="no_bid",} 3.0

                # a comment of no kind
                bidtrack_l1_hit_ratio 0.75
                up 1 1733390000000
                """);
        assertEquals(List.of(
                new Sample("bidtrack_bid_requests_total", Map.of("outcome", "bid"), 1200),
                new Sample("bidtrack_bid_requests_total", Map.of("outcome", "no_bid"), 3),
                new Sample("bidtrack_l1_hit_ratio", Map.of(), 0.75),
                new Sample("up", Map.of(), 1)), scrape.samples());
    }

    @Test
    void readsTheSpecialValuesAndExponents() {
        Scrape scrape = PrometheusText.parse("a NaN\nb +Inf\nc -Inf\nd 1.7653968E9\ne -2e-3\n");
        assertTrue(Double.isNaN(scrape.sum("a")));
        assertEquals(Double.POSITIVE_INFINITY, scrape.sum("b"));
        assertEquals(Double.NEGATIVE_INFINITY, scrape.sum("c"));
        assertEquals(1_765_396_800.0, scrape.sum("d"));
        assertEquals(-0.002, scrape.sum("e"));
    }

    @Test
    void unescapesLabelValues() {
        Scrape scrape = PrometheusText.parse("m{path=\"C:\\\\x\",say=\"\\\"hi\\\"\",lines=\"a\\nb\",odd=\"}{,= \"} 1\n");
        assertEquals(Map.of("path", "C:\\x", "say", "\"hi\"", "lines", "a\nb", "odd", "}{,= "), scrape.samples().getFirst().labels());
    }

    @Test
    void badLinesAreRejectedNamingTheLine() {
        assertBad("no value", "m\n");
        assertBad("not a number", "m{a=\"b\"} many\n");
        assertBad("not a number", "m Infinity\n");
        assertBad("label value not closed", "m{a=\"b} 1\n");
        assertBad("expected =", "m{a} 1\n");
        assertBad("expected , or }", "m{a=\"1\" b=\"2\"} 1\n");
        assertBad("given twice", "m{a=\"1\",a=\"2\"} 1\n");
        assertBad("unknown escape", "m{a=\"\\t\"} 1\n");
        assertBad("expected a metric name", "{a=\"1\"} 1\n");
        assertBad("not a timestamp", "m 1 soon\n");
        assertBad("unexpected text", "m 1 2 3\n");
        assertBad("expected a space", "m{a=\"1\"}1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("ok 1\n\nbad\n"));
        assertTrue(e.getMessage().startsWith("line 3: "), e.getMessage());
    }

    /** The format as our services write it: Micrometer's Prometheus registry, histograms and odd label values included. */
    @Test
    void readsWhatTheServicesRegistryWrites() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (String tier : List.of("HOT", "COLD")) {
            for (String type : List.of("IMPRESSION", "CLICK")) {
                Counter.builder("bidtrack_tracking_events").tag("tier", tier).tag("type", type).register(registry)
                        .increment(tier.equals("HOT") ? 10 : 1);
            }
        }
        Counter.builder("odd").tag("route", "/t/\"imp\"\\x").register(registry).increment();
        AtomicLong partition = new AtomicLong(1_765_396_800L);
        Gauge.builder("bidtrack_sink_newest_partition_start_seconds", partition, AtomicLong::get).tag("table", "bids").register(registry);
        Gauge.builder("bidtrack_sink_freshness_seconds", () -> Double.NaN).tag("table", "events").register(registry);
        Timer timer = Timer.builder("bidtrack_bid_lookup").tag("tier", "COLD").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofMinutes(15)).register(registry);
        for (int ms = 1; ms <= 100; ms++) {
            timer.record(Duration.ofMillis(ms));
        }

        Scrape scrape = PrometheusText.parse(registry.scrape());
        assertEquals(20.0, scrape.sum("bidtrack_tracking_events_total", Map.of("tier", "HOT")));
        assertEquals(2.0, scrape.sum("bidtrack_tracking_events_total", Map.of("tier", "COLD")));
        assertEquals(10.0, scrape.sum("bidtrack_tracking_events_total", Map.of("tier", "HOT", "type", "CLICK")));
        assertTrue(Double.isNaN(scrape.sum("bidtrack_tracking_events_total", Map.of("tier", "UNMATCHED"))), "none reported is not 0");
        assertEquals(1.0, scrape.sum("odd_total", Map.of("route", "/t/\"imp\"\\x")));
        assertEquals(1_765_396_800.0, scrape.sum("bidtrack_sink_newest_partition_start_seconds", Map.of("table", "bids")));
        assertTrue(Double.isNaN(scrape.sum("bidtrack_sink_freshness_seconds", Map.of("table", "events"))));

        Histogram lookups = scrape.histogram("bidtrack_bid_lookup_seconds", Map.of("tier", "COLD"));
        assertNotNull(lookups);
        assertEquals(100, lookups.count());
        assertEquals(5.05, lookups.sum(), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, lookups.buckets().getLast().upperBound());
        // Micrometer's buckets are coarse (about +/- 1/3 around here); the median of 1..100 ms is 50 ms.
        double p50 = lookups.quantile(0.5);
        assertTrue(p50 > 0.035 && p50 < 0.065, "p50 " + p50);
        double p99 = lookups.quantile(0.99);
        assertTrue(p99 > 0.07 && p99 < 0.13, "p99 " + p99);
        assertEquals(0.0505, lookups.mean(), 1e-9);
    }

    private static void assertBad(String message, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
