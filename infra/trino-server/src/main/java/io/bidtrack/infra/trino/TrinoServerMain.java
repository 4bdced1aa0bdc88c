package io.bidtrack.infra.trino;

import io.trino.plugin.hive.HivePlugin;
import io.trino.server.testing.TestingTrinoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * A single-node Trino (coordinator and worker in one JVM) with one catalog, {@code lake}: the Hive
 * connector over a local directory, with its metastore kept as files inside that directory; or,
 * with {@code --lake-s3}, over a bucket of an S3-compatible store, with the metastore's files in
 * the bucket too (below {@code <prefix>/metastore}), so that Trino itself keeps no state. With
 * {@code --catalog-file}, the catalog is the one a Trino server's {@code etc/catalog/<name>.properties}
 * file describes: this is how the compose stack's catalog file is checked against a real Trino.
 *
 * <p>Runs in its own JVM because Trino pins its own Netty, Jackson and slf4j versions; see
 * {@link TrinoProcess} for the launcher. Usage:
 * {@code TrinoServerMain [--port 8090] [--lake-dir data/lake | --lake-s3 s3://bucket/prefix
 * [--s3-endpoint URL] [--s3-region us-east-1] [--s3-path-style true] | --catalog-file lake.properties] [--watch-stdin]}.
 * The S3 keys
 * come from the variables {@code BIDTRACK_S3_ACCESS_KEY} and {@code BIDTRACK_S3_SECRET_KEY} (the
 * cold store's), not from arguments, which any user of the machine can read; without them the AWS
 * SDK's default credentials apply.
 *
 * <p>It never outlives whoever started it: it exits when its parent process ends, when stdin
 * reaches end-of-file (with {@code --watch-stdin}: the launcher holds a pipe open, and the kernel
 * closes it even if the launcher is killed with SIGKILL), and on SIGTERM/SIGINT.
 */
public final class TrinoServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoServerMain.class);

    /** The catalog name the services query ({@code lake.bidtrack.bids}). */
    public static final String CATALOG = "lake";
    /** The variables holding the S3 keys: the cold store's own ({@code s3.access.key}, {@code s3.secret.key}). */
    public static final String ACCESS_KEY_VARIABLE = "BIDTRACK_S3_ACCESS_KEY";
    public static final String SECRET_KEY_VARIABLE = "BIDTRACK_S3_SECRET_KEY";

    private TrinoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: TrinoServerMain [--port 8090] [--lake-dir data/lake | --lake-s3 s3://bucket/prefix"
                    + " [--s3-endpoint URL] [--s3-region us-east-1] [--s3-path-style true] | --catalog-file FILE] [--watch-stdin]");
            System.exit(2);
            return;
        }
        String catalogName = CATALOG;
        Map<String, String> catalog;
        if (options.catalogFile() != null) {
            CatalogFile file = CatalogFile.read(options.catalogFile());
            catalogName = file.name();
            catalog = file.properties();
        } else if (options.s3() == null) {
            Files.createDirectories(options.lakeDir());
            catalog = lakeCatalogProperties(options.lakeDir());
        } else {
            catalog = s3LakeCatalogProperties(options.s3(), System.getenv(ACCESS_KEY_VARIABLE), System.getenv(SECRET_KEY_VARIABLE));
        }

        long startNanos = System.nanoTime();
        String name = catalogName;
        TestingTrinoServer server = TestingTrinoServer.builder()
                .setProperties(Map.of("http-server.http.port", String.valueOf(options.port())))
                // Runs before the server reports "starting": false on /v1/info, so a launcher that
                // waits for that can query the lake catalog at once.
                .setAdditionalConfiguration(s -> {
                    s.installPlugin(new HivePlugin());
                    s.createCatalog(name, "hive", catalog);
                })
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "trino-shutdown"));
        exitWhenParentExits();
        if (options.watchStdin()) {
            exitOnStdinEof();
        }
        LOG.info("trino ready at {} with catalog '{}' over {} (started in {} ms)", server.getBaseUrl(), name,
                options.catalogFile() != null ? options.catalogFile() : options.s3() == null ? options.lakeDir() : options.s3().location(),
                (System.nanoTime() - startNanos) / 1_000_000);

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

    /**
     * The Hive connector over a bucket, through Trino's native S3 file system: tables live at
     * {@code s3://bucket/prefix/<table>} and the metastore's files at {@code s3://bucket/prefix/metastore}.
     *
     * @param accessKey null (or blank) for the AWS SDK's default credentials, with {@code secretKey}
     */
    static Map<String, String> s3LakeCatalogProperties(S3Options s3, String accessKey, String secretKey) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("hive.metastore", "file");
        properties.put("hive.metastore.catalog.dir", s3.location() + "/metastore");
        properties.put("fs.native-s3.enabled", "true");
        properties.put("s3.region", s3.region());
        properties.put("s3.path-style-access", String.valueOf(s3.pathStyle()));
        if (s3.endpoint() != null) {
            properties.put("s3.endpoint", s3.endpoint());
        }
        if (accessKey != null && !accessKey.isBlank()) {
            properties.put("s3.aws-access-key", accessKey);
            properties.put("s3.aws-secret-key", secretKey);
        }
        properties.put("hive.allow-register-partition-procedure", "true");
        properties.put("hive.non-managed-table-writes-enabled", "true");
        return properties;
    }

    private static void stop(TestingTrinoServer server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("error while stopping trino: {}", e.toString());
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

    /**
     * Where a lake in S3 is and how to reach it.
     *
     * @param location  {@code s3://bucket} or {@code s3://bucket/prefix}, without a trailing slash
     * @param endpoint  the store's URL ({@code http://127.0.0.1:9000} for MinIO), or null for AWS itself
     * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key}, as
     *                  MinIO-like stores want
     */
    record S3Options(String location, String endpoint, String region, boolean pathStyle) {
        S3Options {
            if (location == null || !location.startsWith("s3://") || location.length() == "s3://".length()) {
                throw new IllegalArgumentException("--lake-s3 must be s3://bucket or s3://bucket/prefix, got " + location);
            }
            while (location.endsWith("/")) {
                location = location.substring(0, location.length() - 1);
            }
        }
    }

    /**
     * A catalog as a Trino server reads it from {@code etc/catalog/<name>.properties}: the file's name
     * is the catalog's, {@code connector.name} says which connector serves it (only {@code hive} is
     * installed here), and every other line is the connector's configuration, passed on as it is
     * (Trino itself replaces {@code ${ENV:VARIABLE}} with the variable's value).
     */
    record CatalogFile(String name, Map<String, String> properties) {
        static final String SUFFIX = ".properties";

        static CatalogFile read(Path file) throws IOException {
            String fileName = file.getFileName().toString();
            if (!fileName.endsWith(SUFFIX) || fileName.length() == SUFFIX.length()) {
                throw new IllegalArgumentException("--catalog-file must be named <catalog>.properties, got " + file);
            }
            Properties loaded = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                loaded.load(in);
            }
            Map<String, String> properties = new LinkedHashMap<>();
            loaded.stringPropertyNames().stream().sorted().forEach(key -> properties.put(key, loaded.getProperty(key).trim()));
            String connector = properties.remove("connector.name");
            if (!"hive".equals(connector)) {
                throw new IllegalArgumentException(file + ": connector.name must be hive (the only connector installed here), got "
                        + connector);
            }
            return new CatalogFile(fileName.substring(0, fileName.length() - SUFFIX.length()), Map.copyOf(properties));
        }
    }

    /** Command-line options, parsed by hand: a few flags do not justify a dependency. */
    record Options(int port, Path lakeDir, boolean watchStdin, S3Options s3, Path catalogFile) {
        /** A lake in a local directory. */
        Options(int port, Path lakeDir, boolean watchStdin) {
            this(port, lakeDir, watchStdin, null, null);
        }

        static Options parse(String... args) {
            int port = 8090;
            Path lakeDir = Path.of("data", "lake");
            boolean watchStdin = false;
            String s3Location = null;
            String s3Endpoint = null;
            String s3Region = "us-east-1";
            boolean s3PathStyle = true;
            Path catalogFile = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = parsePort(valueOf(args, ++i, "--port"));
                    case "--lake-dir" -> lakeDir = Path.of(valueOf(args, ++i, "--lake-dir"));
                    case "--lake-s3" -> s3Location = valueOf(args, ++i, "--lake-s3");
                    case "--s3-endpoint" -> s3Endpoint = valueOf(args, ++i, "--s3-endpoint");
                    case "--s3-region" -> s3Region = valueOf(args, ++i, "--s3-region");
                    case "--s3-path-style" -> s3PathStyle = parseBoolean(valueOf(args, ++i, "--s3-path-style"), "--s3-path-style");
                    case "--catalog-file" -> catalogFile = Path.of(valueOf(args, ++i, "--catalog-file"));
                    case "--watch-stdin" -> watchStdin = true;
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            S3Options s3 = s3Location == null ? null : new S3Options(s3Location, s3Endpoint, s3Region, s3PathStyle);
            if (catalogFile != null && s3 != null) {
                throw new IllegalArgumentException("--catalog-file and --lake-s3 exclude each other: the file describes the lake");
            }
            return new Options(port, lakeDir.toAbsolutePath(), watchStdin, s3,
                    catalogFile == null ? null : catalogFile.toAbsolutePath());
        }

        private static boolean parseBoolean(String value, String option) {
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(option + " must be true or false, got " + value);
            };
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
