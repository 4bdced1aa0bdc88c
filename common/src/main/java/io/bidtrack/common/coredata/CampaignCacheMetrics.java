package io.bidtrack.common.coredata;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.TimeUnit;

/**
 * The L1 cache's meters, all read from the cache when scraped (nothing is counted twice). In
 * Prometheus:
 * <ul>
 *   <li>{@code bidtrack_l1_campaigns}: campaigns cached;</li>
 *   <li>{@code bidtrack_l1_gets_total{result="hit"|"miss"}} and {@code bidtrack_l1_hit_ratio}: lookups by
 *       id ({@link CampaignCache#get}; the bidder's scan over all campaigns is not a lookup);</li>
 *   <li>{@code bidtrack_l1_evictions_total}: campaigns dropped for size (should stay 0: raise
 *       {@code l1.max.entries} otherwise);</li>
 *   <li>{@code bidtrack_l1_changes_applied_total{mode=...}}: pub/sub messages or tracking
 *       invalidations applied;</li>
 *   <li>{@code bidtrack_l1_resync_seconds_count/_sum}, {@code bidtrack_l1_resync_failures_total}, {@code bidtrack_l1_last_resync_duration_seconds} and
 *       {@code bidtrack_l1_last_resync_age_seconds}: full re-reads of the store;</li>
 *   <li>{@code bidtrack_l1_listening}: 1 while the change connection is up, 0 while reconnecting.</li>
 * </ul>
 */
final class CampaignCacheMetrics {
    private CampaignCacheMetrics() {
    }

    static void register(MeterRegistry registry, CampaignCache cache) {
        Gauge.builder("bidtrack_l1_campaigns", cache, CampaignCache::size)
                .description("campaigns in the L1 cache").register(registry);
        FunctionCounter.builder("bidtrack_l1_gets", cache, c -> c.stats().hitCount())
                .tag("result", "hit").description("L1 campaign lookups by id").register(registry);
        FunctionCounter.builder("bidtrack_l1_gets", cache, c -> c.stats().missCount())
                .tag("result", "miss").description("L1 campaign lookups by id").register(registry);
        Gauge.builder("bidtrack_l1_hit_ratio", cache, c -> c.stats().hitRate())
                .description("share of L1 lookups by id that found the campaign (1 when none yet)").register(registry);
        FunctionCounter.builder("bidtrack_l1_evictions", cache, c -> c.stats().evictionCount())
                .description("campaigns evicted for size; above 0, raise l1.max.entries").register(registry);
        FunctionCounter.builder("bidtrack_l1_changes_applied", cache, CampaignCache::changesApplied)
                .tag("mode", cache.invalidation().settingValue())
                .description("changes heard from the store and applied (pub/sub messages or tracking invalidations)")
                .register(registry);
        ResyncStats resyncs = cache.resyncStats();
        FunctionTimer.builder("bidtrack_l1_resync", resyncs, ResyncStats::count, r -> r.totalSeconds(), TimeUnit.SECONDS)
                .description("full re-reads of the campaigns from the store").register(registry);
        FunctionCounter.builder("bidtrack_l1_resync_failures", resyncs, ResyncStats::failed)
                .description("full re-reads that failed (the cache kept serving what it had)").register(registry);
        Gauge.builder("bidtrack_l1_last_resync_duration_seconds", resyncs, ResyncStats::lastSeconds)
                .description("duration of the last successful full re-read").register(registry);
        Gauge.builder("bidtrack_l1_last_resync_age_seconds", resyncs, ResyncStats::ageSeconds)
                .description("seconds since the last successful full re-read").register(registry);
        Gauge.builder("bidtrack_l1_listening", cache, c -> c.listening() ? 1 : 0)
                .description("1 while the connection that carries changes is up").register(registry);
    }
}
