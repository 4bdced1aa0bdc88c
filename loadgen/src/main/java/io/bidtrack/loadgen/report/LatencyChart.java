package io.bidtrack.loadgen.report;

import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import java.util.Map;

/**
 * HdrHistogram's percentile plot: one curve per histogram, the x axis spreading the tail (0%, 90%, 99%,
 * 99.9% ... one decade of 1/(1 - p) each) and the y axis logarithmic, so that a sub-millisecond hot path
 * and a lake lookup of seconds both read on one plot.
 */
final class LatencyChart {
    /** The smallest latency the log axis shows: 1 µs, the histograms' unit (a 0 µs latency is drawn there). */
    static final double MIN_MILLIS = 0.001;

    private LatencyChart() {
    }

    static JFreeChart create(String title, Map<String, Histogram> histograms) {
        XYSeriesCollection data = new XYSeriesCollection();
        JFreeChart chart = ChartFactory.createXYLineChart(title, "percentile", "latency (ms, log scale)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer lines = (XYLineAndShapeRenderer) plot.getRenderer();
        double maxX = 1000; // always show up to 99.9%
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Map.Entry<String, Histogram> e : histograms.entrySet()) {
            Histogram h = e.getValue();
            if (h.getTotalCount() == 0) {
                continue;
            }
            XYSeries series = new XYSeries(e.getKey() + " (" + h.getTotalCount() + ")", false, true);
            for (Percentiles.Point p : Percentiles.curve(h)) {
                double x = 1 / (1 - p.percent() / 100);
                double y = Math.max(p.millis(), MIN_MILLIS);
                series.add(x, y);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
            int index = data.getSeriesCount();
            data.addSeries(series);
            Charts.line(lines, index, Charts.TIER_COLORS.getOrDefault(e.getKey(),
                    Charts.PALETTE.get(index % Charts.PALETTE.size())), 2);
        }
        LogAxis x = axis(plot.getDomainAxis(), new PercentileFormat());
        x.setRange(1, decadeAbove(maxX));
        plot.setDomainAxis(x);
        LogAxis y = axis(plot.getRangeAxis(), new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        y.setSmallestValue(MIN_MILLIS);
        if (maxY > 0) {
            // whole decades, so that there are always at least two labelled ticks
            y.setRange(Math.pow(10, Math.floor(Math.log10(minY))), decadeAbove(maxY));
        }
        plot.setRangeAxis(y);
        return Charts.styled(chart);
    }

    /** A log axis with a labelled tick each decade, in place of (and looking like) {@code linear}. */
    private static LogAxis axis(ValueAxis linear, NumberFormat labels) {
        LogAxis log = new LogAxis(linear.getLabel());
        log.setLabelFont(linear.getLabelFont());
        log.setTickLabelFont(linear.getTickLabelFont());
        log.setTickUnit(new NumberTickUnit(1, labels, 9)); // nine unlabelled minor ticks between decades
        log.setMinorTickMarksVisible(true);
        log.setNumberFormatOverride(labels);
        return log;
    }

    /**
     * An axis' upper bound: the smallest power of ten at or above {@code value}, plus a hair, since a
     * LogAxis draws no tick at its upper bound itself.
     */
    private static double decadeAbove(double value) {
        return Math.pow(10, Math.ceil(Math.log10(value))) * 1.000001;
    }

    /** Labels a percentile axis tick x = 1/(1 - p) with p: 1 → "0%", 10 → "90%", 1000 → "99.9%". */
    static final class PercentileFormat extends NumberFormat {
        @Override
        public StringBuffer format(double x, StringBuffer out, FieldPosition pos) {
            double percent = 100 * (1 - 1 / x);
            // round away the floating-point noise of 1 - 1/x, so that 99.9 is not shown as 99.90000000001
            return out.append(new DecimalFormat("0.#####", DecimalFormatSymbols.getInstance(Locale.ROOT))
                    .format(Math.round(percent * 1e5) / 1e5)).append('%');
        }

        @Override
        public StringBuffer format(long x, StringBuffer out, FieldPosition pos) {
            return format((double) x, out, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("a tick label format only");
        }
    }
}
