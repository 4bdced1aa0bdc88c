package io.bidtrack.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the engine as a standalone server, like {@code redis-server}:
 * {@code java -cp cache-engine/target/classes:cache-engine/target/lib/* io.bidtrack.engine.EngineMain --port 6379}.
 * Prints one ready line, then serves until SIGINT or SIGTERM.
 */
@Command(name = "cache-engine", mixinStandardHelpOptions = true,
        description = "The bidtrack Redis-compatible engine (RESP2/RESP3).")
public final class EngineMain implements Callable<Integer> {
    /** Quiet default logging for the standalone process; an explicit -Dlogback.configurationFile wins. */
    private static final String DEFAULT_LOGGING = "io/bidtrack/engine/engine-logback.xml";

    @Option(names = "--port", defaultValue = "6379", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--databases", defaultValue = "16", description = "Number of databases (default: ${DEFAULT-VALUE}).")
    int databases;

    @Option(names = "--proto-max-bulk-len", description = "Longest accepted argument in bytes (default: 536870912).")
    Long maxBulkLength;

    @Option(names = "--client-query-buffer-limit", description = "Most unprocessed input bytes per client (default: 1073741824).")
    Integer queryBufferLimit;

    @Option(names = "--maxclients", description = "Most simultaneous clients (default: 10000).")
    Integer maxClients;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", DEFAULT_LOGGING);
        }
        System.exit(new CommandLine(new EngineMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        EngineConfig defaults = EngineConfig.defaults();
        EngineConfig config = new EngineConfig(bind, port, databases,
                maxBulkLength != null ? maxBulkLength : defaults.maxBulkLength(),
                defaults.maxMultibulkLength(),
                queryBufferLimit != null ? queryBufferLimit : defaults.queryBufferLimit(),
                maxClients != null ? maxClients : defaults.maxClients(),
                defaults.pubsubOutputLimit(), defaults.hz());
        CacheEngine engine = CacheEngine.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "cache-engine-shutdown"));
        System.out.println("cache-engine ready on " + engine.host() + ":" + engine.port());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
