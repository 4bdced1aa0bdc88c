package io.bidtrack.infra.stack;

import io.bidtrack.bidder.BidderConfig;
import io.bidtrack.bidder.BidderService;
import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.ColdStoreService;
import io.bidtrack.coldstore.ops.ColdStoreOps;
import io.bidtrack.common.Names;
import io.bidtrack.common.config.Durations;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.web.VertxFactory;
import io.bidtrack.dashboard.DashboardConfig;
import io.bidtrack.dashboard.DashboardService;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.infra.trino.TrinoProcess;
import io.bidtrack.tracker.TrackerConfig;
import io.bidtrack.tracker.TrackerService;
import io.bidtrack.updater.UpdaterConfig;
import io.bidtrack.updater.UpdaterService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole bidtrack stack on one machine, on the real components: the bundled engine and the
 * Kafka broker in this JVM, Trino in a child JVM (its classpath pins its own Netty and Jackson),
 * and every service in this JVM on one shared Vert.x instance. Used by {@code ./bidtrack demo}
 * and by the end-to-end tests, so both exercise exactly the same wiring.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final StackConfig config;
    private final HotStoreUsers users = HotStoreUsers.shared();
    /** What to stop, in reverse order of starting. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private CacheEngine engine;
    private EmbeddedKafka kafka;
    private TrinoProcess trino;
    private Vertx vertx;
    private UpdaterService updater;
    private BidderService bidder;
    private TrackerService tracker;
    private ColdStoreOps coldStoreOps;
    private DashboardService dashboard;

    private LocalStack(StackConfig config) {
        this.config = config;
    }

    /** Starts every component, seeds the demo campaigns, and returns once all of it is ready. */
    public static LocalStack start(StackConfig config) {
        LocalStack stack = new LocalStack(config);
        try {
            stack.startAll();
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException("stack failed to start", e);
        }
    }

    private void startAll() throws Exception {
        // normalize(): Trino refuses a lake root like "/x/./data/lake" ("outside of the root").
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        Path lakeDir = dataDir.resolve("lake");
        Files.createDirectories(lakeDir);
        StackConfig.Ports ports = config.ports();

        // Trino takes ~10 s to start in its own JVM: start it first and do the rest meanwhile.
        int trinoPort = ports.trino() == 0 ? freePort() : ports.trino();
        CompletableFuture<TrinoProcess> trinoStarting = CompletableFuture.supplyAsync(() ->
                TrinoProcess.start(TrinoProcess.defaultTargetDir(), trinoPort, lakeDir, dataDir.resolve("trino.log")));

        if (config.storeUrl() == null) {
            // The engine keeps its own copy of the users: ACL SAVE writes back to it, not to the repository.
            Path aclFile = users.writeTo(dataDir.resolve("users.acl"));
            engine = CacheEngine.start(EngineConfig.defaults().withPort(ports.engine()).withAclFile(aclFile.toString()));
            started.push(engine);
            LOG.info("engine listening on {}:{}", engine.host(), engine.port());
        } else {
            LOG.info("hot store: {} (not started here)", config.storeUrl());
        }

        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), ports.kafka());
        started.push(kafka);
        kafka.createTopics(Names.TOPIC_PARTITIONS, Names.STACK_TOPICS.toArray(String[]::new));
        LOG.info("kafka listening on {}", kafka.bootstrapServers());

        try {
            trino = trinoStarting.get(150, TimeUnit.SECONDS);
        } finally {
            // If Trino started after all but we gave up, still stop it.
            trinoStarting.thenAccept(t -> {
                if (trino == null) {
                    t.close();
                }
            });
        }
        started.push(trino);
        LOG.info("trino listening on {}", trino.jdbcUrl());

        Map<String, String> shared = new HashMap<>();
        shared.put("kafka.bootstrap", kafka.bootstrapServers());
        shared.put("trino.jdbc.url", trino.jdbcUrl());
        shared.put("hot.window", Durations.format(config.hotWindow()));
        shared.put("hot.margin", Durations.format(config.hotMargin()));
        shared.put("lake.dir", lakeDir.toString());
        shared.put("rotate", Durations.format(config.rotate()));

        ColdStoreService coldStore = null;
        if (config.sinkHere()) {
            coldStore = ColdStoreService.start(ColdStoreConfig.fromEnv(env(shared, Map.of())));
            started.push(coldStore);
        } else {
            LOG.info("cold-store sink not started here: run ColdStoreMain with --lake {}", lakeDir);
        }

        vertx = VertxFactory.create();
        started.push(() -> vertx.close().await());
        if (coldStore != null) {
            coldStoreOps = await(ColdStoreOps.start(vertx, coldStore, ports.coldStore()));
            started.push(() -> coldStoreOps.close().await());
        }
        updater = await(UpdaterService.start(vertx, UpdaterConfig.fromEnv(env(as(HotStoreUsers.UPDATER, shared), Map.of("http.port", ports.updater())))));
        started.push(() -> updater.close().await());
        DemoCampaigns.seed(updater.port());

        // The bidder and the tracker load all campaigns at start, so they start after the seed.
        tracker = await(TrackerService.start(vertx, TrackerConfig.fromEnv(env(as(HotStoreUsers.TRACKER, shared), Map.of("http.port", ports.tracker())))));
        started.push(() -> tracker.close().await());
        shared.put("tracker.base.url", trackerUrl());
        bidder = await(BidderService.start(vertx, BidderConfig.fromEnv(env(as(HotStoreUsers.BIDDER, shared), Map.of("http.port", ports.bidder())))));
        started.push(() -> bidder.close().await());

        // The dashboard reads every service's /metrics and the hot store's INFO and DBSIZE.
        Map<String, String> dashboardSettings = as(HotStoreUsers.DASHBOARD, shared);
        dashboardSettings.put("dashboard.bidder.url", bidderUrl());
        dashboardSettings.put("dashboard.tracker.url", trackerUrl());
        dashboardSettings.put("dashboard.coldstore.url", coldStoreOps != null ? coldStoreUrl()
                : "http://127.0.0.1:" + (ports.coldStore() == 0 ? ColdStoreConfig.DEFAULT_HTTP_PORT : ports.coldStore()));
        dashboard = await(DashboardService.start(vertx, DashboardConfig.fromEnv(env(dashboardSettings,
                Map.of("http.port", ports.dashboard())))));
        started.push(() -> dashboard.close().await());
    }

    /**
     * A service's settings as the BIDTRACK_* variables it reads: the ones this process was given
     * (so {@code BIDTRACK_L1_INVALIDATION=tracking ./bidtrack demo} reaches every service), then
     * what the stack decides for all (addresses, windows), then the service's own port.
     */
    private static Env env(Map<String, String> shared, Map<String, Integer> own) {
        Map<String, String> vars = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("BIDTRACK_")) {
                vars.put(k, v);
            }
        });
        shared.forEach((k, v) -> vars.put(Env.variableName(k), v));
        own.forEach((k, v) -> vars.put(Env.variableName(k), String.valueOf(v)));
        return new Env(vars);
    }

    /** The shared settings with the hot store reached as {@code user}. */
    private Map<String, String> as(String user, Map<String, String> shared) {
        Map<String, String> settings = new HashMap<>(shared);
        settings.put("redis.url", storeUrl(user));
        return settings;
    }

    private static <T> T await(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bidderUrl() {
        return "http://127.0.0.1:" + bidder.port();
    }

    public String trackerUrl() {
        return "http://127.0.0.1:" + tracker.port();
    }

    public String updaterUrl() {
        return "http://127.0.0.1:" + updater.port();
    }

    /** The live dashboard's page. */
    public String dashboardUrl() {
        return "http://127.0.0.1:" + dashboard.port();
    }

    /** The cold store's ops port (/health, /ready, /metrics), or null when the sink does not run here. */
    public String coldStoreUrl() {
        return coldStoreOps == null ? null : "http://127.0.0.1:" + coldStoreOps.port();
    }

    /**
     * The hot store as its {@code admin} user (every right; for operators and tests): the bundled
     * engine, or the one the config names as given.
     */
    public String storeUrl() {
        return storeUrl(HotStoreUsers.ADMIN);
    }

    /**
     * The hot store as one of the users of {@code infra/acl/users.acl} ({@link HotStoreUsers}). A
     * store the config names is used as given: its users are its own business.
     */
    public String storeUrl(String user) {
        return config.storeUrl() != null ? config.storeUrl().toString() : users.url(user, engine.host(), engine.port());
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public String trinoJdbcUrl() {
        return trino.jdbcUrl();
    }

    public StackConfig config() {
        return config;
    }

    /** Stops everything that started, newest first; safe to call twice and after a failed start. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", c, e.toString());
            }
        }
    }
}
