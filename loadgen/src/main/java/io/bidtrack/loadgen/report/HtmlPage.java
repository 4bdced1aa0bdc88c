package io.bidtrack.loadgen.report;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** index.html: one self-contained page (no scripts, no external styles) over the report's plots and files. */
final class HtmlPage {
    static final String INDEX_HTML = "index.html";

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em; color: #222; max-width: 960px; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.7em; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .ok { background: #d4efdf; color: #145a32; font-weight: bold; }
            .bad { background: #fadbd8; color: #922b21; font-weight: bold; }
            p.verdict { padding: 0.5em 1em; display: inline-block; }
            figure { margin: 0 0 1.5em; }
            figcaption { color: #555; max-width: 900px; }
            img { border: 1px solid #eee; }
            """;

    private HtmlPage() {
    }

    static String render(RunReport r) {
        Summary s = r.summary();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>bidtrack load: ")
                .append(escape(r.scenario())).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>bidtrack load: ").append(escape(r.scenario())).append("</h1>\n");
        html.append("<p>").append(escape(r.start().toString())).append(" to ").append(escape(r.end().toString()))
                .append(" (").append(seconds(Duration.between(r.start(), r.end()))).append(")</p>\n");
        html.append(s.correct()
                ? "<p class=\"verdict ok\">Every event answered by the tracker was attributed once, to the right campaign and tier.</p>\n"
                : "<p class=\"verdict bad\">Events were lost, duplicated or misattributed: see the summary.</p>\n");

        html.append("<h2>Summary</h2>\n<table>\n<tr><th>post-bid events</th><th>count</th></tr>\n");
        row(html, "sent to the tracker", s.sent());
        row(html, "answered by the tracker", s.answered());
        row(html, "attributed HOT", s.hot());
        row(html, "attributed COLD", s.cold());
        row(html, "UNMATCHED", s.unmatched());
        mustBeZero(html, "lost (answered, never seen)", s.lost());
        mustBeZero(html, "duplicated (seen more than once)", s.duplicated());
        mustBeZero(html, "wrong campaign", s.wrongCampaign());
        mustBeZero(html, "wrong tier", s.wrongTier());
        html.append("<tr><th>bids and errors</th><th>count</th></tr>\n");
        row(html, "bids sent", s.bidsSent());
        row(html, "bids answered with a bid", s.bidsAnswered());
        row(html, "bids answered with no bid", s.noBids());
        row(html, "requests failed (bids and events)", s.errors());
        html.append("</table>\n");

        html.append("<h2>Plots</h2>\n");
        figure(html, Charts.THROUGHPUT_PNG, "Requests sent and answered each second. Open loop: the sent lines"
                + " follow the schedule whatever the responses do, so an answered line below its sent line is a"
                + " backlog or failures, not a slower load.");
        figure(html, Charts.LATENCY_ENDPOINTS_PNG, "Latency per endpoint, from each request's intended send time."
                + " Read a curve left to right: the median at 50%, then the tail; a point at 99% and 20 ms means"
                + " one request in a hundred took 20 ms or more.");
        figure(html, Charts.LATENCY_TIERS_PNG, "Attribution latency per tier, as the tracker recorded it:"
                + " HOT lookups come from the hot store, COLD ones from the lake.");
        figure(html, Charts.TIER_MIX_PNG, "Attributed events per tier.");

        html.append("<h2>Latency (ms)</h2>\n");
        latencyTable(html, "endpoint", r.endpointLatency());
        latencyTable(html, "tier", r.tierLatency());

        html.append("<h2>Settings</h2>\n<table>\n<tr><th>option</th><th>value</th></tr>\n");
        r.settings().forEach((k, v) -> html.append("<tr><td>").append(escape(k)).append("</td><td>")
                .append(escape(v)).append("</td></tr>\n"));
        html.append("</table>\n");

        html.append("<h2>Raw data</h2>\n<ul>\n");
        for (String file : new String[] {RawData.SUMMARY_JSON, RawData.TIMELINE_CSV, RawData.TIMELINE_JSON,
                RawData.LATENCY_CSV, RawData.LATENCY_JSON}) {
            html.append("<li><a href=\"").append(file).append("\">").append(file).append("</a></li>\n");
        }
        html.append("</ul>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void row(StringBuilder html, String name, long value) {
        html.append("<tr><td>").append(escape(name)).append("</td><td class=\"num\">").append(value).append("</td></tr>\n");
    }

    /** A count that must be 0 for the run to be correct: green when it is, red otherwise. */
    private static void mustBeZero(StringBuilder html, String name, long value) {
        html.append("<tr><td>").append(escape(name)).append("</td><td class=\"num ").append(value == 0 ? "ok" : "bad")
                .append("\">").append(value).append("</td></tr>\n");
    }

    private static void figure(StringBuilder html, String png, String caption) {
        html.append("<figure><img src=\"").append(png).append("\" width=\"").append(Charts.WIDTH)
                .append("\" height=\"").append(Charts.HEIGHT).append("\" alt=\"").append(escape(png))
                .append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    }

    private static void latencyTable(StringBuilder html, String kind, Map<String, Histogram> histograms) {
        if (histograms.isEmpty()) {
            return;
        }
        html.append("<table>\n<tr><th>").append(kind).append("</th><th>count</th>");
        Percentiles.SUMMARY.forEach(level -> html.append("<th>").append(level.name()).append("</th>"));
        html.append("</tr>\n");
        histograms.forEach((name, h) -> {
            html.append("<tr><td>").append(escape(name)).append("</td><td class=\"num\">").append(h.getTotalCount()).append("</td>");
            for (Percentiles.Level level : Percentiles.SUMMARY) {
                html.append("<td class=\"num\">")
                        .append(h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", Percentiles.millis(h, level)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        });
        html.append("</table>\n");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
