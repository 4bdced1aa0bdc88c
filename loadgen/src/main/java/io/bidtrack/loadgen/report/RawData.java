package io.bidtrack.loadgen.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** The report's machine-readable files: the summary, the per-second timeline and the latency percentiles. */
final class RawData {
    static final String SUMMARY_JSON = "summary.json";
    static final String TIMELINE_CSV = "timeline.csv";
    static final String TIMELINE_JSON = "timeline.json";
    static final String LATENCY_CSV = "latency.csv";
    static final String LATENCY_JSON = "latency.json";

    static final String TIMELINE_HEADER =
            "second,bidsSent,bidsAnswered,noBids,bidErrors,eventsSent,eventsAnswered,eventErrors,bidP99Millis";
    static final String LATENCY_HEADER = "kind,name,percentile,ms";

    private RawData() {
    }

    static void write(Path dir, RunReport r) throws IOException {
        Files.writeString(dir.resolve(SUMMARY_JSON), summaryJson(r).encodePrettily());
        Files.writeString(dir.resolve(TIMELINE_CSV), timelineCsv(r));
        Files.writeString(dir.resolve(TIMELINE_JSON), timelineJson(r).encodePrettily());
        Files.writeString(dir.resolve(LATENCY_CSV), latencyCsv(r));
        Files.writeString(dir.resolve(LATENCY_JSON), latencyJson(r).encodePrettily());
    }

    /** Every Summary field at the top level, with the run's identity, settings, tier mix and latency percentiles. */
    static JsonObject summaryJson(RunReport r) {
        Summary s = r.summary();
        JsonObject json = new JsonObject()
                .put("scenario", r.scenario())
                .put("start", r.start().toString())
                .put("end", r.end().toString())
                .put("durationSeconds", Duration.between(r.start(), r.end()).toMillis() / 1000.0)
                .put("correct", s.correct())
                .put("sent", s.sent())
                .put("answered", s.answered())
                .put("hot", s.hot())
                .put("cold", s.cold())
                .put("unmatched", s.unmatched())
                .put("lost", s.lost())
                .put("duplicated", s.duplicated())
                .put("wrongCampaign", s.wrongCampaign())
                .put("wrongTier", s.wrongTier())
                .put("bidsSent", s.bidsSent())
                .put("bidsAnswered", s.bidsAnswered())
                .put("noBids", s.noBids())
                .put("errors", s.errors());
        JsonObject settings = new JsonObject();
        r.settings().forEach(settings::put);
        JsonObject mix = new JsonObject();
        r.tierMix().forEach(mix::put);
        json.put("settings", settings).put("tierMix", mix);
        json.put("latencyMs", new JsonObject()
                .put("endpoints", summaryPercentiles(r.endpointLatency()))
                .put("tiers", summaryPercentiles(r.tierLatency())));
        return json;
    }

    /** name → {count, p50, p90, p99, p99.9, max}; an empty histogram has only its count of 0. */
    private static JsonObject summaryPercentiles(Map<String, Histogram> histograms) {
        JsonObject out = new JsonObject();
        histograms.forEach((name, h) -> {
            JsonObject p = new JsonObject().put("count", h.getTotalCount());
            if (h.getTotalCount() > 0) {
                Percentiles.SUMMARY.forEach(level -> p.put(level.name(), Percentiles.millis(h, level)));
            }
            out.put(name, p);
        });
        return out;
    }

    static String timelineCsv(RunReport r) {
        StringBuilder csv = new StringBuilder(TIMELINE_HEADER).append('\n');
        for (SecondSample s : r.timeline()) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%d,%.3f%n", s.second(), s.bidsSent(),
                    s.bidsAnswered(), s.noBids(), s.bidErrors(), s.eventsSent(), s.eventsAnswered(), s.eventErrors(),
                    s.bidP99Millis()));
        }
        return csv.toString();
    }

    static JsonArray timelineJson(RunReport r) {
        JsonArray rows = new JsonArray();
        for (SecondSample s : r.timeline()) {
            rows.add(new JsonObject()
                    .put("second", s.second())
                    .put("bidsSent", s.bidsSent())
                    .put("bidsAnswered", s.bidsAnswered())
                    .put("noBids", s.noBids())
                    .put("bidErrors", s.bidErrors())
                    .put("eventsSent", s.eventsSent())
                    .put("eventsAnswered", s.eventsAnswered())
                    .put("eventErrors", s.eventErrors())
                    .put("bidP99Millis", s.bidP99Millis()));
        }
        return rows;
    }

    /** One row per endpoint or tier and percentile; an empty histogram has no rows. */
    static String latencyCsv(RunReport r) {
        StringBuilder csv = new StringBuilder(LATENCY_HEADER).append('\n');
        appendCsv(csv, "endpoint", r.endpointLatency());
        appendCsv(csv, "tier", r.tierLatency());
        return csv.toString();
    }

    private static void appendCsv(StringBuilder csv, String kind, Map<String, Histogram> histograms) {
        histograms.forEach((name, h) -> {
            if (h.getTotalCount() == 0) {
                return;
            }
            for (Percentiles.Level level : Percentiles.RAW) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.3f%n",
                        kind, csvField(name), level.name(), Percentiles.millis(h, level)));
            }
        });
    }

    /**
     * The percentiles of latency.csv per endpoint and tier, plus each histogram itself (HdrHistogram's
     * compressed encoding, base64, in microseconds) so that any other percentile can be read back later
     * with {@code Histogram.decodeFromCompressedByteBuffer}.
     */
    static JsonObject latencyJson(RunReport r) {
        return new JsonObject()
                .put("unit", "ms")
                .put("endpoints", rawPercentiles(r.endpointLatency()))
                .put("tiers", rawPercentiles(r.tierLatency()));
    }

    private static JsonObject rawPercentiles(Map<String, Histogram> histograms) {
        JsonObject out = new JsonObject();
        histograms.forEach((name, h) -> {
            JsonObject percentiles = new JsonObject();
            if (h.getTotalCount() > 0) {
                Percentiles.RAW.forEach(level -> percentiles.put(level.name(), Percentiles.millis(h, level)));
            }
            out.put(name, new JsonObject()
                    .put("count", h.getTotalCount())
                    .put("percentiles", percentiles)
                    .put("hdrHistogramMicros", encode(h)));
        });
        return out;
    }

    private static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** Quotes a CSV field that holds a comma, quote or line break (RFC 4180). */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
