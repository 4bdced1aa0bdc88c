package io.bidtrack.engine.command;

import io.bidtrack.engine.acl.Acl;
import io.bidtrack.engine.transaction.WatchRegistry;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.blocking.BlockingRegistry;
import io.bidtrack.engine.keyspace.Keyspace;
import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.pubsub.PubSubHub;
import io.bidtrack.engine.tracking.Tracking;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything one engine owns, shared by all its connections: keyspace, pub/sub, clients, command
 * table, statistics and configuration.
 *
 * <p>Like Redis, the engine runs all commands on a single thread, so this state needs no locks and
 * every command is atomic. Only that thread may touch it.
 */
public final class EngineState {
    private final EngineConfig config;
    private final Keyspace keyspace;
    private final PubSubHub pubsub = new PubSubHub();
    private final BlockingRegistry blocking = new BlockingRegistry();
    private final WatchRegistry watches = new WatchRegistry();
    private final ClientRegistry clients = new ClientRegistry();
    private final Tracking tracking = new Tracking(clients::byId);
    private final ServerStats stats = new ServerStats();
    private final ErrorStats errorStats = new ErrorStats();
    private final SlowLog slowLog = new SlowLog();
    private final Settings settings;
    private final ClientPause pause;
    private final CommandTable commands;
    private final CommandDispatcher dispatcher;
    private final Acl acl;
    private final long startMillis = System.currentTimeMillis();
    private final String runId;
    private Runnable shutdownAction = () -> {
    };
    private volatile int port;
    private volatile String transport = "unknown";

    public EngineState(EngineConfig config, CommandTable commands) {
        this.config = config;
        this.commands = commands;
        this.keyspace = new Keyspace(config.databases());
        keyspace.readyListener(blocking::signal);
        // Expired keys (lazily in a command, or by the expiry cycle) invalidate client caches.
        keyspace.expiryListener((db, key) -> {
            if (tracking.isActive()) {
                tracking.keyExpired(key);
            }
        });
        this.settings = new Settings(config);
        this.pause = new ClientPause(commands);
        byte[] random = new byte[20];
        ThreadLocalRandom.current().nextBytes(random);
        this.runId = HexFormat.of().formatHex(random);
        this.acl = new Acl(commands, config.requirePass());
        if (!config.aclFile().isEmpty()) {
            // Like redis-server, refuse to start with users that cannot all be loaded.
            String errors = acl.load(java.nio.file.Path.of(config.aclFile()), config.aclFile(), null, java.util.List.of());
            if (errors != null) {
                throw new IllegalArgumentException("Aborting start-up because of ACL errors: " + errors);
            }
        }
        this.dispatcher = new CommandDispatcher(this);
    }

    /** Users, authentication and permissions. */
    public Acl acl() {
        return acl;
    }

    public EngineConfig config() {
        return config;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    /** Clients blocked on keys (BLPOP, ...). */
    public BlockingRegistry blocking() {
        return blocking;
    }

    /** Keys clients WATCH for their transactions. */
    public WatchRegistry watches() {
        return watches;
    }

    /** Client-side caching (CLIENT TRACKING). */
    public Tracking tracking() {
        return tracking;
    }

    /**
     * A command modified a key (Redis' signalModifiedKey): WATCHers of it fail their EXEC and
     * clients caching it are told. Allocation-free while nobody watches or tracks.
     */
    public void signalModifiedKey(Client client, Database db, byte[] data, int offset, int length) {
        watches.touch(db, data, offset, length);
        if (tracking.isActive()) {
            tracking.keyModified(client, data, offset, length);
        }
    }

    /**
     * FLUSHDB ({@code db}) or FLUSHALL ({@code null}) is about to empty databases (Redis'
     * signalFlushedDb): watched keys holding a value are touched, client caches get a null
     * invalidation.
     */
    public void signalFlushedDb(Database db) {
        if (db != null) {
            watches.touchExisting(db, null);
        } else {
            for (int i = 0; i < keyspace.databaseCount(); i++) {
                watches.touchExisting(keyspace.database(i), null);
            }
        }
        tracking.flushed();
    }

    /** Runs commands; EXEC uses it to run the queued ones. */
    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    public PubSubHub pubsub() {
        return pubsub;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public ServerStats stats() {
        return stats;
    }

    /** Error replies by code (INFO errorstats). */
    public ErrorStats errorStats() {
        return errorStats;
    }

    /** CLIENT PAUSE state. */
    public ClientPause pause() {
        return pause;
    }

    public SlowLog slowLog() {
        return slowLog;
    }

    /** The settings CONFIG SET can change; read these rather than {@link #config()} for them. */
    public Settings settings() {
        return settings;
    }

    public CommandTable commands() {
        return commands;
    }

    public long startMillis() {
        return startMillis;
    }

    /** Random id of this engine run (INFO run_id), as Redis has. */
    public String runId() {
        return runId;
    }

    /** The port actually bound (known once listening). */
    public int port() {
        return port;
    }

    public void port(int port) {
        this.port = port;
    }

    /** The I/O mechanism in use, for INFO's multiplexing_api ({@code epoll} or {@code nio}). */
    public String transport() {
        return transport;
    }

    public void transport(String transport) {
        this.transport = transport;
    }

    /**
     * What SHUTDOWN does once it has decided to stop: set by whoever owns the server
     * ({@link io.bidtrack.engine.CacheEngine}); called on the engine thread, so it must not wait.
     */
    public void onShutdown(Runnable action) {
        this.shutdownAction = action;
    }

    /** SHUTDOWN: stops the engine (in the standalone server, the process exits). */
    public void shutdown() {
        shutdownAction.run();
    }
}
