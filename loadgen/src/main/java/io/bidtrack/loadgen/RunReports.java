package io.bidtrack.loadgen;

import io.bidtrack.common.proto.Tier;
import io.bidtrack.loadgen.accounting.Reconciliation;
import io.bidtrack.loadgen.report.RunReport;
import io.bidtrack.loadgen.report.SecondSample;
import io.bidtrack.loadgen.report.Summary;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report of a finished run: its settings, its counters second by second, and the check of its events. */
final class RunReports {
    private RunReports() {
    }

    static RunReport of(LoadConfig config, LoadStats stats, Reconciliation check, Instant start, Instant end) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bidder", config.bidderUrl());
        settings.put("tracker", config.trackerUrl());
        settings.put("rate", String.valueOf(config.rate()));
        settings.put("rate-profile", config.rateProfile().toString());
        settings.put("duration", config.duration().toString());
        settings.put("win-rate", String.valueOf(config.winRate()));
        settings.put("impression-rate", String.valueOf(config.impressionRate()));
        settings.put("click-rate", String.valueOf(config.clickRate()));
        settings.put("install-rate", String.valueOf(config.installRate()));
        settings.put("connections", String.valueOf(config.connections()));
        settings.put("seed", String.valueOf(config.seed()));

        List<SecondSample> timeline = new ArrayList<>();
        List<Timeline.Second> seconds = stats.timeline().seconds();
        for (int s = 0; s < seconds.size(); s++) {
            Timeline.Second x = seconds.get(s);
            timeline.add(new SecondSample(s, x.count(Timeline.Kind.BID_SENT), x.count(Timeline.Kind.BID_ANSWERED),
                    x.count(Timeline.Kind.NO_BID), x.count(Timeline.Kind.BID_ERROR), x.count(Timeline.Kind.EVENT_SENT),
                    x.count(Timeline.Kind.EVENT_ANSWERED), x.count(Timeline.Kind.EVENT_ERROR), x.bidP99Millis()));
        }

        Map<String, Histogram> endpoints = new LinkedHashMap<>();
        endpoints.put(stats.bids().name(), stats.bids().latency().histogram());
        stats.events().forEach(e -> endpoints.put(e.name(), e.latency().histogram()));

        // The tracker's own figure: from an event's receipt to its emission, by the tier it was found in.
        Map<String, Histogram> tiers = new LinkedHashMap<>();
        for (Tier tier : List.of(Tier.HOT, Tier.COLD)) {
            Reconciliation.TierLatencies latencies = check.latencies().get(tier);
            if (latencies != null) {
                tiers.put(tier.name(), latencies.attributionUs());
            }
        }
        Map<String, Long> tierMix = new LinkedHashMap<>();
        tierMix.put("HOT", check.hot());
        tierMix.put("COLD", check.cold());
        tierMix.put("UNMATCHED", check.unmatched());

        long errors = stats.bids().errorCount() + stats.events().stream().mapToLong(EndpointStats::errorCount).sum();
        Summary summary = new Summary(check.sent(), check.answered(), check.hot(), check.cold(), check.unmatched(), check.lost(),
                check.duplicated(), check.wrongCampaign(), check.wrongTier(), stats.bids().sentCount(), stats.bids().answeredCount(),
                stats.bids().noBidCount(), errors);
        return new RunReport(config.scenario(), start, end, settings, timeline, endpoints, tiers, tierMix, summary);
    }
}
