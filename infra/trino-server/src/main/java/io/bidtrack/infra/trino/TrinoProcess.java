package io.bidtrack.infra.trino;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Starts {@code TrinoServerMain} in a child JVM and stops it again.
 *
 * <p>Deliberately free of Trino imports: the stack depends on this module with every transitive
 * dependency excluded, so that Trino's pinned Netty/Jackson/slf4j never meet the services' own.
 * The child runs from {@code <trino-server>/target/classes} and {@code target/lib}, which the
 * trino-server build fills.
 *
 * <p>The child never outlives this JVM: {@link #close()} stops it, a shutdown hook stops it if
 * nobody called close, and the child itself exits when our stdin pipe to it closes (which the
 * kernel does even if this JVM is killed with SIGKILL) or when its parent process exits.
 */
public final class TrinoProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoProcess.class);

    /** A string, not a class literal: loading that class here would need Trino on our classpath. */
    static final String MAIN_CLASS = "io.bidtrack.infra.trino.TrinoServerMain";
    static final String USER = "bidtrack";
    /** TrinoServerMain's variables for the S3 keys (strings for the reason given at {@link #MAIN_CLASS}). */
    static final String ACCESS_KEY_VARIABLE = "BIDTRACK_S3_ACCESS_KEY";
    static final String SECRET_KEY_VARIABLE = "BIDTRACK_S3_SECRET_KEY";
    /**
     * Trino 483 needs Java 25 and these flags. The heap is 2 GiB: with 768 MiB, batched lookups over
     * the lake of {@code bench cold} spent noticeably more time collecting (a query reads tens of MiB
     * of pages when it selects every column). The JVM takes memory only as it uses it.
     */
    static final List<String> JVM_FLAGS = List.of(
            "--add-modules=jdk.incubator.vector",
            "--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx2g",
            // A Trino that ran out of memory is broken for good; dying lets the failure show.
            "-XX:+ExitOnOutOfMemoryError");
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int TAIL_BYTES = 4096;
    private static final Pattern READY = Pattern.compile("\"starting\"\\s*:\\s*false");

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;
    private boolean closed;

    private TrinoProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopProcess, "trino-process-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Trino on {@code 127.0.0.1:port} over {@code lakeDir} and returns once it answers
     * queries (the {@code lake} catalog included).
     *
     * @param trinoTargetDir the trino-server module's {@code target} directory, see {@link #defaultTargetDir()}
     * @param logFile        receives the child's stdout and stderr (appended)
     * @throws IllegalStateException if the port is taken, or Trino exits or is not ready within 120 s
     */
    public static TrinoProcess start(Path trinoTargetDir, int port, Path lakeDir, Path logFile) {
        try {
            Files.createDirectories(lakeDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the lake directory " + lakeDir, e);
        }
        return start(trinoTargetDir, port, command(trinoTargetDir, port, lakeDir), Map.of(), logFile);
    }

    /**
     * Where a lake in S3 is and how Trino reaches it.
     *
     * @param location  {@code s3://bucket/prefix} (or {@code s3://bucket}): tables are folders below it,
     *                  and so is the metastore ({@code <location>/metastore})
     * @param endpoint  the store's URL, such as {@code http://127.0.0.1:9000}; null for AWS itself
     * @param pathStyle address buckets as {@code http://host/bucket} (MinIO-like stores) rather than
     *                  as {@code http://bucket.host}
     * @param accessKey null, with {@code secretKey}, for the AWS SDK's default credentials
     */
    public record S3Lake(String location, String endpoint, String region, boolean pathStyle, String accessKey,
                         String secretKey) {
        /** Keeps the keys out of logs and failure messages. */
        @Override
        public String toString() {
            return "S3Lake[" + location + " at " + (endpoint == null ? "AWS" : endpoint) + ", region " + region
                    + (pathStyle ? ", path-style" : "") + "]";
        }
    }

    /**
     * Starts Trino on {@code 127.0.0.1:port} with its {@code lake} catalog over a bucket of an
     * S3-compatible store, and returns once it answers queries. The bucket must exist. The keys
     * reach the child through its environment, not its command line, which other users can read.
     *
     * @throws IllegalStateException as {@link #start(Path, int, Path, Path)}
     */
    public static TrinoProcess startS3(Path trinoTargetDir, int port, S3Lake lake, Path logFile) {
        Map<String, String> environment = new HashMap<>();
        if (lake.accessKey() != null) {
            environment.put(ACCESS_KEY_VARIABLE, lake.accessKey());
            environment.put(SECRET_KEY_VARIABLE, lake.secretKey());
        }
        return start(trinoTargetDir, port, s3Command(trinoTargetDir, port, lake), environment, logFile);
    }

    /**
     * Starts Trino on {@code 127.0.0.1:port} with the one catalog a Trino server's catalog file
     * describes ({@code etc/catalog/<name>.properties}, connector {@code hive}), and returns once it
     * answers queries. {@code environment} is what the file's {@code ${ENV:VARIABLE}} values are
     * read from (the child inherits nothing else of ours but the usual process variables).
     *
     * @throws IllegalStateException as {@link #start(Path, int, Path, Path)}, and when the file is not
     *                               a catalog Trino accepts (the log tail says why)
     */
    public static TrinoProcess startWithCatalog(Path trinoTargetDir, int port, Path catalogFile, Map<String, String> environment,
                                                Path logFile) {
        return start(trinoTargetDir, port, catalogCommand(trinoTargetDir, port, catalogFile), environment, logFile);
    }

    private static TrinoProcess start(Path trinoTargetDir, int port, List<String> command, Map<String, String> environment,
                                      Path logFile) {
        checkRunnable(trinoTargetDir);
        checkPortFree(port);
        long startNanos = System.nanoTime();
        Process process;
        try {
            Path logDir = logFile.toAbsolutePath().getParent();
            if (logDir != null) {
                Files.createDirectories(logDir);
            }
            ProcessBuilder builder = new ProcessBuilder(command);
            // Airlift colours its log lines whenever TERM is set, even into a file; keep the file plain.
            builder.environment().put("NO_COLOR", "1");
            // Only the keys given here: none inherited from whoever started us.
            builder.environment().remove(ACCESS_KEY_VARIABLE);
            builder.environment().remove(SECRET_KEY_VARIABLE);
            builder.environment().putAll(environment);
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // stdin stays a pipe we never write to: its end-of-file tells the child we are gone.
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start trino: " + command, e);
        }
        TrinoProcess trino = new TrinoProcess(process, port, logFile);
        try {
            trino.awaitReady(startNanos + START_TIMEOUT.toNanos());
        } catch (RuntimeException e) {
            trino.close();
            throw e;
        }
        LOG.info("trino (pid {}) ready on port {} in {} ms; log: {}", process.pid(), port,
                (System.nanoTime() - startNanos) / 1_000_000, logFile);
        return trino;
    }

    /**
     * Where the trino-server build output is: the system property {@code bidtrack.trino.dir} if set,
     * else {@code infra/trino-server/target} below {@code bidtrack.home} or the working directory.
     */
    public static Path defaultTargetDir() {
        String explicit = System.getProperty("bidtrack.trino.dir");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String home = System.getProperty("bidtrack.home", "");
        return Path.of(home).toAbsolutePath().resolve("infra/trino-server/target").normalize();
    }

    /** For example {@code jdbc:trino://127.0.0.1:8090?user=bidtrack}. */
    public String jdbcUrl() {
        return "jdbc:trino://127.0.0.1:" + port + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    /** The child JVM's process id (to check, for example, that nothing outlived a shutdown). */
    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops the child JVM (SIGTERM, then SIGKILL after 20 s) and waits until it is gone. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook runs (or ran) anyway.
        }
    }

    @Override
    public String toString() {
        return "TrinoProcess[pid=" + process.pid() + ", port=" + port + "]";
    }

    static List<String> command(Path trinoTargetDir, int port, Path lakeDir) {
        List<String> command = javaCommand(trinoTargetDir, port);
        command.addAll(List.of("--lake-dir", lakeDir.toAbsolutePath().normalize().toString(), "--watch-stdin"));
        return command;
    }

    static List<String> s3Command(Path trinoTargetDir, int port, S3Lake lake) {
        List<String> command = javaCommand(trinoTargetDir, port);
        command.addAll(List.of("--lake-s3", lake.location(), "--s3-region", lake.region(),
                "--s3-path-style", String.valueOf(lake.pathStyle())));
        if (lake.endpoint() != null) {
            command.addAll(List.of("--s3-endpoint", lake.endpoint()));
        }
        command.add("--watch-stdin");
        return command;
    }

    static List<String> catalogCommand(Path trinoTargetDir, int port, Path catalogFile) {
        List<String> command = javaCommand(trinoTargetDir, port);
        command.addAll(List.of("--catalog-file", catalogFile.toAbsolutePath().normalize().toString(), "--watch-stdin"));
        return command;
    }

    /** The JVM, its classpath, the main class and the port: what every lake's command starts with. */
    private static List<String> javaCommand(Path trinoTargetDir, int port) {
        Path target = trinoTargetDir.toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(target.resolve("classes") + File.pathSeparator + target.resolve("lib") + File.separator + "*");
        command.add(MAIN_CLASS);
        command.addAll(List.of("--port", String.valueOf(port)));
        return command;
    }

    private static void checkRunnable(Path trinoTargetDir) {
        Path mainClass = trinoTargetDir.resolve("classes/" + MAIN_CLASS.replace('.', '/') + ".class");
        if (!Files.isRegularFile(mainClass) || !Files.isDirectory(trinoTargetDir.resolve("lib"))) {
            throw new IllegalStateException("trino-server is not built in " + trinoTargetDir.toAbsolutePath()
                    + " (need classes/ and lib/): run 'mvn -pl infra/trino-server package' first,"
                    + " or point -Dbidtrack.trino.dir at its target directory");
        }
        if (Runtime.version().feature() < 25) {
            throw new IllegalStateException("Trino needs Java 25 or newer; this JVM is " + Runtime.version());
        }
    }

    /** Without this check a Trino already on the port could answer our readiness probe. */
    private static void checkPortFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start trino: port " + port + " is already in use", e);
        }
    }

    private void awaitReady(long deadlineNanos) {
        URI info = URI.create("http://127.0.0.1:" + port + "/v1/info");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpRequest request = HttpRequest.newBuilder(info).timeout(Duration.ofSeconds(2)).GET().build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("trino exited with code " + process.exitValue()
                            + " while starting; see " + logFile + ":\n" + tail(logFile));
                }
                if (System.nanoTime() > deadlineNanos) {
                    throw new IllegalStateException("trino was not ready within " + START_TIMEOUT.toSeconds()
                            + " s; see " + logFile + ":\n" + tail(logFile));
                }
                if (answersReady(http, request)) {
                    return;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for trino to start", e);
        }
    }

    private static boolean answersReady(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && READY.matcher(response.body()).find();
        } catch (InterruptedIOException e) {
            throw new InterruptedException(e.getMessage());
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    private void stopProcess() {
        closeQuietly(process.getOutputStream());
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("trino (pid {}) did not stop within {} s; killing it", process.pid(), STOP_GRACE.toSeconds());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // The child already closed its end; nothing to do.
        }
    }

    /** The end of the log, so a failed start explains itself without opening the file. */
    private static String tail(Path logFile) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long from = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log not readable: " + e + ")";
        }
    }
}
