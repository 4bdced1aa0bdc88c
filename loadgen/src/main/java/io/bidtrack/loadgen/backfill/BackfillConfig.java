package io.bidtrack.loadgen.backfill;

import io.bidtrack.common.config.Env;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One backfill's settings, validated on construction (an {@link IllegalArgumentException} names the
 * option that is wrong). Where the stack has a setting of the same meaning, its value is the
 * option's default: {@code kafka.bootstrap}, {@code redis.url} and {@code hot.window} (see {@link Env}).
 *
 * @param hours          how many one-hour windows of bids, ending at {@code end}
 * @param bidsPerHour    bids in each window
 * @param end            every bid is older than this
 * @param seed           the plan's seed: the same seed (and options) gives the same bids
 * @param kafkaBootstrap where to produce
 * @param redisUrl       the hot store the campaigns are read from, when {@code campaignIds} is empty
 * @param campaignIds    campaigns to bid for without reading the hot store; empty: the hot store's
 * @param compression    the producer's compression codec
 */
public record BackfillConfig(int hours, long bidsPerHour, Instant end, long seed, String kafkaBootstrap,
                             String redisUrl, List<String> campaignIds, String compression) {
    static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
    static final String REDIS_URL = "redis.url";
    static final String HOT_WINDOW = "hot.window";
    static final String DEFAULT_KAFKA_BOOTSTRAP = "127.0.0.1:9092";
    /** The local stacks' hot store as the {@code loadgen} user, who may read campaigns (infra/acl/users.acl). */
    public static final String DEFAULT_REDIS_URL = "redis://loadgen:loadgen-demo@127.0.0.1:6379";
    static final Duration DEFAULT_HOT_WINDOW = Duration.ofHours(1);
    static final long DEFAULT_SEED = 42;
    static final String DEFAULT_COMPRESSION = "lz4";
    private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Kafka's codecs, and the class each needs at runtime (kafka-clients brings them, unless excluded). */
    private static final Map<String, String> CODECS = Map.of("none", "", "gzip", "",
            "lz4", "net.jpountz.lz4.LZ4Factory", "snappy", "org.xerial.snappy.Snappy", "zstd", "com.github.luben.zstd.Zstd");

    public BackfillConfig {
        BackfillPlan.checkSize(hours, bidsPerHour);
        if (end == null) {
            throw new IllegalArgumentException("--end must be set");
        }
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
            throw new IllegalArgumentException("--kafka (" + Env.variableName(KAFKA_BOOTSTRAP) + ") must be host:port");
        }
        if (redisUrl == null || !(redisUrl.startsWith("redis://") || redisUrl.startsWith("rediss://"))) {
            throw new IllegalArgumentException("--redis (" + Env.variableName(REDIS_URL)
                    + ") must be a URL like redis://127.0.0.1:6379, got '" + redisUrl + "'");
        }
        campaignIds = List.copyOf(campaignIds == null ? List.of() : campaignIds);
        for (String id : campaignIds) {
            if (!CAMPAIGN_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("--campaigns: '" + id + "' is not a campaign id ([A-Za-z0-9_-]{1,64})");
            }
        }
        requireCodec(compression);
    }

    /** The end a backfill has by default: the hot window ago, so every backfilled bid is cold already. */
    static Instant defaultEnd(Instant now, Duration hotWindow) {
        if (hotWindow == null || hotWindow.isNegative()) {
            throw new IllegalArgumentException("--hot-window must not be negative, got " + hotWindow);
        }
        return now.minus(hotWindow);
    }

    /** Backfilled bids are past bids: an end after {@code now} is a mistake. */
    static Instant requirePast(Instant end, Instant now) {
        if (end.isAfter(now)) {
            throw new IllegalArgumentException("--end " + end + " is in the future (now is " + now
                    + "): backfilled bids are past bids");
        }
        return end;
    }

    private static void requireCodec(String compression) {
        String codecClass = CODECS.get(compression);
        if (codecClass == null) {
            throw new IllegalArgumentException("--compression must be one of none, gzip, snappy, lz4, zstd, got '"
                    + compression + "'");
        }
        if (!codecClass.isEmpty()) {
            try {
                Class.forName(codecClass, false, BackfillConfig.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("--compression " + compression + " needs " + codecClass
                        + " on the classpath; choose another codec");
            }
        }
    }
}
