package io.bidtrack.bidder.openrtb;

import io.bidtrack.bidder.selection.NoBidReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bid endpoint's metrics, registered once up front (no lookup per request):
 * <ul>
 *   <li>{@code bidtrack_bid_requests_total{outcome}}: bid, no_bid, invalid, shed;</li>
 *   <li>{@code bidtrack_no_bids_total{reason}}: why no bid, see {@link NoBidReason} (shed and
 *       store failures included, so the reasons add up to every 204);</li>
 *   <li>{@code bidtrack_bid_price_cpm}: prices bid, USD CPM;</li>
 *   <li>{@code bidtrack_bid_selection_duration_seconds}: time to pick the campaign.</li>
 * </ul>
 * HTTP latency, the Kafka buffer and the L1 cache have their own metrics (OpsRoutes, RecordStream,
 * CampaignCache).
 */
final class BidMetrics {
    final Counter bid;
    final Counter noBid;
    final Counter invalid;
    final Counter shed;
    private final Map<NoBidReason, Counter> reasons = new EnumMap<>(NoBidReason.class);
    private final DistributionSummary price;
    private final Timer selection;

    BidMetrics(MeterRegistry registry) {
        bid = outcome(registry, "bid");
        noBid = outcome(registry, "no_bid");
        invalid = outcome(registry, "invalid");
        shed = outcome(registry, "shed");
        for (NoBidReason r : NoBidReason.values()) {
            reasons.put(r, Counter.builder("bidtrack_no_bids").tag("reason", r.tag())
                    .description("valid bid requests answered 204, by reason").register(registry));
        }
        price = DistributionSummary.builder("bidtrack_bid_price_cpm")
                .description("bid prices, USD CPM").serviceLevelObjectives(0.5, 1, 2, 5, 10, 20).register(registry);
        selection = Timer.builder("bidtrack_bid_selection_duration").description("time to select a campaign")
                .publishPercentileHistogram().register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("bidtrack_bid_requests").tag("outcome", outcome)
                .description("bid requests by outcome").register(registry);
    }

    void noBid(NoBidReason reason) {
        (reason == NoBidReason.SHED ? shed : noBid).increment();
        reasons.get(reason).increment();
    }

    void bid(double priceCpm) {
        bid.increment();
        price.record(priceCpm);
    }

    void selection(long nanos) {
        selection.record(nanos, TimeUnit.NANOSECONDS);
    }
}
