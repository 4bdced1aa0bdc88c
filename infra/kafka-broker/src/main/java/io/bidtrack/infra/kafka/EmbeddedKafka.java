package io.bidtrack.infra.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * The real Apache Kafka broker, in this JVM: one KRaft node that is both broker and controller,
 * listening on 127.0.0.1 only. Its data lives in a log directory that survives restarts, so
 * committed consumer offsets and unconsumed records are still there after a stop and start.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final Path logDir;
    private final int port;
    /** Only a directory we created ourselves is ours to delete. */
    private final boolean deleteLogDirOnClose;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, int port, boolean deleteLogDirOnClose) {
        this.server = server;
        this.logDir = logDir;
        this.port = port;
        this.deleteLogDirOnClose = deleteLogDirOnClose;
    }

    /**
     * Starts a broker whose data lives in {@code logDir} (formatted on first use, reused after) and
     * returns once it accepts clients.
     *
     * @param port the client port on 127.0.0.1; 0 picks a free one
     */
    public static EmbeddedKafka start(Path logDir, int port) {
        return start(logDir.toAbsolutePath(), port, false);
    }

    /** A broker on a free port over a new temporary directory, which {@link #close()} deletes. */
    public static EmbeddedKafka startTemporary() {
        try {
            return start(Files.createTempDirectory("bidtrack-kafka-"), 0, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedKafka shared;

    /**
     * One temporary broker per JVM, for test classes that can share one (starting a broker takes
     * seconds): started on first use with one-partition {@code topics}, stopped when the JVM exits.
     * Its callers must not close it.
     */
    public static synchronized EmbeddedKafka sharedTemporary(String... topics) {
        if (shared == null) {
            EmbeddedKafka started = startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-kafka-stop"));
            shared = started;
        }
        shared.createTopics(1, topics);
        return shared;
    }

    private static EmbeddedKafka start(Path logDir, int port, boolean deleteLogDirOnClose) {
        try {
            return startServer(logDir, port, deleteLogDirOnClose);
        } catch (RuntimeException e) {
            if (deleteLogDirOnClose) {
                deleteRecursively(logDir);
            }
            throw e;
        }
    }

    private static EmbeddedKafka startServer(Path logDir, int port, boolean deleteLogDirOnClose) {
        long startNanos = System.nanoTime();
        int clientPort = port == 0 ? freePort() : requireFree(port);
        // The controller port only matters inside this node, so it is always picked afresh.
        KafkaConfig config = KafkaConfig.fromProps(BrokerSettings.properties(logDir, clientPort, freePort()), false);
        formatIfNew(config, logDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // Returns once the broker is registered with the controller and unfenced.
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw new IllegalStateException("kafka failed to start on port " + clientPort + " over " + logDir, e);
        }
        LOG.info("kafka ready on 127.0.0.1:{} over {} in {} ms", clientPort, logDir,
                (System.nanoTime() - startNanos) / 1_000_000);
        return new EmbeddedKafka(server, logDir, clientPort, deleteLogDirOnClose);
    }

    /**
     * Writes the cluster's identity and bootstrap metadata into a new log directory, as
     * {@code kafka-storage.sh format} would. A directory formatted before is left alone: its
     * meta.properties holds the cluster id the data belongs to (the formatter, even told to ignore
     * formatted directories, would insist on the new random id matching it).
     */
    private static void formatIfNew(KafkaConfig config, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format kafka storage in " + logDir, e);
        }
    }

    /** For example {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    /**
     * Creates the topics that do not exist yet (replication factor 1) and waits until every
     * partition has a leader, so producers and consumers can use them at once. Existing topics
     * are left as they are, whatever their partition count.
     */
    public void createTopics(int partitions, String... names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = Arrays.stream(names).map(name -> new NewTopic(name, partitions, (short) 1)).toList();
            admin.createTopics(topics).values().forEach((name, created) -> {
                try {
                    created.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + name, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topic " + name, e);
                }
            });
            awaitLeaders(admin, List.of(names));
        }
    }

    private static void awaitLeaders(Admin admin, Collection<String> names) {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        try {
            while (true) {
                Map<String, TopicDescription> descriptions;
                try {
                    descriptions = admin.describeTopics(names).allTopicNames().get();
                } catch (ExecutionException e) {
                    // Just created: the broker's metadata may not list the topic yet. Ask again.
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50);
                    continue;
                }
                boolean allLed = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (allLed) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " have no leader after " + TOPIC_READY_TIMEOUT);
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not describe topics " + names, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics " + names, e);
        }
    }

    /** Stops the broker and waits until it has; deletes the log directory only if it was temporary. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("kafka on port {} stopped", port);
        if (deleteLogDirOnClose) {
            deleteRecursively(logDir);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", " + logDir + "]";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Fails fast with a plain message instead of Kafka's chain of startup exceptions. */
    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start kafka: port " + port + " is already in use", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("could not delete kafka log dir {}: {}", dir, e.toString());
        }
    }
}
