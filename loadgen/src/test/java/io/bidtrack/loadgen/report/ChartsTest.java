package io.bidtrack.loadgen.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    @Test
    void throughputHasOneSeriesPerCountAndErrorsOnlyWhenThereAreSome() {
        XYDataset data = Charts.throughput(Reports.threeSeconds().timeline()).getXYPlot().getDataset();

        assertEquals(5, data.getSeriesCount(), "bids sent/answered, events sent/answered, errors");
        assertEquals("bids answered (bid or no-bid)", data.getSeriesKey(1));
        assertEquals(3, data.getItemCount(0));
        assertEquals(990.0, data.getYValue(1, 0), "bids answered with a bid or with no bid");
        assertEquals(11.0, data.getYValue(4, 0), "bid and event errors");

        SecondSample clean = new SecondSample(0, 10, 10, 0, 0, 2, 2, 0, 1.0);
        XYDataset oneSecond = Charts.throughput(List.of(clean)).getXYPlot().getDataset();
        assertEquals(4, oneSecond.getSeriesCount());
        assertEquals(1, oneSecond.getItemCount(0));
    }

    @Test
    void latencyPlotsOnePercentileCurvePerNonEmptyHistogram() {
        Map<String, org.HdrHistogram.Histogram> histograms = new LinkedHashMap<>();
        histograms.put("bid", Reports.oneToN(1000));
        histograms.put("click", Reports.histogram());
        XYPlot plot = LatencyChart.create("t", histograms).getXYPlot();
        XYDataset data = plot.getDataset();

        assertEquals(1, data.getSeriesCount(), "the empty click histogram has no curve");
        assertEquals("bid (1000)", data.getSeriesKey(0));
        // x is 1/(1 - p): the median sits at 2, and the curve rises with the percentile
        int median = -1;
        for (int i = 0; i < data.getItemCount(0); i++) {
            if (data.getXValue(0, i) == 2.0) {
                median = i;
            }
            if (i > 0) {
                assertTrue(data.getYValue(0, i) >= data.getYValue(0, i - 1), "at item " + i);
            }
        }
        assertEquals(0.5, data.getYValue(0, median), "the median bid took 0.5 ms");

        LogAxis x = (LogAxis) plot.getDomainAxis();
        assertEquals("90%", x.getNumberFormatOverride().format(10.0));
        assertEquals("99.9%", x.getNumberFormatOverride().format(1000.0));
        assertEquals(0.0, x.getLowerBound() - 1);
    }

    @Test
    void plotsWithNothingToShowSayNoData() {
        JFreeChart latency = LatencyChart.create("t", Map.of("bid", Reports.histogram()));
        JFreeChart throughput = Charts.throughput(List.of());
        JFreeChart mix = Charts.tierMix(Map.of("HOT", 0L, "COLD", 0L, "UNMATCHED", 0L));

        assertTrue(DatasetUtils.isEmptyOrNull(latency.getXYPlot().getDataset()));
        assertTrue(DatasetUtils.isEmptyOrNull(throughput.getXYPlot().getDataset()));
        CategoryPlot mixPlot = mix.getCategoryPlot();
        assertTrue(DatasetUtils.isEmptyOrNull(mixPlot.getDataset()));
        for (JFreeChart chart : List.of(latency, throughput, mix)) {
            assertEquals("no data", chart.getPlot().getNoDataMessage());
        }
    }

    @Test
    void tierMixHasABarPerTierInTheGivenOrder() {
        Map<String, Long> mix = new LinkedHashMap<>();
        mix.put("HOT", 900L);
        mix.put("COLD", 95L);
        mix.put("UNMATCHED", 5L);
        CategoryPlot plot = Charts.tierMix(mix).getCategoryPlot();

        assertEquals(List.of("HOT", "COLD", "UNMATCHED"), plot.getDataset().getColumnKeys());
        assertEquals(95, plot.getDataset().getValue(0, 1).longValue());
    }
}
