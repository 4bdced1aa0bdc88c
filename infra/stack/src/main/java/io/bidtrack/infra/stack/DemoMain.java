package io.bidtrack.infra.stack;

import io.bidtrack.common.config.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ./bidtrack demo}: the whole stack in one command; Ctrl-C (or SIGTERM) stops all of it. */
@Command(name = "bidtrack demo", mixinStandardHelpOptions = true,
        description = "Starts the engine, Kafka, Trino and every bidtrack service on this machine.")
public final class DemoMain implements Callable<Integer> {

    @Option(names = "--hot-window", defaultValue = "1h", converter = DurationConverter.class,
            description = "Age below which a bid is looked up in the hot store (default ${DEFAULT-VALUE}).")
    Duration hotWindow;

    @Option(names = "--rotate", defaultValue = "60s", converter = DurationConverter.class,
            description = "How often the cold-store sink closes a Parquet file (default ${DEFAULT-VALUE}).")
    Duration rotate;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Lake, Kafka logs and Trino metastore (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--store-url", paramLabel = "URL",
            description = "Use a hot store that already runs (the engine in its own JVM, or any Redis or Valkey, "
                    + "e.g. redis://127.0.0.1:6379) instead of starting the bundled engine in this JVM.")
    URI storeUrl;

    @Option(names = "--no-sink", description = "Do not run the cold-store sink in this JVM "
            + "(run ColdStoreMain yourself, in a process of its own, as in production).")
    boolean noSink;

    @Option(names = "--engine-port", defaultValue = "6379") int enginePort;
    @Option(names = "--kafka-port", defaultValue = "9092") int kafkaPort;
    @Option(names = "--trino-port", defaultValue = "8090") int trinoPort;
    @Option(names = "--bidder-port", defaultValue = "8080") int bidderPort;
    @Option(names = "--tracker-port", defaultValue = "8081") int trackerPort;
    @Option(names = "--updater-port", defaultValue = "8082") int updaterPort;
    @Option(names = "--dashboard-port", defaultValue = "8083") int dashboardPort;
    @Option(names = "--cold-store-port", defaultValue = "8084",
            description = "The cold store's /health, /ready and /metrics (default ${DEFAULT-VALUE}).") int coldStorePort;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        StackConfig config = new StackConfig(dataDir, hotWindow, rotate, new StackConfig.Ports(
                enginePort, kafkaPort, trinoPort, bidderPort, trackerPort, updaterPort, dashboardPort, coldStorePort),
                storeUrl, !noSink);
        long t0 = System.nanoTime();
        System.out.println("bidtrack demo: starting (hot window " + Durations.format(hotWindow) + ", rotate "
                + Durations.format(rotate) + ", data in " + dataDir.toAbsolutePath().normalize() + ")");
        LocalStack stack = LocalStack.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("bidtrack demo: stopping");
            stack.close();
            stopped.countDown();
        }, "demo-shutdown"));

        System.out.println();
        System.out.println("  dashboard " + stack.dashboardUrl() + "/");
        System.out.println("  bidder   " + stack.bidderUrl() + "/openrtb2/bid");
        System.out.println("  tracker  " + stack.trackerUrl() + "/t/imp?id=...   " + stack.trackerUrl() + "/bids/{id}");
        System.out.println("  updater  " + stack.updaterUrl() + "/campaigns");
        System.out.println("  engine   " + stack.storeUrl());
        System.out.println("  kafka    " + stack.kafkaBootstrap());
        System.out.println("  trino    " + stack.trinoJdbcUrl() + "   (table lake.bidtrack.bids)");
        if (stack.coldStoreUrl() != null) {
            System.out.println("  cold-store " + stack.coldStoreUrl() + "/metrics");
        }
        System.out.println();
        System.out.printf("bidtrack demo ready in %.1f s (Ctrl-C to stop)%n", (System.nanoTime() - t0) / 1e9);
        stopped.await();
        return 0;
    }

    /** picocli converter for 500ms / 20s / 5m / 1h / 90d. */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }
}
