package io.bidtrack.common.coredata;

import io.bidtrack.common.hotstore.HotStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.bidtrack.common.Names;
import io.bidtrack.common.model.Campaign;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process L1 copy of the campaigns, for the request path: {@link #get} and
 * {@link #campaigns()} never touch the network.
 * <p>
 * How it stays current, in order of speed:
 * <ol>
 *   <li>push: a dedicated connection SUBSCRIBEs to {@code core-data}; each message (see
 *       {@link CoreDataMessage}) is applied at once;</li>
 *   <li>per entry: an entry older than {@link L1Settings#ttl()} is re-read from the engine in the
 *       background on its next {@link #get} while the old value keeps serving (Caffeine
 *       refresh-after-write); if the engine is down the old value stays;</li>
 *   <li>resync: every ttl, and after the subscriber reconnects, the whole keyspace is read again
 *       (SCAN), which also catches campaigns created or deleted while a push was missed.</li>
 * </ol>
 * The subscription is made before the initial load, so no change can fall between the two; a push
 * that arrives while a load is under way wins over the (possibly older) loaded value.
 */
public final class CampaignCache {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignCache.class);
    private static final long RECONNECT_DELAY_MS = 1000;
    /** A resync that takes longer is abandoned (and retried by the next one). */
    private static final long RESYNC_TIMEOUT_MS = 30_000;
    /** How often the subscriber connection is pinged (at most; at least once per ttl). */
    private static final long HEARTBEAT_MS = 5000;

    private final Vertx vertx;
    private final String redisUrl;
    /** Reads (load, resync, refresh) go through their own client, replaced when the engine is lost. */
    private volatile Redis commands;
    private volatile CampaignStore store;
    private final LoadingCache<String, Campaign> cache;
    /** Ordinal of the last push per campaign id, so a slower resync never undoes a newer push. */
    private final Map<String, Long> lastPush = new ConcurrentHashMap<>();
    private final AtomicLong pushes = new AtomicLong();
    private final long resyncTimer;
    private final long heartbeatTimer;
    private final long heartbeatMs;
    /** The subscription's own client and connection; replaced as a whole on reconnect. */
    private volatile Redis subscriberClient;
    private volatile RedisConnection subscriber;
    private volatile boolean closed;
    private Future<Integer> resyncing;

    private CampaignCache(Vertx vertx, String redisUrl, L1Settings settings) {
        this.vertx = vertx;
        this.redisUrl = redisUrl;
        this.commands = commandClient();
        this.store = new CampaignStore(commands);
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .refreshAfterWrite(settings.ttl())
                .build(new EngineLoader());
        this.resyncTimer = vertx.setPeriodic(settings.ttl().toMillis(), id -> resync());
        this.heartbeatMs = Math.min(HEARTBEAT_MS, settings.ttl().toMillis());
        this.heartbeatTimer = vertx.setPeriodic(heartbeatMs, id -> heartbeat());
    }

    /**
     * Subscribes to {@code core-data}, loads every campaign from the engine, and completes once the
     * cache holds them: a service that awaits this is ready to bid.
     */
    public static Future<CampaignCache> start(Vertx vertx, String redisUrl, L1Settings settings) {
        CampaignCache cache = new CampaignCache(vertx, redisUrl, settings);
        return cache.subscribe()
                .compose(v -> cache.resync())
                .map(n -> {
                    LOG.info("campaign cache loaded {} campaigns", n);
                    return cache;
                })
                .recover(e -> cache.close().transform(ignored -> Future.failedFuture(e)));
    }

    /** The cached campaign; no network, ever. */
    public Optional<Campaign> get(String id) {
        return Optional.ofNullable(cache.getIfPresent(id));
    }

    /** A live view of every cached campaign, for the bidder's selection; no network. */
    public Collection<Campaign> campaigns() {
        return cache.asMap().values();
    }

    /** Publishes the number of cached campaigns as {@code bidtrack_l1_campaigns}. */
    public void registerMetrics(MeterRegistry registry) {
        Gauge.builder("bidtrack_l1_campaigns", this, CampaignCache::size)
                .description("campaigns in the L1 cache").register(registry);
    }

    public long size() {
        return cache.estimatedSize();
    }

    /**
     * Re-reads every campaign from the engine; completes with how many it found. One resync runs
     * at a time: a call while one is under way joins it.
     */
    public synchronized Future<Integer> resync() {
        if (resyncing != null) {
            return resyncing;
        }
        Future<Integer> running = readAll().timeout(RESYNC_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        resyncing = running;
        running.onComplete(ar -> {
            synchronized (this) {
                if (resyncing == running) {
                    resyncing = null;
                }
            }
        });
        return running;
    }

    private Future<Integer> readAll() {
        long startedAt = pushes.get();
        return store.loadAll().map(loaded -> {
            Set<String> present = new HashSet<>();
            for (Campaign c : loaded) {
                present.add(c.id());
                if (!pushedSince(c.id(), startedAt)) {
                    cache.put(c.id(), c);
                }
            }
            for (String id : List.copyOf(cache.asMap().keySet())) {
                if (!present.contains(id) && !pushedSince(id, startedAt)) {
                    cache.invalidate(id);
                }
            }
            // Older push marks can no longer matter to a resync that starts after this one.
            lastPush.values().removeIf(ordinal -> ordinal < startedAt);
            return loaded.size();
        }).onFailure(e -> LOG.warn("campaign resync failed, serving cached campaigns: {}", e.toString()));
    }

    private boolean pushedSince(String id, long ordinal) {
        return lastPush.getOrDefault(id, -1L) >= ordinal;
    }

    private Redis commandClient() {
        return HotStore.pooledClient(vertx, redisUrl, 4);
    }

    private Future<Void> subscribe() {
        // Pub/sub needs a connection of its own: once subscribed it accepts no other commands. It
        // gets a client of its own too, so that a dead connection is really closed, not pooled.
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl).setMaxPoolSize(1));
        subscriberClient = client;
        return client.connect().compose(conn -> {
            if (closed) {
                return client.close();
            }
            subscriber = conn;
            conn.handler(this::onPush);
            conn.exceptionHandler(e -> LOG.warn("core-data subscriber error: {}", e.toString()));
            conn.endHandler(v -> onSubscriberLost(conn, "disconnected"));
            return conn.send(Request.cmd(Command.SUBSCRIBE).arg(Names.CORE_DATA_CHANNEL)).mapEmpty();
        });
    }

    /**
     * A connection can die without the socket saying so (a half-open TCP connection, a hung
     * server): without this the cache would wait for pushes that never come. PING is allowed in
     * subscribed mode in RESP2 and RESP3.
     */
    private void heartbeat() {
        RedisConnection conn = subscriber;
        if (conn == null || closed) {
            return;
        }
        conn.send(Request.cmd(Command.PING))
                .timeout(heartbeatMs, TimeUnit.MILLISECONDS)
                .onFailure(e -> onSubscriberLost(conn, "unresponsive (" + e.getMessage() + ")"));
    }

    private void onPush(Response message) {
        // ["message", channel, payload]; subscription confirmations and other pushes are ignored.
        if (message.size() < 3 || !"message".equals(message.get(0).toString())) {
            return;
        }
        String payload = message.get(2).toString();
        CoreDataMessage parsed;
        try {
            parsed = CoreDataMessage.parse(payload);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring bad core-data message ({}): {}", e.getMessage(), abbreviate(payload));
            return;
        }
        lastPush.put(parsed.campaignId(), pushes.getAndIncrement());
        switch (parsed) {
            case CoreDataMessage.Upsert u -> cache.put(u.campaignId(), u.campaign());
            case CoreDataMessage.Deletion d -> cache.invalidate(d.campaignId());
        }
    }

    private void onSubscriberLost(RedisConnection conn, String why) {
        if (closed || conn != subscriber) {
            return;
        }
        LOG.warn("core-data subscriber {}; serving cached campaigns and reconnecting", why);
        subscriber = null;
        subscriberClient.close();
        // The command connections went to the same engine and may be just as dead (a half-open
        // connection never answers): start over with a new client; closing the old one fails
        // whatever still waits on it, such as a stuck resync.
        Redis oldCommands = commands;
        commands = commandClient();
        store = new CampaignStore(commands);
        oldCommands.close();
        vertx.setTimer(RECONNECT_DELAY_MS, id -> reconnect());
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        subscribe().onComplete(ar -> {
            if (ar.failed()) {
                subscriberClient.close();
                if (!closed) {
                    vertx.setTimer(RECONNECT_DELAY_MS, id -> reconnect());
                }
                return;
            }
            // Pushes sent while we were away are lost: resync (the periodic one retries on failure).
            resync().onSuccess(n -> LOG.info("core-data subscriber reconnected, {} campaigns", n));
        });
    }

    public Future<Void> close() {
        closed = true;
        vertx.cancelTimer(resyncTimer);
        vertx.cancelTimer(heartbeatTimer);
        Redis client = subscriberClient;
        Future<Void> closing = client == null ? Future.succeededFuture() : client.close().recover(e -> Future.succeededFuture());
        Redis commandsNow = commands;
        return closing.eventually(commandsNow::close);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** Caffeine's refresh: re-read one campaign from the engine without blocking any thread. */
    private final class EngineLoader implements CacheLoader<String, Campaign> {
        @Override
        public Campaign load(String id) {
            // Reads go through getIfPresent only: a miss means "no such campaign", never a blocking load.
            throw new UnsupportedOperationException("the L1 campaign cache never loads on the request path");
        }

        @Override
        public CompletableFuture<Campaign> asyncReload(String id, Campaign old, Executor executor) {
            // null removes the entry (deleted in the engine); an unreachable engine keeps the old value.
            return store.load(id)
                    .map(found -> found.orElse(null))
                    .otherwise(e -> {
                        LOG.debug("refresh of campaign {} failed, keeping cached value: {}", id, e.toString());
                        return old;
                    })
                    .toCompletionStage().toCompletableFuture();
        }
    }
}
