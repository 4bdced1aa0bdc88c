package io.bidtrack.engine;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the engine as a standalone server, like {@code redis-server}:
 * {@code java -cp cache-engine/target/classes:cache-engine/target/lib/* io.bidtrack.engine.EngineMain --port 6379}.
 * Prints one ready line, then serves until SIGINT, SIGTERM or a client's SHUTDOWN.
 */
@Command(name = "cache-engine", mixinStandardHelpOptions = true,
        description = "The bidtrack Redis-compatible engine (RESP2/RESP3).")
public final class EngineMain implements Callable<Integer> {
    /** Quiet default logging for the standalone process; an explicit -Dlogback.configurationFile wins. */
    private static final String DEFAULT_LOGGING = "io/bidtrack/engine/engine-logback.xml";

    @Option(names = "--config", paramLabel = "FILE",
            description = "A redis.conf-style file; options given on the command line override it.")
    Path configFile;

    @Option(names = "--port", description = "TCP port, 0 for any free one (default: 6379).")
    Integer port;

    @Option(names = "--bind", description = "Address to listen on (default: 127.0.0.1).")
    String bind;

    @Option(names = "--databases", description = "Number of databases (default: 16).")
    Integer databases;

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
    public Integer call() throws InterruptedException, IOException {
        EngineConfig config;
        try {
            config = configuration();
        } catch (IllegalArgumentException e) {
            System.err.println("cache-engine: bad configuration: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            System.err.println("cache-engine: no such configuration file: " + e.getFile());
            return 2;
        }
        CacheEngine engine = CacheEngine.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "cache-engine-signal"));
        System.out.println("cache-engine ready on " + engine.host() + ":" + engine.port());
        System.out.flush();
        // Until a signal or a client's SHUTDOWN stops it; then the process exits (status 0, as Redis).
        engine.awaitStop();
        return 0;
    }

    /** Defaults, then the file, then the command line. */
    EngineConfig configuration() throws IOException {
        EngineConfig c = EngineConfig.defaults();
        if (configFile != null) {
            c = ConfigFile.read(configFile, c);
        }
        return new EngineConfig(
                bind != null ? bind : c.bindAddress(),
                port != null ? port : c.port(),
                databases != null ? databases : c.databases(),
                maxBulkLength != null ? maxBulkLength : c.maxBulkLength(),
                c.maxMultibulkLength(),
                queryBufferLimit != null ? queryBufferLimit : c.queryBufferLimit(),
                maxClients != null ? maxClients : c.maxClients(),
                c.outputBufferLimits(), c.hz(), c.requirePass(), c.aclFile());
    }
}
