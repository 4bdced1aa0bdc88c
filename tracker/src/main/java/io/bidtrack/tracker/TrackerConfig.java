package io.bidtrack.tracker;

import io.bidtrack.common.config.Env;
import io.bidtrack.common.coredata.L1Settings;

import java.time.Duration;

/**
 * The tracker's settings, each overridable by its BIDTRACK_* variable.
 *
 * @param httpPort       tracking endpoint port ({@code http.port}, default 8081; 0 picks a free one)
 * @param redisUrl       the hot store ({@code redis.url}, default redis://127.0.0.1:6379)
 * @param kafkaBootstrap Kafka bootstrap servers ({@code kafka.bootstrap}, default 127.0.0.1:9092)
 * @param trinoJdbcUrl   the cold tier ({@code trino.jdbc.url}, default jdbc:trino://127.0.0.1:8090?user=bidtrack)
 * @param hotWindow      bids younger than this are looked up hot first ({@code hot.window}, default 1h)
 * @param hotMargin      how long past the window the bidder keeps bids hot ({@code hot.margin},
 *                       default 2m); informational here: every hot miss falls through to cold anyway
 * @param l1             the campaign cache ({@code l1.ttl}, {@code l1.max.entries})
 */
public record TrackerConfig(int httpPort, String redisUrl, String kafkaBootstrap, String trinoJdbcUrl,
                            Duration hotWindow, Duration hotMargin, L1Settings l1) {
    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    public static final String DEFAULT_KAFKA_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_TRINO_JDBC_URL = "jdbc:trino://127.0.0.1:8090?user=bidtrack";
    public static final Duration DEFAULT_HOT_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_HOT_MARGIN = Duration.ofMinutes(2);

    public TrackerConfig {
        if (hotWindow.isNegative() || hotWindow.isZero() || hotMargin.isNegative()) {
            throw new IllegalArgumentException("hot.window must be positive and hot.margin not negative");
        }
    }

    public static TrackerConfig fromEnv(Env env) {
        return new TrackerConfig(
                env.integer("http.port", DEFAULT_HTTP_PORT),
                env.string("redis.url", DEFAULT_REDIS_URL),
                env.string("kafka.bootstrap", DEFAULT_KAFKA_BOOTSTRAP),
                env.string("trino.jdbc.url", DEFAULT_TRINO_JDBC_URL),
                env.duration("hot.window", DEFAULT_HOT_WINDOW),
                env.duration("hot.margin", DEFAULT_HOT_MARGIN),
                L1Settings.fromEnv(env));
    }
}
