package io.bidtrack.tracker;

import io.bidtrack.common.config.Env;
import io.bidtrack.common.config.TierGap;
import io.bidtrack.common.coredata.L1Settings;
import io.bidtrack.common.kafka.RecordStream;
import io.bidtrack.tracker.lookup.BidCache;
import io.bidtrack.tracker.lookup.ColdBatcher;
import io.bidtrack.tracker.lookup.RetryingLocator;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The tracker's settings: each has one name ({@code dedupe.window}), read from its BIDTRACK_*
 * variable ({@code BIDTRACK_DEDUPE_WINDOW}), else from the config file, else the default here.
 *
 * @param httpPort           tracking endpoint port ({@code http.port}, default 8081; 0 picks a free one)
 * @param redisUrl           the hot store ({@code redis.url}, default redis://127.0.0.1:6379)
 * @param kafkaBootstrap     Kafka bootstrap servers ({@code kafka.bootstrap}, default 127.0.0.1:9092)
 * @param trinoJdbcUrl       the cold tier ({@code trino.jdbc.url}, default jdbc:trino://127.0.0.1:8090?user=bidtrack)
 * @param hotWindow          how long bids are promised hot ({@code hot.window}, default 1h)
 * @param hotMargin          how long past the window the bidder keeps bids hot ({@code hot.margin},
 *                           default 2m); bids younger than window + margin (the hot TTL) are looked up
 *                           hot first, and every hot miss falls through to cold
 * @param rotate             the cold-store sink's rotation ({@code rotate}, default 60s), shared with the sink
 * @param coldRegistrationLag how long after a rotation a file may take to become queryable
 *                           ({@code cold.registration.lag}, default 30s). The tracker refuses to start
 *                           unless the hot TTL exceeds rotate + this lag ({@link TierGap}), and a cold
 *                           miss of a bid younger than that is asked again ({@link RetryingLocator})
 * @param l1                 the campaign cache ({@code l1.ttl}, {@code l1.max.entries})
 * @param dedupeWindow       a repeat of the same (bid, event type) within this long counts once
 *                           ({@code dedupe.window}, default 24h; 0 turns dedupe off)
 * @param bidCache           the in-process cache of recently found hot bids
 *                           ({@code bid.cache.max.entries}, default 100000; {@code bid.cache.ttl}, default 5m)
 * @param kafkaBufferRecords events accepted but not yet acknowledged by Kafka, at most; beyond it
 *                           the tracker answers 503 ({@code kafka.buffer.records}, default 50000)
 * @param kafkaAttemptTimeout how long one send to Kafka may take before it is retried from the
 *                           buffer ({@code kafka.delivery.timeout}, default 30s)
 * @param httpEventLoops     event loops serving the tracking port ({@code http.event.loops},
 *                           default: the number of cores)
 * @param coldBatch          the batching cold lookup ({@code cold.batch.window}, {@code cold.batch.max.ids},
 *                           {@code cold.queue.max}, {@code cold.query.timeout}, {@code cold.workers}; see {@link ColdBatcher})
 * @param coldRetry          how a failed cold lookup is retried ({@code cold.retry.for}, {@code cold.retry.backoff},
 *                           {@code cold.retry.backoff.max}; see {@link RetryingLocator})
 */
public record TrackerConfig(int httpPort, String redisUrl, String kafkaBootstrap, String trinoJdbcUrl,
                            Duration hotWindow, Duration hotMargin, Duration rotate, Duration coldRegistrationLag,
                            L1Settings l1, Duration dedupeWindow, BidCache.Settings bidCache, int kafkaBufferRecords,
                            Duration kafkaAttemptTimeout, int httpEventLoops, ColdBatcher.Settings coldBatch,
                            RetryingLocator.Settings coldRetry) {
    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    public static final String DEFAULT_KAFKA_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_TRINO_JDBC_URL = "jdbc:trino://127.0.0.1:8090?user=bidtrack";
    public static final Duration DEFAULT_HOT_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_HOT_MARGIN = Duration.ofMinutes(2);
    /**
     * Long enough to absorb every retry source we know of: browsers re-firing pixels, exchanges
     * re-sending nurl/burl for minutes, SDKs that queue events offline until the next app start and
     * attribution partners retrying postbacks for hours. A mark is one small key that expires by
     * itself (at most 128 bytes by MEMORY USAGE, checked in the tests): the store holds 24 marks
     * per hourly event; shorten the window where that is too much memory.
     */
    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofHours(24);

    public TrackerConfig {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException(Env.variableName("http.port") + " must be 0 to 65535, got " + httpPort);
        }
        if (hotWindow.isNegative() || hotWindow.isZero()) {
            throw new IllegalArgumentException(Env.variableName("hot.window") + " must be positive, got " + hotWindow);
        }
        if (hotMargin.isNegative()) {
            throw new IllegalArgumentException(Env.variableName("hot.margin") + " must not be negative, got " + hotMargin);
        }
        TierGap.check(hotWindow, hotMargin, rotate, coldRegistrationLag);
        if (dedupeWindow.isNegative()) {
            throw new IllegalArgumentException(Env.variableName("dedupe.window") + " must not be negative (0 turns dedupe off)");
        }
        if (httpEventLoops < 1 || httpEventLoops > 256) {
            throw new IllegalArgumentException(Env.variableName("http.event.loops") + " must be 1 to 256, got " + httpEventLoops);
        }
        if (kafkaBufferRecords < 1) {
            throw new IllegalArgumentException(Env.variableName("kafka.buffer.records") + " must be at least 1, got " + kafkaBufferRecords);
        }
    }

    /**
     * Reads every setting.
     *
     * @throws IllegalArgumentException naming the variable of the first bad setting
     */
    public static TrackerConfig fromEnv(Env env) {
        return new TrackerConfig(
                env.integer("http.port", DEFAULT_HTTP_PORT),
                env.string("redis.url", DEFAULT_REDIS_URL),
                env.string("kafka.bootstrap", DEFAULT_KAFKA_BOOTSTRAP),
                env.string("trino.jdbc.url", DEFAULT_TRINO_JDBC_URL),
                duration(env, "hot.window", DEFAULT_HOT_WINDOW),
                duration(env, "hot.margin", DEFAULT_HOT_MARGIN),
                TierGap.rotate(env),
                TierGap.registrationLag(env),
                named("l1.*", () -> L1Settings.fromEnv(env)),
                duration(env, "dedupe.window", DEFAULT_DEDUPE_WINDOW),
                new BidCache.Settings(env.longValue("bid.cache.max.entries", BidCache.Settings.DEFAULT_MAX_ENTRIES),
                        duration(env, "bid.cache.ttl", BidCache.Settings.DEFAULT_TTL)),
                env.integer("kafka.buffer.records", RecordStream.Settings.DEFAULT_BUFFER_RECORDS),
                duration(env, "kafka.delivery.timeout", RecordStream.Settings.DEFAULT_ATTEMPT_TIMEOUT),
                env.integer("http.event.loops", Runtime.getRuntime().availableProcessors()),
                new ColdBatcher.Settings(
                        duration(env, "cold.batch.window", ColdBatcher.Settings.DEFAULT_WINDOW),
                        env.integer("cold.batch.max.ids", ColdBatcher.Settings.DEFAULT_MAX_IDS),
                        env.integer("cold.queue.max", ColdBatcher.Settings.DEFAULT_QUEUE_MAX),
                        duration(env, "cold.query.timeout", ColdBatcher.Settings.DEFAULT_QUERY_TIMEOUT),
                        env.integer("cold.workers", ColdBatcher.Settings.DEFAULT_WORKERS)),
                new RetryingLocator.Settings(
                        duration(env, "cold.retry.for", RetryingLocator.Settings.DEFAULT_RETRY_FOR),
                        duration(env, "cold.retry.backoff", RetryingLocator.Settings.DEFAULT_FIRST_BACKOFF),
                        duration(env, "cold.retry.backoff.max", RetryingLocator.Settings.DEFAULT_MAX_BACKOFF)));
    }

    /** How long the bidder keeps a bid in the hot store: window + margin. */
    public Duration hotTtl() {
        return hotWindow.plus(hotMargin);
    }

    /** How long after its bid time a bid may still be missing from the lake. */
    public Duration sinkLag() {
        return TierGap.sinkLag(rotate, coldRegistrationLag);
    }

    /** The settings of the tracking-events stream. */
    public RecordStream.Settings eventStream() {
        return new RecordStream.Settings(kafkaBootstrap, kafkaBufferRecords, kafkaAttemptTimeout);
    }

    /** Durations.parse does not know which setting it parses: say it, so the operator knows what to fix. */
    private static Duration duration(Env env, String key, Duration defaultValue) {
        try {
            return env.duration(key, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Env.variableName(key) + ": " + e.getMessage(), e);
        }
    }

    private static <T> T named(String keys, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw message != null && message.contains("BIDTRACK_") ? e
                    : new IllegalArgumentException(Env.variableName(keys.replace("*", "")) + "*: " + message, e);
        }
    }
}
