package io.bidtrack.loadgen.bench;

import io.bidtrack.common.proto.Tier;
import io.bidtrack.loadgen.LatencyRecorder;
import io.bidtrack.loadgen.accounting.TrackingEventsTail;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code tracking-events} from the offsets it saw when it was created (through the load
 * run's {@link TrackingEventsTail}), and measures, for the events of the bids it is given, how long
 * attribution took on the tracker: the bid lookup and the whole receipt-to-emission time (both
 * measured by the tracker, in microseconds).
 */
final class TrackingEventsReader implements AutoCloseable {
    private final TrackingEventsTail tail;

    /** What the events said. */
    record Attribution(long events, Map<Tier, Long> byTier, LatencyRecorder hotLookup, LatencyRecorder hotAttribution) {
    }

    TrackingEventsReader(String bootstrap) {
        tail = new TrackingEventsTail(bootstrap); // fixes the start now, before the events are sent
    }

    /** Reads until {@code expected} events of {@code bidIds} have arrived or {@code timeout} passed. */
    Attribution read(Set<String> bidIds, long expected, Duration timeout) {
        Map<Tier, Long> byTier = new EnumMap<>(Tier.class);
        LatencyRecorder lookup = new LatencyRecorder();
        LatencyRecorder attribution = new LatencyRecorder();
        long[] seen = {0};
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen[0] < expected && System.nanoTime() < deadline) {
            tail.poll(Duration.ofMillis(200), e -> {
                if (!bidIds.contains(e.getBidId())) {
                    return;
                }
                seen[0]++;
                byTier.merge(e.getTier(), 1L, Long::sum);
                if (e.getTier() == Tier.HOT) {
                    lookup.recordNanos(e.getLookupLatencyUs() * 1000);
                    attribution.recordNanos(e.getAttributionLatencyUs() * 1000);
                }
            });
        }
        return new Attribution(seen[0], byTier, lookup, attribution);
    }

    @Override
    public void close() {
        tail.close();
    }
}
