package io.bidtrack.bidder;

import io.bidtrack.common.config.Env;
import io.bidtrack.common.config.TierGap;
import io.bidtrack.common.coredata.L1Settings;
import io.bidtrack.common.kafka.RecordStream;

import java.time.Duration;

/**
 * The bidder's settings, each read through {@link Env}: the BIDTRACK_* variable, else the config
 * file's line, else the default here.
 *
 * @param httpPort           bid endpoint port ({@code http.port}, default 8080; 0 picks a free one)
 * @param redisUrl           the hot store ({@code redis.url}, default redis://127.0.0.1:6379)
 * @param kafkaBootstrap     Kafka bootstrap servers ({@code kafka.bootstrap}, default 127.0.0.1:9092)
 * @param hotWindow          how long bids are looked up hot ({@code hot.window}, default 1h)
 * @param hotMargin          extra time a bid stays in the hot store past the window, so lookups near
 *                           the boundary and the cold pipeline's lag are covered ({@code hot.margin}, default 2m)
 * @param rotate             the cold-store sink's rotation ({@code rotate}, default 60s), shared with the sink
 * @param coldRegistrationLag how long after a rotation a file may take to become queryable
 *                           ({@code cold.registration.lag}, default 30s). The bidder refuses to start
 *                           unless hot window + hot margin exceeds rotate + this lag, so a bid leaves
 *                           the hot store only once the lake can serve it ({@link TierGap})
 * @param trackerBaseUrl     where the tracking URLs in bid responses point ({@code tracker.base.url},
 *                           default http://127.0.0.1:8081), without a trailing slash
 * @param l1                 the campaign cache ({@code l1.ttl}, {@code l1.max.entries})
 * @param kafkaBufferRecords bids accepted but not yet acknowledged by Kafka, at most
 *                           ({@code kafka.buffer.records}, default 50000, ~700 bytes each); when full
 *                           the bidder sheds load (204)
 * @param pacingRefresh      how often the spend counters of budgeted campaigns are re-read, so the
 *                           spend of other instances is seen ({@code pacing.refresh}, default 250ms)
 * @param bodyLimitBytes     largest bid request body; larger gets 413 ({@code http.body.limit}, default 65536)
 * @param storeTimeout       how long a bid waits for the hot-store write before it becomes a no-bid
 *                           ({@code store.timeout}, default 250ms)
 * @param httpEventLoops     event loops serving the bid port ({@code http.event.loops}, default:
 *                           the number of cores)
 */
public record BidderConfig(int httpPort, String redisUrl, String kafkaBootstrap, Duration hotWindow, Duration hotMargin,
                           Duration rotate, Duration coldRegistrationLag, String trackerBaseUrl, L1Settings l1,
                           int kafkaBufferRecords, Duration pacingRefresh,
                           int bodyLimitBytes, Duration storeTimeout, int httpEventLoops) {
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    public static final String DEFAULT_KAFKA_BOOTSTRAP = "127.0.0.1:9092";
    public static final Duration DEFAULT_HOT_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_HOT_MARGIN = Duration.ofMinutes(2);
    public static final String DEFAULT_TRACKER_BASE_URL = "http://127.0.0.1:8081";
    public static final Duration DEFAULT_PACING_REFRESH = Duration.ofMillis(250);
    /** Real bid requests are a few KiB. */
    public static final int DEFAULT_BODY_LIMIT = 64 * 1024;
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofMillis(250);

    public BidderConfig {
        require(httpPort >= 0 && httpPort <= 65535, "http.port", "must be 0 to 65535, got " + httpPort);
        require(redisUrl.startsWith("redis://") || redisUrl.startsWith("rediss://") || redisUrl.startsWith("unix://"),
                "redis.url", "must be a redis:// URL, got '" + redisUrl + "'");
        require(!kafkaBootstrap.isBlank(), "kafka.bootstrap", "must name at least one host:port");
        require(positive(hotWindow), "hot.window", "must be positive");
        require(!hotMargin.isNegative(), "hot.margin", "must not be negative");
        TierGap.check(hotWindow, hotMargin, rotate, coldRegistrationLag);
        require(trackerBaseUrl.startsWith("http://") || trackerBaseUrl.startsWith("https://"),
                "tracker.base.url", "must be an http(s) URL, got '" + trackerBaseUrl + "'");
        require(kafkaBufferRecords >= 1, "kafka.buffer.records", "must be at least 1, got " + kafkaBufferRecords);
        require(pacingRefresh.toMillis() >= 10, "pacing.refresh", "must be at least 10ms");
        require(bodyLimitBytes >= 1024, "http.body.limit", "must be at least 1024 bytes, got " + bodyLimitBytes);
        require(positive(storeTimeout), "store.timeout", "must be positive");
        require(httpEventLoops >= 1 && httpEventLoops <= 256, "http.event.loops", "must be 1 to 256, got " + httpEventLoops);
        trackerBaseUrl = trackerBaseUrl.endsWith("/") ? trackerBaseUrl.substring(0, trackerBaseUrl.length() - 1) : trackerBaseUrl;
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(key + " (" + Env.variableName(key) + ") " + problem);
        }
    }

    /** @throws IllegalArgumentException naming the setting when one is malformed or out of range */
    public static BidderConfig fromEnv(Env env) {
        return new BidderConfig(
                env.integer("http.port", DEFAULT_HTTP_PORT),
                env.string("redis.url", DEFAULT_REDIS_URL),
                env.string("kafka.bootstrap", DEFAULT_KAFKA_BOOTSTRAP),
                duration(env, "hot.window", DEFAULT_HOT_WINDOW),
                duration(env, "hot.margin", DEFAULT_HOT_MARGIN),
                TierGap.rotate(env),
                TierGap.registrationLag(env),
                env.string("tracker.base.url", DEFAULT_TRACKER_BASE_URL),
                L1Settings.fromEnv(env),
                env.integer("kafka.buffer.records", RecordStream.Settings.DEFAULT_BUFFER_RECORDS),
                duration(env, "pacing.refresh", DEFAULT_PACING_REFRESH),
                env.integer("http.body.limit", DEFAULT_BODY_LIMIT),
                duration(env, "store.timeout", DEFAULT_STORE_TIMEOUT),
                env.integer("http.event.loops", Runtime.getRuntime().availableProcessors()));
    }

    private static Duration duration(Env env, String key, Duration defaultValue) {
        try {
            return env.duration(key, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " (" + Env.variableName(key) + ") " + e.getMessage(), e);
        }
    }

    /** How long a bid stays in the hot store: the window plus the margin. */
    public Duration hotTtl() {
        return hotWindow.plus(hotMargin);
    }
}
