package io.bidtrack.loadgen;

import io.bidtrack.loadgen.accounting.Reconciliation;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The live progress line and the final summary table. */
public final class SummaryPrinter {
    private static final String ROW = "%-8s %9s %9s %9s %8s %9s %9s %9s %9s %9s %9s%n";
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private SummaryPrinter() {
    }

    /** One line a second: how far along, achieved rate, errors, p99 so far. */
    public static String progressLine(LoadStats s, double elapsedSeconds) {
        EndpointStats bid = s.bids();
        long events = s.events().stream().mapToLong(EndpointStats::sentCount).sum();
        long eventsOk = s.events().stream().mapToLong(EndpointStats::answeredCount).sum();
        long eventErrors = s.events().stream().mapToLong(EndpointStats::errorCount).sum();
        // Over the sending phase only: a compressed run then waits for its delayed events, sending no bids.
        double sendingSeconds = Math.min(elapsedSeconds, s.sendSeconds());
        double rate = sendingSeconds > 0 ? bid.sentCount() / sendingSeconds : 0;
        return String.format(Locale.ROOT,
                "[%5.1fs] bids %d (%.1f/s) ok %d nobid %d err %d | events %d ok %d err %d | bid p99 %.2f ms | in flight %d",
                elapsedSeconds, bid.sentCount(), rate, bid.answeredCount(), bid.noBidCount(), bid.errorCount(),
                events, eventsOk, eventErrors, bid.latency().percentileMillis(99), s.inFlight());
    }

    /** The final report: counts, achieved rates and latency percentiles per endpoint. */
    public static String summary(LoadConfig c, LoadStats s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "bidtrack load (%s): %d bids at %s/s%s for %s -> %s; events -> %s/t/: win %.0f%% of"
                        + " answered bids, impression %.0f%% of wins, click %.0f%% of impressions, install %.0f%% of clicks; seed %d%n%n",
                c.scenario(), c.totalBids(), number(c.rate()), c.rateProfile().isSteady() ? "" : " x " + c.rateProfile(),
                seconds(c.duration().toNanos() / 1e9), c.bidUrl(), c.trackerUrl(), c.winRate() * 100,
                c.impressionRate() * 100, c.clickRate() * 100, c.installRate() * 100, c.seed()));
        out.append(String.format(Locale.ROOT, ROW, "endpoint", "sent", "answered", "no-bid", "errors", "rate/s",
                "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"));
        out.append(row(s, s.bids(), true));
        s.events().forEach(e -> out.append(row(s, e, false)));
        out.append(System.lineSeparator());
        out.append("errors: ").append(errors(s)).append(System.lineSeparator());
        if (s.bidsWithoutId() > 0) {
            out.append("bid responses (200) without a bid id, so no event: ").append(s.bidsWithoutId())
                    .append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT,
                "bids sent over %s: %.1f/s (target %s/s); answered %.1f/s; max scheduler lag %.2f ms; run %s incl. final wait%n",
                seconds(s.sendSeconds()), s.achievedBidRate(), number(c.rate()),
                s.rate(s.bids().answeredCount() + s.bids().noBidCount()), s.maxSendLagMillis(), seconds(s.totalSeconds())));
        out.append("latency: from each bid's intended send time (open loop, no coordinated omission) to a 2xx response;")
                .append(" events from their send time (a click's 302 counts as its answer)").append(System.lineSeparator());
        return out.toString();
    }

    /** The check of the run's events against what the tracker emitted to tracking-events. */
    public static String check(Reconciliation c) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nevents checked against tracking-events (%s after %s):%n", c.settling().end(),
                seconds(c.settling().waited().toNanos() / 1e9)));
        out.append(String.format(Locale.ROOT, "  sent %d  answered %d  attributed HOT %d  COLD %d  UNMATCHED %d  lost %d  duplicated %d%n",
                c.sent(), c.answered(), c.hot(), c.cold(), c.unmatched(), c.lost(), c.duplicated()));
        out.append(String.format(Locale.ROOT, "  wrong campaign %d  wrong tier %d  refused %d  failed %d  unfinished %d  unexpected %d%n",
                c.wrongCampaign(), c.wrongTier(), c.refused(), c.failed(), c.unfinished(), c.unexpected()));
        c.unmatchedReasons().forEach((reason, n) -> out.append("  UNMATCHED ").append(n).append(": ").append(reason)
                .append(System.lineSeparator()));
        c.examples().forEach(e -> out.append("  ").append(e).append(System.lineSeparator()));
        out.append(c.nothingLostOrDuplicated() ? "  OK: every answered event was emitted exactly once" : "  FAILED: events lost or duplicated")
                .append(System.lineSeparator());
        return out.toString();
    }

    private static String row(LoadStats s, EndpointStats e, boolean showNoBid) {
        LatencyRecorder l = e.latency();
        Object[] cols = new Object[11];
        cols[0] = e.name();
        cols[1] = Long.toString(e.sentCount());
        cols[2] = Long.toString(e.answeredCount());
        cols[3] = showNoBid ? Long.toString(e.noBidCount()) : "-";
        cols[4] = Long.toString(e.errorCount());
        cols[5] = String.format(Locale.ROOT, "%.1f", s.rate(e.sentCount()));
        for (int k = 0; k < PERCENTILES.length; k++) {
            cols[6 + k] = ms(l, l.percentileMillis(PERCENTILES[k]));
        }
        cols[10] = ms(l, l.maxMillis());
        return String.format(Locale.ROOT, ROW, cols);
    }

    private static String ms(LatencyRecorder l, double value) {
        return l.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String errors(LoadStats s) {
        String text = java.util.stream.Stream.concat(java.util.stream.Stream.of(s.bids()), s.events().stream())
                .flatMap(e -> e.errorsByKind().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(en -> e.name() + " " + en.getKey() + "=" + en.getValue()))
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? "none" : text;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }
}
