package io.bidtrack.coldstore;

import io.bidtrack.coldstore.sink.SinkStep;
import io.bidtrack.common.config.Env;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the cold store, each overridable by its BIDTRACK_* variable (see {@link Env}).
 *
 * @param rotateEvery      how often buffered bids become Parquet files; it bounds how long a bid stays
 *                         invisible to cold lookups, so the hot TTL must exceed it
 * @param maxRecordsPerFile a buffer this full is written at once, which bounds memory under load
 * @param maxBytesPerFile  a buffer holding this many bytes of encoded bids is written at once: with
 *                         the record limit, it bounds the sink's memory and its files' size whatever
 *                         the bids weigh (default 256 MiB; Parquet's compression makes files smaller)
 * @param instanceId       null, or a name of this sink instance that stays the same across its restarts
 *                         (a pod name): Kafka's static membership then gives a restarted sink its
 *                         partitions back at once, instead of after the dead one's session times out (45 s)
 * @param pauseAt          null in normal use; a test hook for the crash test, which stops the sink for
 *                         good the first time a rotation reaches that step (see {@code PauseHook})
 */
public record ColdStoreConfig(String kafkaBootstrap, String groupId, Path lakeDir, String trinoJdbcUrl,
                              Duration rotateEvery, int maxRecordsPerFile, long maxBytesPerFile, String instanceId,
                              SinkStep pauseAt) {
    static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
    static final String GROUP_ID = "cold.group.id";
    static final String LAKE_DIR = "lake.dir";
    static final String TRINO_JDBC_URL = "trino.jdbc.url";
    static final String ROTATE = "rotate";
    static final String MAX_RECORDS_PER_FILE = "cold.max.records.per.file";
    static final String MAX_BYTES_PER_FILE = "cold.max.bytes.per.file";
    static final long DEFAULT_MAX_BYTES_PER_FILE = 256L << 20;
    static final String INSTANCE_ID = "cold.instance.id";
    static final String PAUSE_AT = "cold.pause.at";

    public ColdStoreConfig {
        require(kafkaBootstrap != null && !kafkaBootstrap.isBlank(), KAFKA_BOOTSTRAP, "must not be empty", kafkaBootstrap);
        require(groupId != null && !groupId.isBlank(), GROUP_ID, "must not be empty", groupId);
        require(lakeDir != null, LAKE_DIR, "must be set", null);
        require(trinoJdbcUrl != null && trinoJdbcUrl.startsWith("jdbc:trino://"), TRINO_JDBC_URL,
                "must start with jdbc:trino://", trinoJdbcUrl);
        require(rotateEvery != null && rotateEvery.toMillis() > 0, ROTATE, "must be positive", rotateEvery);
        require(maxRecordsPerFile > 0, MAX_RECORDS_PER_FILE, "must be positive", maxRecordsPerFile);
        require(maxBytesPerFile > 0, MAX_BYTES_PER_FILE, "must be positive", maxBytesPerFile);
        require(instanceId == null || !instanceId.isBlank(), INSTANCE_ID, "must not be blank", instanceId);
    }

    /** The settings of a normal run: a dynamic group member that never pauses. */
    public ColdStoreConfig(String kafkaBootstrap, String groupId, Path lakeDir, String trinoJdbcUrl,
                           Duration rotateEvery, int maxRecordsPerFile) {
        this(kafkaBootstrap, groupId, lakeDir, trinoJdbcUrl, rotateEvery, maxRecordsPerFile, DEFAULT_MAX_BYTES_PER_FILE, null, null);
    }

    public static ColdStoreConfig fromEnv(Env env) {
        return new ColdStoreConfig(
                env.string(KAFKA_BOOTSTRAP, "127.0.0.1:9092"),
                env.string(GROUP_ID, "cold-store"),
                Path.of(env.string(LAKE_DIR, "./data/lake")),
                env.string(TRINO_JDBC_URL, "jdbc:trino://127.0.0.1:8090?user=bidtrack"),
                rotate(env),
                env.integer(MAX_RECORDS_PER_FILE, 1_000_000),
                env.longValue(MAX_BYTES_PER_FILE, DEFAULT_MAX_BYTES_PER_FILE),
                env.string(INSTANCE_ID, null),
                pauseAt(env.string(PAUSE_AT, null)));
    }

    /** The step named by {@code label} (null for none), or an error naming the setting. */
    public static SinkStep pauseAt(String label) {
        if (label == null) {
            return null;
        }
        try {
            return SinkStep.parse(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PAUSE_AT + " (" + Env.variableName(PAUSE_AT) + "): " + e.getMessage(), e);
        }
    }

    /** Env's own message for a bad duration does not say which setting it was. */
    private static Duration rotate(Env env) {
        try {
            return env.duration(ROTATE, Duration.ofSeconds(60));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ROTATE + " (" + Env.variableName(ROTATE) + "): " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String key, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(key + " (" + Env.variableName(key) + ") " + rule + ", got '" + value + "'");
        }
    }
}
