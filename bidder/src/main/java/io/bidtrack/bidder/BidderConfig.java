package io.bidtrack.bidder;

import io.bidtrack.common.config.Env;
import io.bidtrack.common.coredata.L1Settings;

import java.time.Duration;

/**
 * The bidder's settings, each overridable by its BIDTRACK_* variable.
 *
 * @param httpPort       bid endpoint port ({@code http.port}, default 8080; 0 picks a free one)
 * @param redisUrl       the hot store ({@code redis.url}, default redis://127.0.0.1:6379)
 * @param kafkaBootstrap Kafka bootstrap servers ({@code kafka.bootstrap}, default 127.0.0.1:9092)
 * @param hotWindow      how long bids are looked up hot ({@code hot.window}, default 1h)
 * @param hotMargin      extra time a bid stays in the hot store past the window, so lookups near the
 *                       boundary and the cold pipeline's lag are covered ({@code hot.margin}, default 2m)
 * @param trackerBaseUrl where the tracking URLs in bid responses point ({@code tracker.base.url},
 *                       default http://127.0.0.1:8081), without a trailing slash
 * @param l1             the campaign cache ({@code l1.ttl}, {@code l1.max.entries})
 */
public record BidderConfig(int httpPort, String redisUrl, String kafkaBootstrap, Duration hotWindow, Duration hotMargin,
                           String trackerBaseUrl, L1Settings l1) {
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    public static final String DEFAULT_KAFKA_BOOTSTRAP = "127.0.0.1:9092";
    public static final Duration DEFAULT_HOT_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_HOT_MARGIN = Duration.ofMinutes(2);
    public static final String DEFAULT_TRACKER_BASE_URL = "http://127.0.0.1:8081";

    public BidderConfig {
        if (hotWindow.isNegative() || hotWindow.isZero() || hotMargin.isNegative()) {
            throw new IllegalArgumentException("hot.window must be positive and hot.margin not negative");
        }
        trackerBaseUrl = trackerBaseUrl.endsWith("/") ? trackerBaseUrl.substring(0, trackerBaseUrl.length() - 1) : trackerBaseUrl;
    }

    public static BidderConfig fromEnv(Env env) {
        return new BidderConfig(
                env.integer("http.port", DEFAULT_HTTP_PORT),
                env.string("redis.url", DEFAULT_REDIS_URL),
                env.string("kafka.bootstrap", DEFAULT_KAFKA_BOOTSTRAP),
                env.duration("hot.window", DEFAULT_HOT_WINDOW),
                env.duration("hot.margin", DEFAULT_HOT_MARGIN),
                env.string("tracker.base.url", DEFAULT_TRACKER_BASE_URL),
                L1Settings.fromEnv(env));
    }

    /** How long a bid stays in the hot store: the window plus the margin. */
    public Duration hotTtl() {
        return hotWindow.plus(hotMargin);
    }
}
