package io.bidtrack.tracker.lookup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.InvalidProtocolBufferException;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.proto.BidRecord;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The in-process L1 of the hot tier: bids found in the engine in the last few minutes. The events
 * of one ad come in a burst (win, billing, impression, then maybe a click within seconds), so
 * the first finds the bid in the engine and the rest find it here without a network round trip.
 * Bids never change once stored, so a cached copy cannot be stale; the TTL only bounds how long a
 * bid that is done with keeps its memory.
 *
 * <p>Each entry is the bid as the engine stored it, one byte array, and is parsed again on a hit
 * (microseconds for a bid of 700 bytes). A parsed BidRecord is a tree of dozens of objects: at
 * 10,000 new entries a second, every young collection had to copy those trees, and its pauses set
 * the tracker's p99.
 */
public final class BidCache {
    /**
     * @param maxEntries bids kept at most ({@code bid.cache.max.entries}; each the bid's encoded bytes, about 700; 0 turns the cache off)
     * @param ttl        how long a bid stays after it was found ({@code bid.cache.ttl})
     */
    public record Settings(long maxEntries, Duration ttl) {
        public static final long DEFAULT_MAX_ENTRIES = 100_000;
        public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

        public Settings {
            if (maxEntries < 0) {
                throw new IllegalArgumentException(Env.variableName("bid.cache.max.entries") + " must not be negative, got " + maxEntries);
            }
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException(Env.variableName("bid.cache.ttl") + " must be positive, got " + ttl);
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_MAX_ENTRIES, DEFAULT_TTL);
        }
    }

    private final Cache<UUID, byte[]> cache;

    public BidCache(Settings settings) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.ttl())
                .recordStats()
                .build();
    }

    /** The cached bid; never any I/O. */
    public Optional<BidRecord> get(UUID id) {
        byte[] encoded = cache.getIfPresent(id);
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(BidRecord.parseFrom(encoded));
        } catch (InvalidProtocolBufferException e) {
            // put only takes bytes that parsed; an entry that no longer does is a bug, not a miss
            throw new IllegalStateException("bid cache entry for " + id + " is not a BidRecord", e);
        }
    }

    /** @param encoded the bid's protobuf bytes, already parsed successfully by the caller */
    public void put(UUID id, byte[] encoded) {
        cache.put(id, encoded);
    }

    /** {@code bidtrack_bid_cache_hits/misses_total}, {@code bidtrack_bid_cache_hit_ratio}, {@code bidtrack_bid_cache_size}. */
    public void registerMetrics(MeterRegistry registry) {
        FunctionCounter.builder("bidtrack_bid_cache_hits", cache, c -> c.stats().hitCount())
                .description("hot lookups answered by the in-process bid cache").register(registry);
        FunctionCounter.builder("bidtrack_bid_cache_misses", cache, c -> c.stats().missCount())
                .description("hot lookups that had to ask the engine").register(registry);
        Gauge.builder("bidtrack_bid_cache_hit_ratio", cache, c -> c.stats().hitRate())
                .description("share of hot lookups the bid cache answered since start").register(registry);
        Gauge.builder("bidtrack_bid_cache_size", cache, Cache::estimatedSize)
                .description("bids in the in-process bid cache").register(registry);
    }
}
