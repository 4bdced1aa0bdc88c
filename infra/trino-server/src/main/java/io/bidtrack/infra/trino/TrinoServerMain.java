package io.bidtrack.infra.trino;

import io.trino.plugin.hive.HivePlugin;
import io.trino.server.testing.TestingTrinoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A single-node Trino (coordinator and worker in one JVM) with one catalog, {@code lake}: the Hive
 * connector over a local directory, with its metastore kept as files inside that directory.
 *
 * <p>Runs in its own JVM because Trino pins its own Netty, Jackson and slf4j versions; see
 * {@link TrinoProcess} for the launcher. Usage:
 * {@code TrinoServerMain [--port 8090] [--lake-dir data/lake] [--watch-stdin]}.
 *
 * <p>It never outlives whoever started it: it exits when its parent process ends, when stdin
 * reaches end-of-file (with {@code --watch-stdin}: the launcher holds a pipe open, and the kernel
 * closes it even if the launcher is killed with SIGKILL), and on SIGTERM/SIGINT.
 */
public final class TrinoServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoServerMain.class);

    /** The catalog name the services query ({@code lake.bidtrack.bids}). */
    public static final String CATALOG = "lake";

    private TrinoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: TrinoServerMain [--port 8090] [--lake-dir data/lake] [--watch-stdin]");
            System.exit(2);
            return;
        }
        Files.createDirectories(options.lakeDir());

        long startNanos = System.nanoTime();
        TestingTrinoServer server = TestingTrinoServer.builder()
                .setProperties(Map.of("http-server.http.port", String.valueOf(options.port())))
                // Runs before the server reports "starting": false on /v1/info, so a launcher that
                // waits for that can query the lake catalog at once.
                .setAdditionalConfiguration(s -> {
                    s.installPlugin(new HivePlugin());
                    s.createCatalog(CATALOG, "hive", lakeCatalogProperties(options.lakeDir()));
                })
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "trino-shutdown"));
        exitWhenParentExits();
        if (options.watchStdin()) {
            exitOnStdinEof();
        }
        LOG.info("trino ready at {} with catalog '{}' over {} (started in {} ms)", server.getBaseUrl(), CATALOG,
                options.lakeDir(), (System.nanoTime() - startNanos) / 1_000_000);

        // Trino's own threads keep working; this thread only has to stay out of the way until exit.
        new CountDownLatch(1).await();
    }

    /**
     * The Hive connector over {@code lakeDir}: {@code local:///bids} is {@code <lakeDir>/bids}, and
     * the table and partition metadata live in {@code <lakeDir>/metastore}. (With {@code file:///}
     * locations partitions registered fine but queries returned no rows; {@code local://} works.)
     */
    static Map<String, String> lakeCatalogProperties(Path lakeDir) {
        return Map.of(
                "hive.metastore", "file",
                "hive.metastore.catalog.dir", "local:///metastore",
                "fs.local.enabled", "true",
                "local.location", lakeDir.toAbsolutePath().toString(),
                // The cold-store sink writes Parquet itself and then registers each new partition.
                "hive.allow-register-partition-procedure", "true",
                "hive.non-managed-table-writes-enabled", "true",
                // Trino reads a Parquet file below this size whole; the sink's files are small (one per Kafka
                // partition and rotation), and a point lookup needs only their footer, bloom filter and one page.
                "parquet.small-file-threshold", "0B");
    }

    private static void stop(TestingTrinoServer server) {
        try { java.nio.file.Files.writeString(Path.of("/tmp/bt/hook.txt"), "stopping " + server.getBaseDataDir() + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND); } catch (Exception x) { }
        try {
            server.close();
            try { java.nio.file.Files.writeString(Path.of("/tmp/bt/hook.txt"), "closed; exists=" + java.nio.file.Files.exists(server.getBaseDataDir()) + "\n", java.nio.file.StandardOpenOption.APPEND); } catch (Exception x) { }
        } catch (IOException | RuntimeException e) {
            LOG.warn("error while stopping trino: {}", e.toString());
            try { java.io.StringWriter w = new java.io.StringWriter(); e.printStackTrace(new java.io.PrintWriter(w)); java.nio.file.Files.writeString(Path.of("/tmp/bt/hook.txt"), w.toString(), java.nio.file.StandardOpenOption.APPEND); } catch (Exception x) { }
        }
    }

    /** The process that started us is gone: nobody will ever stop us, so stop now. */
    private static void exitWhenParentExits() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            LOG.info("parent process {} exited; stopping", parent.pid());
            System.exit(0);
        }));
    }

    private static void exitOnStdinEof() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) {
                    // The launcher never writes; anything that arrives is ignored.
                }
            } catch (IOException e) {
                // A broken pipe means the same as end-of-file: the launcher is gone.
            }
            LOG.info("stdin closed; stopping");
            System.exit(0);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Command-line options, parsed by hand: three flags do not justify a dependency. */
    record Options(int port, Path lakeDir, boolean watchStdin) {
        static Options parse(String... args) {
            int port = 8090;
            Path lakeDir = Path.of("data", "lake");
            boolean watchStdin = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = parsePort(valueOf(args, ++i, "--port"));
                    case "--lake-dir" -> lakeDir = Path.of(valueOf(args, ++i, "--lake-dir"));
                    case "--watch-stdin" -> watchStdin = true;
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            return new Options(port, lakeDir.toAbsolutePath(), watchStdin);
        }

        private static String valueOf(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException("--port must be between 1 and 65535, got " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number, got " + value);
            }
        }
    }
}
