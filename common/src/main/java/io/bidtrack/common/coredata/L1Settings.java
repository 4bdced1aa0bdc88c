package io.bidtrack.common.coredata;

import io.bidtrack.common.config.Env;

import java.time.Duration;

/**
 * Sizing and freshness of a service's in-process L1 campaign cache.
 *
 * @param ttl          how long a cached campaign is trusted without hearing from the engine; after it
 *                     the entry is re-read from the engine in the background (the stale value keeps
 *                     serving meanwhile), and every {@code ttl} the whole cache is resynchronised,
 *                     which heals any change missed while the cache was disconnected
 * @param maxEntries   upper bound on cached campaigns (size it above the live campaign count: an
 *                     evicted campaign gets no bids until it is pushed or resynchronised again)
 * @param invalidation how changes reach the cache: pub/sub messages or client-side caching
 * @param heartbeat    how often the connection that carries the changes is pinged (at most once
 *                     per {@code ttl}): the longest a silently dead connection goes unnoticed
 */
public record L1Settings(Duration ttl, long maxEntries, InvalidationMode invalidation, Duration heartbeat) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    public static final long DEFAULT_MAX_ENTRIES = 100_000;
    public static final InvalidationMode DEFAULT_INVALIDATION = InvalidationMode.PUBSUB;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    public L1Settings {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("l1.ttl must be positive, got " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("l1.max.entries must be at least 1, got " + maxEntries);
        }
        if (invalidation == null) {
            throw new IllegalArgumentException("l1.invalidation is required");
        }
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("l1.heartbeat must be positive, got " + heartbeat);
        }
    }

    /** Pub/sub invalidation and the default heartbeat. */
    public L1Settings(Duration ttl, long maxEntries) {
        this(ttl, maxEntries, DEFAULT_INVALIDATION, DEFAULT_HEARTBEAT);
    }

    public static L1Settings defaults() {
        return new L1Settings(DEFAULT_TTL, DEFAULT_MAX_ENTRIES);
    }

    public L1Settings withInvalidation(InvalidationMode mode) {
        return new L1Settings(ttl, maxEntries, mode, heartbeat);
    }

    public L1Settings withHeartbeat(Duration interval) {
        return new L1Settings(ttl, maxEntries, invalidation, interval);
    }

    /** The heartbeat actually used: never less often than once per ttl. */
    public Duration effectiveHeartbeat() {
        return heartbeat.compareTo(ttl) < 0 ? heartbeat : ttl;
    }

    /**
     * Reads {@code l1.ttl}, {@code l1.max.entries}, {@code l1.invalidation} ({@code pubsub} or
     * {@code tracking}) and {@code l1.heartbeat} (BIDTRACK_L1_TTL, BIDTRACK_L1_MAX_ENTRIES,
     * BIDTRACK_L1_INVALIDATION, BIDTRACK_L1_HEARTBEAT).
     *
     * @throws IllegalArgumentException naming the variable when a value is not understood
     */
    public static L1Settings fromEnv(Env env) {
        String mode = env.string("l1.invalidation", null);
        InvalidationMode invalidation;
        try {
            invalidation = mode == null ? DEFAULT_INVALIDATION : InvalidationMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Env.variableName("l1.invalidation") + " (l1.invalidation) " + e.getMessage(), e);
        }
        return new L1Settings(env.duration("l1.ttl", DEFAULT_TTL), env.longValue("l1.max.entries", DEFAULT_MAX_ENTRIES),
                invalidation, env.duration("l1.heartbeat", DEFAULT_HEARTBEAT));
    }
}
