package io.bidtrack.tracker.events;

import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tracker's own meters, registered up front (every type and tier shows from the start, at 0,
 * so a dashboard can tell "none" from "not reported") and kept in maps so the request path does
 * not look them up by name.
 * <ul>
 *   <li>{@code bidtrack_tracking_events_total{type,tier}}: events emitted to Kafka</li>
 *   <li>{@code bidtrack_tracking_duplicates_total{type}}: repeats counted once and not emitted</li>
 *   <li>{@code bidtrack_tracking_rejected_total{type}}: 503s because the event buffer was full</li>
 *   <li>{@code bidtrack_bid_lookup_seconds{tier}}: time to find the bid, histogram</li>
 *   <li>{@code bidtrack_attribution_seconds{tier}}: receipt to emission, histogram</li>
 *   <li>{@code bidtrack_tracking_in_flight}: events accepted and still being attributed</li>
 * </ul>
 */
public final class EventMetrics {
    public static final List<EventType> TYPES = List.of(EventType.IMPRESSION, EventType.CLICK, EventType.INSTALL,
            EventType.WIN, EventType.BILLING);
    private static final List<Tier> TIERS = List.of(Tier.HOT, Tier.COLD, Tier.UNMATCHED);
    /** The histograms' top: a lookup retried while Trino is down takes up to cold.retry.for (10 min by default). */
    private static final Duration LONGEST = Duration.ofMinutes(15);

    private final Map<EventType, Map<Tier, Counter>> emitted = new EnumMap<>(EventType.class);
    private final Map<EventType, Counter> duplicates = new EnumMap<>(EventType.class);
    private final Map<EventType, Counter> rejected = new EnumMap<>(EventType.class);
    private final Map<Tier, Timer> lookup = new EnumMap<>(Tier.class);
    private final Map<Tier, Timer> attribution = new EnumMap<>(Tier.class);

    public EventMetrics(MeterRegistry registry, EventAdmission admission) {
        for (EventType type : TYPES) {
            Map<Tier, Counter> byTier = new EnumMap<>(Tier.class);
            for (Tier tier : TIERS) {
                byTier.put(tier, Counter.builder("bidtrack_tracking_events").tag("type", type.name()).tag("tier", tier.name())
                        .description("tracking events emitted, by type and tier").register(registry));
            }
            emitted.put(type, byTier);
            duplicates.put(type, Counter.builder("bidtrack_tracking_duplicates").tag("type", type.name())
                    .description("repeated events (same bid and type within the dedupe window): counted once, not emitted")
                    .register(registry));
            rejected.put(type, Counter.builder("bidtrack_tracking_rejected").tag("type", type.name())
                    .description("events refused with 503 because the tracking-events buffer was full").register(registry));
        }
        for (Tier tier : TIERS) {
            lookup.put(tier, Timer.builder("bidtrack_bid_lookup").tag("tier", tier.name())
                    .description("time to find a bid, by the tier that answered (UNMATCHED: time to give up)")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                    .maximumExpectedValue(LONGEST).register(registry));
            attribution.put(tier, Timer.builder("bidtrack_attribution").tag("tier", tier.name())
                    .description("from receiving an event to handing it to the Kafka buffer")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                    .maximumExpectedValue(LONGEST).register(registry));
        }
        Gauge.builder("bidtrack_tracking_in_flight", admission, EventAdmission::inFlight)
                .description("events accepted and still being attributed").register(registry);
    }

    void emitted(EventType type, Tier tier, long lookupMicros, long attributionNanos) {
        emitted.get(type).get(tier).increment();
        lookup.get(tier).record(lookupMicros, TimeUnit.MICROSECONDS);
        attribution.get(tier).record(attributionNanos, TimeUnit.NANOSECONDS);
    }

    void duplicate(EventType type) {
        duplicates.get(type).increment();
    }

    void rejected(EventType type) {
        rejected.get(type).increment();
    }
}
