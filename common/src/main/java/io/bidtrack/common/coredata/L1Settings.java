package io.bidtrack.common.coredata;

import io.bidtrack.common.config.Env;

import java.time.Duration;

/**
 * Sizing of a service's in-process L1 campaign cache.
 *
 * @param ttl        how long a cached campaign is trusted without hearing from the engine; after it
 *                   the entry is re-read from the engine in the background (the stale value keeps
 *                   serving meanwhile), and every {@code ttl} the whole cache is resynchronised, which
 *                   heals any push missed while the subscriber was disconnected
 * @param maxEntries upper bound on cached campaigns (size it above the live campaign count: an
 *                   evicted campaign gets no bids until it is pushed or resynchronised again)
 */
public record L1Settings(Duration ttl, long maxEntries) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    public static final long DEFAULT_MAX_ENTRIES = 100_000;

    public L1Settings {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("l1.ttl must be positive, got " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("l1.max.entries must be at least 1, got " + maxEntries);
        }
    }

    public static L1Settings defaults() {
        return new L1Settings(DEFAULT_TTL, DEFAULT_MAX_ENTRIES);
    }

    /** Reads {@code l1.ttl} and {@code l1.max.entries} (BIDTRACK_L1_TTL, BIDTRACK_L1_MAX_ENTRIES). */
    public static L1Settings fromEnv(Env env) {
        return new L1Settings(env.duration("l1.ttl", DEFAULT_TTL), env.longValue("l1.max.entries", DEFAULT_MAX_ENTRIES));
    }
}
