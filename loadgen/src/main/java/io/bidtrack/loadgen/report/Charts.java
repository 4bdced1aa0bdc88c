package io.bidtrack.loadgen.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's PNG plots, drawn with JFreeChart; a plot with nothing to show says "no data". */
final class Charts {
    static final String THROUGHPUT_PNG = "throughput.png";
    static final String LATENCY_ENDPOINTS_PNG = "latency-endpoints.png";
    static final String LATENCY_TIERS_PNG = "latency-tiers.png";
    static final String TIER_MIX_PNG = "tier-mix.png";

    static final int WIDTH = 900;
    static final int HEIGHT = 480;

    /** The tiers keep their colours across plots. */
    static final Map<String, Color> TIER_COLORS = Map.of(
            "HOT", new Color(0xE4572E), "COLD", new Color(0x2E86C1), "UNMATCHED", new Color(0x95A5A6));
    /** Series colours that stay apart on white (no yellow). */
    static final List<Color> PALETTE = List.of(new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
            new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x17BECF));

    private static final Color GRID = new Color(0xDDDDDD);

    private Charts() {
    }

    static void write(Path dir, RunReport r) throws IOException {
        save(dir.resolve(THROUGHPUT_PNG), throughput(r.timeline()));
        save(dir.resolve(LATENCY_ENDPOINTS_PNG), LatencyChart.create("Latency per endpoint", r.endpointLatency()));
        save(dir.resolve(LATENCY_TIERS_PNG), LatencyChart.create("Attribution latency per tier", r.tierLatency()));
        save(dir.resolve(TIER_MIX_PNG), tierMix(r.tierMix()));
    }

    private static void save(Path file, JFreeChart chart) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * Requests sent and answered per second over the run. Each "sent" line is wide and pale and its
     * "answered" line thin and dark in the same hue, so an answered line that keeps up stays visible on top.
     */
    static JFreeChart throughput(List<SecondSample> timeline) {
        XYSeries bidsSent = new XYSeries("bids sent");
        XYSeries bidsAnswered = new XYSeries("bids answered (bid or no-bid)");
        XYSeries eventsSent = new XYSeries("events sent");
        XYSeries eventsAnswered = new XYSeries("events answered");
        XYSeries errors = new XYSeries("errors (bids and events)");
        for (SecondSample s : timeline) {
            bidsSent.add(s.second(), s.bidsSent());
            bidsAnswered.add(s.second(), s.bidsAnswered() + s.noBids());
            eventsSent.add(s.second(), s.eventsSent());
            eventsAnswered.add(s.second(), s.eventsAnswered());
            errors.add(s.second(), s.bidErrors() + s.eventErrors());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(bidsSent);
        data.addSeries(bidsAnswered);
        data.addSeries(eventsSent);
        data.addSeries(eventsAnswered);
        if (errors.getMaxY() > 0) { // a line of zeros would only hide the x axis
            data.addSeries(errors);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Throughput", "second of the run", "requests per second",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // answered lines over their sent lines
        XYLineAndShapeRenderer lines = (XYLineAndShapeRenderer) plot.getRenderer();
        line(lines, 0, new Color(0x9ECAE9), 6);
        line(lines, 1, new Color(0x1F4E79), 1.5f);
        line(lines, 2, new Color(0xA9DFA0), 6);
        line(lines, 3, new Color(0x1E6B1E), 1.5f);
        line(lines, 4, new Color(0xD62728), 1.5f);
        // With one or two seconds a line is hardly visible: show the points themselves.
        lines.setDefaultShapesVisible(timeline.size() <= 2);
        return styled(chart);
    }

    static void line(XYLineAndShapeRenderer lines, int series, Color color, float width) {
        lines.setSeriesPaint(series, color);
        lines.setSeriesStroke(series, new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    /** Attributed events per tier, each bar labelled with its count and share of all of them. */
    static JFreeChart tierMix(Map<String, Long> mix) {
        long total = mix.values().stream().mapToLong(Long::longValue).sum();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        if (total > 0) {
            mix.forEach((tier, count) -> data.addValue(count, "events", tier));
        }
        JFreeChart chart = ChartFactory.createBarChart("Tier mix", "tier", "events", data,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer bars = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return TIER_COLORS.getOrDefault(String.valueOf(data.getColumnKey(column)), Color.GRAY);
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset dataset, int row, int column) {
                long count = dataset.getValue(row, column).longValue();
                return String.format(Locale.ROOT, "%,d (%s)", count, share(count, total));
            }
        });
        bars.setDefaultItemLabelsVisible(true);
        plot.setRenderer(bars);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.getRangeAxis().setUpperMargin(0.12); // room above the tallest bar for its label
        return styled(chart);
    }

    /** A share in percent, with more digits for small ones so that a few UNMATCHED events do not read "0.0%". */
    static String share(long count, long total) {
        double percent = 100.0 * count / total;
        if (count > 0 && percent < 0.01) {
            return "<0.01%";
        }
        return String.format(Locale.ROOT, percent < 1 ? "%.2f%%" : "%.1f%%", percent);
    }

    static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 24)); // room for the last x tick label
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setNoDataMessage("no data");
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(GRID);
        }
        return chart;
    }
}
