package io.bidtrack.coldstore;

import io.bidtrack.coldstore.ops.ColdStoreOps;
import io.bidtrack.common.config.Durations;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.web.VertxFactory;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the cold store standalone:
 * {@code java -cp cold-store/target/classes:cold-store/target/lib/* io.bidtrack.coldstore.ColdStoreMain --lake ./data/lake}.
 * Options override the BIDTRACK_* variables, which override the defaults. Serves {@code /health},
 * {@code /ready} and {@code /metrics} on {@code http.port} (default 8084). Prints one ready line,
 * then runs until SIGINT or SIGTERM, when it stores and commits what it holds before exiting.
 */
@Command(name = "cold-store", mixinStandardHelpOptions = true,
        description = "Consumes Kafka topics 'bids' and 'tracking-events' into Parquet files of the lake tables"
                + " lake.bidtrack.bids and lake.bidtrack.events, and drops partitions older than the retention.")
public final class ColdStoreMain implements Callable<Integer> {
    @Option(names = "--kafka", description = "Kafka bootstrap servers (default: BIDTRACK_KAFKA_BOOTSTRAP or 127.0.0.1:9092).")
    String kafka;

    @Option(names = "--lake", description = "Lake directory, the one Trino's local file system is rooted at, or s3://bucket/prefix"
            + " for a lake in S3 (reached with the BIDTRACK_S3_* settings) (default: BIDTRACK_LAKE_DIR or ./data/lake).")
    String lake;

    @Option(names = "--trino", description = "Trino JDBC URL (default: BIDTRACK_TRINO_JDBC_URL or jdbc:trino://127.0.0.1:8090?user=bidtrack).")
    String trino;

    @Option(names = "--rotate", description = "How often buffered bids become files, e.g. 60s, 5m (default: BIDTRACK_ROTATE or 60s).")
    String rotate;

    @Option(names = "--retention", description = "How long partitions are kept, the attribution window, e.g. 90d, 48h"
            + " (default: BIDTRACK_COLD_RETENTION or 90d).")
    String retention;

    @Option(names = "--http-port", description = "Port of /health, /ready and /metrics; 0 for any free one"
            + " (default: BIDTRACK_HTTP_PORT or 8084).")
    Integer httpPort;

    @Option(names = "--pause-at", paramLabel = "STEP", description = "Test hook for the crash test, never for production:"
            + " stop for good when the first rotation reaches STEP (written, synced, renamed, registered, committed),"
            + " printing 'cold-store paused at STEP' (default: BIDTRACK_COLD_PAUSE_AT or never).")
    String pauseAt;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ColdStoreMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Env variables = Env.system();
        ColdStoreConfig env = ColdStoreConfig.fromEnv(variables);
        ColdStoreConfig config = new ColdStoreConfig(
                kafka != null ? kafka : env.kafkaBootstrap(),
                env.groupId(),
                lake != null ? ColdStoreConfig.lake(lake, variables) : env.lake(),
                trino != null ? trino : env.trinoJdbcUrl(),
                rotate != null ? Durations.parse(rotate) : env.rotateEvery(),
                env.maxRecordsPerFile(),
                env.maxBytesPerFile(),
                env.instanceId(),
                pauseAt != null ? ColdStoreConfig.pauseAt(pauseAt) : env.pauseAt(),
                retention != null ? Durations.parse(retention) : env.retention(),
                env.retentionCheckEvery(),
                env.compaction(),
                httpPort != null ? httpPort : env.httpPort());
        ColdStoreService service = ColdStoreService.start(config);
        Vertx vertx = VertxFactory.create();
        ColdStoreOps ops;
        try {
            ops = ColdStoreOps.start(vertx, service, config.httpPort()).await();
        } catch (RuntimeException e) {
            System.err.println("cold-store: cannot serve /metrics on port " + config.httpPort() + ": " + e.getMessage());
            service.close();
            vertx.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ops.close().await();
            service.close();
            vertx.close().await();
            stopped.countDown();
        }, "cold-store-shutdown"));
        System.out.println("cold-store ready: topics bids and tracking-events from " + config.kafkaBootstrap() + " into "
                + config.lake().describe() + ", rotating every " + Durations.format(config.rotateEvery())
                + ", keeping " + Durations.format(config.retention()) + "; metrics on http://127.0.0.1:" + ops.port() + "/metrics");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
