package io.bidtrack.coldstore;

import io.bidtrack.coldstore.sink.LakeLocation;
import io.bidtrack.coldstore.sink.SinkStep;
import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.config.TierGap;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the cold store, each overridable by its BIDTRACK_* variable (see {@link Env}).
 *
 * @param lake             where the lake is: {@code lake.dir}, a directory or {@code s3://bucket/prefix}; for
 *                         S3 with {@code s3.endpoint} (empty for AWS itself), {@code s3.region} (default
 *                         us-east-1), {@code s3.access.key} and {@code s3.secret.key} (both, or neither for the
 *                         AWS SDK's default credentials) and {@code s3.path.style} (default true, as MinIO-likes need)
 * @param groupId          the consumer group of the bids sink; the events sink's is {@code <groupId>-events}
 *                         ({@link #groupIdOf}): one group per table, each with its own committed offsets
 * @param rotateEvery      how often buffered records become Parquet files; it bounds how long a bid stays
 *                         invisible to cold lookups, so the hot TTL must exceed it
 * @param maxRecordsPerFile a buffer this full is written at once, which bounds memory under load
 * @param maxBytesPerFile  a buffer holding this many bytes of encoded records is written at once: with
 *                         the record limit, it bounds each sink's memory and its files' size whatever
 *                         the records weigh (default 256 MiB; Parquet's compression makes files smaller)
 * @param instanceId       null, or a name of this sink instance that stays the same across its restarts
 *                         (a pod name): Kafka's static membership then gives a restarted sink its
 *                         partitions back at once, instead of after the dead one's session times out (45 s)
 * @param pauseAt          null in normal use; a test hook for the crash test, which stops each table's sink
 *                         for good the first time one of its rotations reaches that step (see {@code PauseHook})
 * @param retention        the attribution window (default 90 days): lake partitions whose hour ended longer
 *                         ago are dropped from Trino and deleted, and records of such hours are not stored
 * @param retentionCheckEvery how often the sinks look for partitions past the retention (and at start)
 * @param compaction       when closed hours are merged into one file each ({@link Compaction})
 * @param httpPort         the ops port: {@code /health}, {@code /ready}, {@code /metrics} ({@code http.port},
 *                         default 8084; 0 picks a free one, see {@code ColdStoreOps#port})
 */
public record ColdStoreConfig(String kafkaBootstrap, String groupId, LakeLocation lake, String trinoJdbcUrl,
                              Duration rotateEvery, int maxRecordsPerFile, long maxBytesPerFile, String instanceId,
                              SinkStep pauseAt, Duration retention, Duration retentionCheckEvery, Compaction compaction,
                              int httpPort) {
    static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
    static final String GROUP_ID = "cold.group.id";
    static final String LAKE_DIR = "lake.dir";
    static final String S3_ENDPOINT = "s3.endpoint";
    static final String S3_REGION = "s3.region";
    static final String S3_ACCESS_KEY = "s3.access.key";
    static final String S3_SECRET_KEY = "s3.secret.key";
    static final String S3_PATH_STYLE = "s3.path.style";
    static final String TRINO_JDBC_URL = "trino.jdbc.url";
    static final String ROTATE = TierGap.ROTATE;
    static final String MAX_RECORDS_PER_FILE = "cold.max.records.per.file";
    static final String MAX_BYTES_PER_FILE = "cold.max.bytes.per.file";
    static final long DEFAULT_MAX_BYTES_PER_FILE = 256L << 20;
    static final String INSTANCE_ID = "cold.instance.id";
    static final String PAUSE_AT = "cold.pause.at";
    static final String RETENTION = "cold.retention";
    static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    static final String RETENTION_CHECK = "cold.retention.check";
    static final Duration DEFAULT_RETENTION_CHECK = Duration.ofHours(1);
    static final String COMPACT = "cold.compact";
    static final String COMPACT_AFTER = "cold.compact.after";
    static final String COMPACT_CHECK = "cold.compact.check";
    static final String HTTP_PORT = "http.port";
    public static final int DEFAULT_HTTP_PORT = 8084;

    /**
     * Compaction ({@code io.bidtrack.coldstore.compaction}): once an hour has been closed for
     * {@code after}, its many small files (one per Kafka partition and rotation) are merged into one
     * file sorted by the lookup column, which cold lookups read several times faster.
     *
     * @param enabled    {@code cold.compact} (default true); with several cold-store instances, turn it on in one only
     * @param after      {@code cold.compact.after} (default 10m): how long after an hour's end it is compacted; files
     *                   that arrive later (late records) are merged in by a later pass
     * @param checkEvery {@code cold.compact.check} (default 1m): how often the lake is looked at. It is also how long
     *                   the merged files stay next to the new one before they are deleted, so that queries that
     *                   listed them still read them: keep it above the tracker's {@code cold.query.timeout}
     */
    public record Compaction(boolean enabled, Duration after, Duration checkEvery) {
        public static final Compaction DEFAULT = new Compaction(true, Duration.ofMinutes(10), Duration.ofMinutes(1));
        public static final Compaction OFF = new Compaction(false, DEFAULT.after, DEFAULT.checkEvery);

        public Compaction {
            require(after != null && !after.isNegative(), COMPACT_AFTER, "must not be negative", after);
            require(checkEvery != null && checkEvery.toMillis() > 0, COMPACT_CHECK, "must be positive", checkEvery);
        }

        static Compaction fromEnv(Env env) {
            return new Compaction(env.bool(COMPACT, DEFAULT.enabled), duration(env, COMPACT_AFTER, DEFAULT.after),
                    duration(env, COMPACT_CHECK, DEFAULT.checkEvery));
        }
    }

    public ColdStoreConfig {
        require(kafkaBootstrap != null && !kafkaBootstrap.isBlank(), KAFKA_BOOTSTRAP, "must not be empty", kafkaBootstrap);
        require(groupId != null && !groupId.isBlank(), GROUP_ID, "must not be empty", groupId);
        require(lake != null, LAKE_DIR, "must be set", null);
        require(trinoJdbcUrl != null && trinoJdbcUrl.startsWith("jdbc:trino://"), TRINO_JDBC_URL,
                "must start with jdbc:trino://", trinoJdbcUrl);
        require(rotateEvery != null && rotateEvery.toMillis() > 0, ROTATE, "must be positive", rotateEvery);
        require(maxRecordsPerFile > 0, MAX_RECORDS_PER_FILE, "must be positive", maxRecordsPerFile);
        require(maxBytesPerFile > 0, MAX_BYTES_PER_FILE, "must be positive", maxBytesPerFile);
        require(instanceId == null || !instanceId.isBlank(), INSTANCE_ID, "must not be blank", instanceId);
        require(retention != null && retention.toMillis() > 0, RETENTION, "must be positive", retention);
        require(retentionCheckEvery != null && retentionCheckEvery.toMillis() > 0, RETENTION_CHECK, "must be positive",
                retentionCheckEvery);
        require(compaction != null, COMPACT, "must be set", null);
        require(httpPort >= 0 && httpPort <= 65535, HTTP_PORT, "must be 0 to 65535", httpPort);
    }

    /** As the canonical constructor, with a local lake in {@code lakeDir}. */
    public ColdStoreConfig(String kafkaBootstrap, String groupId, Path lakeDir, String trinoJdbcUrl,
                           Duration rotateEvery, int maxRecordsPerFile, long maxBytesPerFile, String instanceId,
                           SinkStep pauseAt, Duration retention, Duration retentionCheckEvery) {
        this(kafkaBootstrap, groupId, local(lakeDir), trinoJdbcUrl, rotateEvery, maxRecordsPerFile, maxBytesPerFile,
                instanceId, pauseAt, retention, retentionCheckEvery, Compaction.DEFAULT, DEFAULT_HTTP_PORT);
    }

    /** The settings of a normal run: a dynamic group member that never pauses, keeping the default retention. */
    public ColdStoreConfig(String kafkaBootstrap, String groupId, Path lakeDir, String trinoJdbcUrl,
                           Duration rotateEvery, int maxRecordsPerFile) {
        this(kafkaBootstrap, groupId, lakeDir, trinoJdbcUrl, rotateEvery, maxRecordsPerFile, DEFAULT_MAX_BYTES_PER_FILE, null, null);
    }

    /** As the canonical constructor, with the default retention and retention check. */
    public ColdStoreConfig(String kafkaBootstrap, String groupId, Path lakeDir, String trinoJdbcUrl,
                           Duration rotateEvery, int maxRecordsPerFile, long maxBytesPerFile, String instanceId,
                           SinkStep pauseAt) {
        this(kafkaBootstrap, groupId, local(lakeDir), trinoJdbcUrl, rotateEvery, maxRecordsPerFile, maxBytesPerFile, instanceId,
                pauseAt, DEFAULT_RETENTION, DEFAULT_RETENTION_CHECK, Compaction.DEFAULT, DEFAULT_HTTP_PORT);
    }

    /** A copy with the lake elsewhere. */
    public ColdStoreConfig withLake(LakeLocation lake) {
        return new ColdStoreConfig(kafkaBootstrap, groupId, lake, trinoJdbcUrl, rotateEvery, maxRecordsPerFile,
                maxBytesPerFile, instanceId, pauseAt, retention, retentionCheckEvery, compaction, httpPort);
    }

    /** A copy with other compaction settings. */
    public ColdStoreConfig withCompaction(Compaction compaction) {
        return new ColdStoreConfig(kafkaBootstrap, groupId, lake, trinoJdbcUrl, rotateEvery, maxRecordsPerFile,
                maxBytesPerFile, instanceId, pauseAt, retention, retentionCheckEvery, compaction, httpPort);
    }

    /** A copy with another ops port (0: any free one). */
    public ColdStoreConfig withHttpPort(int httpPort) {
        return new ColdStoreConfig(kafkaBootstrap, groupId, lake, trinoJdbcUrl, rotateEvery, maxRecordsPerFile,
                maxBytesPerFile, instanceId, pauseAt, retention, retentionCheckEvery, compaction, httpPort);
    }

    /** The lake's directory when the lake is local; null when it is in S3. */
    public Path lakeDir() {
        return lake instanceof LakeLocation.Local local ? local.dir() : null;
    }

    /** A copy with another retention and retention check. */
    public ColdStoreConfig withRetention(Duration retention, Duration retentionCheckEvery) {
        return new ColdStoreConfig(kafkaBootstrap, groupId, lake, trinoJdbcUrl, rotateEvery, maxRecordsPerFile,
                maxBytesPerFile, instanceId, pauseAt, retention, retentionCheckEvery, compaction, httpPort);
    }

    /**
     * The consumer group of a table's sink. The bids sink keeps {@code cold.group.id} itself, so
     * that its committed offsets survive the upgrade that brought other tables; the others get
     * their own group, {@code <cold.group.id>-<table>}.
     */
    public String groupIdOf(String table) {
        return table.equals(Names.BIDS_TABLE) ? groupId : groupId + "-" + table;
    }

    /** The static member id of a table's sink in its group ({@link #groupIdOf}), built the same way; null for none. */
    public String instanceIdOf(String table) {
        if (instanceId == null) {
            return null;
        }
        return table.equals(Names.BIDS_TABLE) ? instanceId : instanceId + "-" + table;
    }

    public static ColdStoreConfig fromEnv(Env env) {
        return new ColdStoreConfig(
                env.string(KAFKA_BOOTSTRAP, "127.0.0.1:9092"),
                env.string(GROUP_ID, "cold-store"),
                lake(env),
                env.string(TRINO_JDBC_URL, "jdbc:trino://127.0.0.1:8090?user=bidtrack"),
                TierGap.rotate(env), // the same setting the bidder and tracker check the tier gap with
                env.integer(MAX_RECORDS_PER_FILE, 1_000_000),
                env.longValue(MAX_BYTES_PER_FILE, DEFAULT_MAX_BYTES_PER_FILE),
                env.string(INSTANCE_ID, null),
                pauseAt(env.string(PAUSE_AT, null)),
                duration(env, RETENTION, DEFAULT_RETENTION),
                duration(env, RETENTION_CHECK, DEFAULT_RETENTION_CHECK),
                Compaction.fromEnv(env),
                env.integer(HTTP_PORT, DEFAULT_HTTP_PORT));
    }

    /**
     * The lake {@code lake.dir} names: {@code s3://bucket/prefix} (with the {@code s3.*} settings) or a directory.
     *
     * @throws IllegalArgumentException naming the variable at fault
     */
    public static LakeLocation lake(Env env) {
        return lake(env.string(LAKE_DIR, "./data/lake"), env);
    }

    /** As {@link #lake(Env)}, with {@code lakeDir} given (by a command-line option) instead of read. */
    public static LakeLocation lake(String lakeDir, Env env) {
        if (!LakeLocation.S3.isS3(lakeDir)) {
            return new LakeLocation.Local(Path.of(lakeDir));
        }
        String accessKey = env.string(S3_ACCESS_KEY, null);
        String secretKey = env.string(S3_SECRET_KEY, null);
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException(S3_ACCESS_KEY + " (" + Env.variableName(S3_ACCESS_KEY) + ") and " + S3_SECRET_KEY
                    + " (" + Env.variableName(S3_SECRET_KEY) + ") go together: set both, or neither for the AWS SDK's"
                    + " default credentials; only " + (accessKey == null ? S3_SECRET_KEY : S3_ACCESS_KEY) + " is set");
        }
        URI endpoint = endpoint(env.string(S3_ENDPOINT, null));
        String region = env.string(S3_REGION, "us-east-1");
        boolean pathStyle = env.bool(S3_PATH_STYLE, true);
        try {
            return LakeLocation.S3.of(lakeDir, endpoint, region, accessKey, secretKey, pathStyle);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LAKE_DIR + " (" + Env.variableName(LAKE_DIR) + "): " + e.getMessage(), e);
        }
    }

    /** null for AWS itself, else an http(s) URL with a host. */
    private static URI endpoint(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            require(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null,
                    S3_ENDPOINT, "must be an http:// or https:// URL, or empty for AWS S3", value);
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(S3_ENDPOINT + " (" + Env.variableName(S3_ENDPOINT) + ") must be an http:// or"
                    + " https:// URL, or empty for AWS S3, got '" + value + "': " + e.getMessage(), e);
        }
    }

    private static LakeLocation local(Path lakeDir) {
        return lakeDir == null ? null : new LakeLocation.Local(lakeDir);
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
    private static Duration duration(Env env, String key, Duration defaultValue) {
        try {
            return env.duration(key, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " (" + Env.variableName(key) + "): " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String key, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(key + " (" + Env.variableName(key) + ") " + rule + ", got '" + value + "'");
        }
    }
}
