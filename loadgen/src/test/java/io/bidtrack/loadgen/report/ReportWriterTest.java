package io.bidtrack.loadgen.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    private static final Set<String> FILES = Set.of("index.html", "summary.json", "timeline.csv", "timeline.json",
            "latency.csv", "latency.json", "throughput.png", "latency-endpoints.png", "latency-tiers.png",
            "tier-mix.png");
    private static final List<String> PLOTS =
            List.of("throughput.png", "latency-endpoints.png", "latency-tiers.png", "tier-mix.png");
    private static final int HOT_RGB = 0xE4572E;

    @TempDir
    Path reports;

    @Test
    void writesEveryFileIntoAFolderNamedAfterStartAndScenario() throws IOException {
        Path dir = ReportWriter.write(reports, Reports.threeSeconds());

        assertEquals(reports.resolve("20261205-143007-smoke"), dir, "UTC start time to the second, then the scenario");
        assertEquals(FILES, fileNames(dir));
    }

    @Test
    void summaryJsonHoldsEverySummaryFieldAndTheLatencyPercentiles() throws IOException {
        Path dir = ReportWriter.write(reports, Reports.threeSeconds());
        JsonObject json = new JsonObject(Files.readString(dir.resolve("summary.json")));

        assertEquals("smoke", json.getString("scenario"));
        assertEquals("2026-12-05T14:30:07.500Z", json.getString("start"));
        assertEquals("2026-12-05T14:30:10.500Z", json.getString("end"));
        assertEquals(3.0, json.getDouble("durationSeconds"));
        assertFalse(json.getBoolean("correct"), "one event lost");
        assertEquals(1000, json.getLong("sent"));
        assertEquals(999, json.getLong("answered"));
        assertEquals(900, json.getLong("hot"));
        assertEquals(95, json.getLong("cold"));
        assertEquals(5, json.getLong("unmatched"));
        assertEquals(1, json.getLong("lost"));
        assertEquals(0, json.getLong("duplicated"));
        assertEquals(0, json.getLong("wrongCampaign"));
        assertEquals(0, json.getLong("wrongTier"));
        assertEquals(3000, json.getLong("bidsSent"));
        assertEquals(2500, json.getLong("bidsAnswered"));
        assertEquals(480, json.getLong("noBids"));
        assertEquals(21, json.getLong("errors"));
        assertEquals(List.of("rate", "duration", "note"), List.copyOf(json.getJsonObject("settings").fieldNames()),
                "settings in the order given");
        assertEquals(Reports.SCRIPT, json.getJsonObject("settings").getString("note"));
        assertEquals(new JsonObject().put("HOT", 900L).put("COLD", 95L).put("UNMATCHED", 5L), json.getJsonObject("tierMix"));

        JsonObject bid = json.getJsonObject("latencyMs").getJsonObject("endpoints").getJsonObject("bid");
        assertEquals(new JsonObject().put("count", 1000L).put("p50", 0.5).put("p90", 0.9).put("p99", 0.99)
                .put("p99.9", 0.999).put("max", 1.0), bid);
        JsonObject click = json.getJsonObject("latencyMs").getJsonObject("endpoints").getJsonObject("click");
        assertEquals(new JsonObject().put("count", 0L), click, "an empty histogram has no percentiles");
        JsonObject cold = json.getJsonObject("latencyMs").getJsonObject("tiers").getJsonObject("COLD");
        assertEquals(95, cold.getLong("count"));
        assertEquals(1500.0, cold.getDouble("p99"), 1500.0 / 1000, "within the histogram's 3 significant digits");
        assertEquals(0.99, json.getJsonObject("latencyMs").getJsonObject("tiers").getJsonObject("HOT")
                .getDouble("p99"));
    }

    @Test
    void timelineFilesHaveOneRowPerSecond() throws IOException {
        Path dir = ReportWriter.write(reports, Reports.threeSeconds());

        List<String> csv = Files.readAllLines(dir.resolve("timeline.csv"));
        assertEquals(List.of(
                "second,bidsSent,bidsAnswered,noBids,bidErrors,eventsSent,eventsAnswered,eventErrors,bidP99Millis",
                "0,1000,800,190,10,300,299,1,1.250",
                "1,1000,850,145,5,350,350,0,0.750",
                "2,1000,850,145,5,350,350,0,0.500"), csv);

        JsonArray json = new JsonArray(Files.readString(dir.resolve("timeline.json")));
        assertEquals(3, json.size());
        assertEquals(new JsonObject().put("second", 0L).put("bidsSent", 1000L).put("bidsAnswered", 800L)
                .put("noBids", 190L).put("bidErrors", 10L).put("eventsSent", 300L).put("eventsAnswered", 299L)
                .put("eventErrors", 1L).put("bidP99Millis", 1.25), json.getJsonObject(0));
    }

    @Test
    void latencyFilesHavePercentilesPerEndpointAndTierAndTheHistogramsThemselves() throws Exception {
        Path dir = ReportWriter.write(reports, Reports.threeSeconds());

        List<String> csv = Files.readAllLines(dir.resolve("latency.csv"));
        assertEquals("kind,name,percentile,ms", csv.getFirst());
        assertEquals(List.of("endpoint,bid,p50,0.500", "endpoint,bid,p75,0.750", "endpoint,bid,p90,0.900",
                        "endpoint,bid,p95,0.950", "endpoint,bid,p99,0.990", "endpoint,bid,p99.5,0.995",
                        "endpoint,bid,p99.9,0.999", "endpoint,bid,p99.99,1.000", "endpoint,bid,max,1.000"),
                csv.subList(1, 10));
        assertTrue(csv.contains("endpoint,imp,p50,1.000"));
        assertTrue(csv.contains("tier,HOT,p90,0.900"));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("tier,COLD,max,1500.")), csv.toString());
        assertFalse(csv.stream().anyMatch(l -> l.contains(",click,")), "an empty histogram has no rows");
        assertEquals(1 + 4 * 9, csv.size(), "bid, imp, HOT and COLD: 9 percentiles each");

        JsonObject json = new JsonObject(Files.readString(dir.resolve("latency.json")));
        JsonObject imp = json.getJsonObject("endpoints").getJsonObject("imp");
        assertEquals(2000, imp.getLong("count"));
        assertEquals(1.98, imp.getJsonObject("percentiles").getDouble("p99"));
        Histogram decoded = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(imp.getString("hdrHistogramMicros"))), 0);
        assertEquals(2000, decoded.getTotalCount());
        assertEquals(1980, decoded.getValueAtPercentile(99), "the histogram reads back exactly");
        assertEquals(0, json.getJsonObject("endpoints").getJsonObject("click").getLong("count"));
    }

    @Test
    void plotsAreImages() throws IOException {
        Path dir = ReportWriter.write(reports, Reports.threeSeconds());

        for (String png : PLOTS) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertNotNull(image, png + " is a readable image");
            assertEquals(Charts.WIDTH, image.getWidth(), png);
            assertEquals(Charts.HEIGHT, image.getHeight(), png);
        }
        assertTrue(hasColor(ImageIO.read(dir.resolve("tier-mix.png").toFile()), HOT_RGB), "a HOT bar is drawn");
    }

    @Test
    void pageShowsTheRunWithLostMarkedAsAFailureAndEscapesSettings() throws IOException {
        Path dir = ReportWriter.write(reports, Reports.threeSeconds());
        String html = Files.readString(dir.resolve("index.html"));

        assertTrue(html.contains("<h1>bidtrack load: smoke</h1>"));
        assertTrue(html.contains("<td>sent to the tracker</td><td class=\"num\">1000</td>"));
        assertTrue(html.contains("<td>attributed HOT</td><td class=\"num\">900</td>"));
        assertTrue(html.contains("<td>lost (answered, never seen)</td><td class=\"num bad\">1</td>"));
        assertTrue(html.contains("<td>duplicated (seen more than once)</td><td class=\"num ok\">0</td>"));
        assertTrue(html.contains("<p class=\"verdict bad\">"));
        for (String png : PLOTS) {
            assertTrue(html.contains("<img src=\"" + png + "\""), png);
        }
        for (String raw : List.of("summary.json", "timeline.csv", "timeline.json", "latency.csv", "latency.json")) {
            assertTrue(html.contains("<a href=\"" + raw + "\">"), raw);
        }
        assertTrue(html.contains("<td>note</td><td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"));
        assertFalse(html.contains("<script"), "no script, neither ours nor the settings'");
        assertFalse(html.contains("http://") || html.contains("https://"), "self-contained");
        assertTrue(html.contains("<td>bid</td><td class=\"num\">1000</td><td class=\"num\">0.500</td>"));
    }

    @Test
    void anEmptyRunStillWritesEveryFile() throws IOException {
        Path dir = ReportWriter.write(reports, Reports.empty());

        assertEquals(FILES, fileNames(dir));
        JsonObject summary = new JsonObject(Files.readString(dir.resolve("summary.json")));
        assertTrue(summary.getBoolean("correct"));
        assertEquals(0, summary.getLong("lost"));
        assertEquals(List.of(RawData.TIMELINE_HEADER), Files.readAllLines(dir.resolve("timeline.csv")));
        assertEquals(List.of(RawData.LATENCY_HEADER), Files.readAllLines(dir.resolve("latency.csv")));
        for (String png : PLOTS) {
            assertNotNull(ImageIO.read(dir.resolve(png).toFile()), png);
        }
        assertFalse(hasColor(ImageIO.read(dir.resolve("tier-mix.png").toFile()), HOT_RGB), "no bars");
        assertTrue(Files.readString(dir.resolve("index.html")).contains("<p class=\"verdict ok\">"));
    }

    @Test
    void aOneSecondRunWithBidsButNoEventsWritesEveryFile() throws IOException {
        RunReport oneSecond = new RunReport("one", Reports.START, Reports.START.plusSeconds(1), Map.of("rate", "5"),
                List.of(new SecondSample(0, 5, 4, 1, 0, 0, 0, 0, 0.8)),
                Map.of("bid", Reports.oneToN(5), "imp", Reports.histogram()), Map.of("HOT", Reports.histogram()),
                Map.of("HOT", 0L, "COLD", 0L, "UNMATCHED", 0L), new Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 4, 1, 0));

        Path dir = ReportWriter.write(reports, oneSecond);

        assertEquals(FILES, fileNames(dir));
        assertEquals(2, Files.readAllLines(dir.resolve("timeline.csv")).size());
        assertEquals(1 + 9, Files.readAllLines(dir.resolve("latency.csv")).size(), "bid's percentiles only");
        for (String png : PLOTS) {
            assertNotNull(ImageIO.read(dir.resolve(png).toFile()), png);
        }
    }

    @Test
    void aSecondRunInTheSameSecondGetsItsOwnFolder() throws IOException {
        Path first = ReportWriter.write(reports, Reports.threeSeconds());
        String firstSummary = Files.readString(first.resolve("summary.json"));
        RunReport other = Reports.threeSeconds();
        other = new RunReport(other.scenario(), other.start(), other.end(), other.settings(), List.of(),
                other.endpointLatency(), other.tierLatency(), other.tierMix(), new Summary(7, 7, 7, 0, 0, 0, 0, 0, 0, 7, 7, 0, 0));

        Path second = ReportWriter.write(reports, other);
        Path third = ReportWriter.write(reports, other);

        assertEquals(reports.resolve("20261205-143007-smoke-2"), second);
        assertEquals(reports.resolve("20261205-143007-smoke-3"), third);
        assertEquals(firstSummary, Files.readString(first.resolve("summary.json")), "the first report is untouched");
        assertEquals(7, new JsonObject(Files.readString(second.resolve("summary.json"))).getLong("sent"));
    }

    @Test
    void scenarioNamesCannotLeaveTheReportsFolder() throws IOException {
        RunReport r = Reports.threeSeconds();
        RunReport sneaky = new RunReport("../../etc/x y", r.start(), r.end(), r.settings(), r.timeline(),
                r.endpointLatency(), r.tierLatency(), r.tierMix(), r.summary());

        Path dir = ReportWriter.write(reports, sneaky);

        assertEquals(reports.resolve("20261205-143007-.._.._etc_x_y"), dir);
        assertTrue(Files.readString(dir.resolve("index.html")).contains("<h1>bidtrack load: ../../etc/x y</h1>"),
                "the page shows the name as given");
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static boolean hasColor(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
