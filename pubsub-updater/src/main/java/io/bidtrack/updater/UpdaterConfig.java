package io.bidtrack.updater;

import io.bidtrack.common.config.Env;

import java.time.Duration;

/**
 * The updater's settings, each read through {@link Env}: the variable {@code BIDTRACK_HTTP_PORT}
 * overrides the line {@code http.port=...} of the config file, which overrides the default here.
 *
 * @param httpPort         admin API port ({@code http.port}, default 8082; 0 picks a free one)
 * @param redisUrl         the hot store ({@code redis.url}, default redis://127.0.0.1:6379)
 * @param kafkaBootstrap   Kafka bootstrap servers ({@code kafka.bootstrap}, default 127.0.0.1:9092)
 * @param groupId          consumer group of {@code core-data} ({@code kafka.group.id}, default pubsub-updater)
 * @param applyTimeout     how long an admin write waits for this instance to apply its record before
 *                         answering 202 instead of 200 ({@code apply.timeout}, default 5s)
 * @param sendTimeout      how long producing a record to Kafka may take before the admin API answers
 *                         503 ({@code kafka.send.timeout}, default 5s)
 * @param joinTimeout      how long start waits for the consumer's first partition assignment, so the
 *                         first admin writes are applied here rather than answered 202
 *                         ({@code kafka.join.timeout}, default 15s); start goes on after it regardless
 * @param storeRetryMax    the longest pause between two attempts to write to an unreachable hot
 *                         store ({@code store.retry.max}, default 2s)
 */
public record UpdaterConfig(int httpPort, String redisUrl, String kafkaBootstrap, String groupId,
                            Duration applyTimeout, Duration sendTimeout, Duration joinTimeout, Duration storeRetryMax) {
    public static final int DEFAULT_HTTP_PORT = 8082;
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    public static final String DEFAULT_KAFKA_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_GROUP_ID = "pubsub-updater";

    public UpdaterConfig {
        require(httpPort >= 0 && httpPort <= 65535, "http.port", "must be 0 to 65535, got " + httpPort);
        require(!kafkaBootstrap.isBlank(), "kafka.bootstrap", "must not be empty");
        require(!groupId.isBlank(), "kafka.group.id", "must not be empty");
        require(!applyTimeout.isZero(), "apply.timeout", "must be positive");
        // The producer's request timeout is derived from it and Kafka wants at least a few ms.
        require(sendTimeout.toMillis() >= 100, "kafka.send.timeout", "must be at least 100ms");
        require(!storeRetryMax.isZero(), "store.retry.max", "must be positive");
    }

    public static UpdaterConfig fromEnv(Env env) {
        return new UpdaterConfig(
                env.integer("http.port", DEFAULT_HTTP_PORT),
                env.string("redis.url", DEFAULT_REDIS_URL),
                env.string("kafka.bootstrap", DEFAULT_KAFKA_BOOTSTRAP),
                env.string("kafka.group.id", DEFAULT_GROUP_ID),
                env.duration("apply.timeout", Duration.ofSeconds(5)),
                env.duration("kafka.send.timeout", Duration.ofSeconds(5)),
                env.duration("kafka.join.timeout", Duration.ofSeconds(15)),
                env.duration("store.retry.max", Duration.ofSeconds(2)));
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(Env.variableName(key) + " (" + key + ") " + problem);
        }
    }
}
