package io.bidtrack.common.coredata;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.bidtrack.common.hotstore.HotStore;
import io.bidtrack.common.model.Campaign;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
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
 *   <li>changes heard on a dedicated connection ({@link L1Settings#invalidation()}): in pub/sub
 *       mode each {@code core-data} message carries the campaign and is applied at once
 *       ({@link PubSubInvalidation}); in tracking mode the store reports which {@code campaign:*}
 *       keys were written, by anyone, and each is re-read; a flush makes the whole cache be re-read
 *       ({@link TrackingInvalidation}: RESP3 pushes on the one dedicated connection, and why);</li>
 *   <li>per entry: an entry older than {@link L1Settings#ttl()} is re-read from the engine in the
 *       background on its next {@link #get} while the old value keeps serving (Caffeine
 *       refresh-after-write); if the engine is down the old value stays;</li>
 *   <li>resync: every ttl, and after the change connection is re-established, the whole keyspace
 *       is read again (SCAN), which also catches changes made while nobody was listening.</li>
 * </ol>
 * The connection listens before the initial load, so no change can fall between the two. Every
 * change heard gets an ordinal; a resync does not overwrite a campaign changed after it started,
 * and a re-read is applied only if no newer change of the same campaign was heard meanwhile (its
 * own re-read will be): a slower read never undoes a newer one.
 */
public final class CampaignCache {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignCache.class);
    /** A resync that takes longer is abandoned (and retried by the next one). */
    private static final long RESYNC_TIMEOUT_MS = 30_000;
    /** Wait before resyncing after a failed re-read, so a store in trouble is not hammered. */
    private static final long RETRY_DELAY_MS = 1000;

    private final Vertx vertx;
    private final String redisUrl;
    private final InvalidationMode mode;
    private final InvalidationProtocol protocol;
    /** Reads (load, resync, refresh) go through their own client, replaced when the engine is lost. */
    private volatile Redis commands;
    private volatile CampaignStore store;
    private final List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LoadingCache<String, Campaign> cache;
    /** Ordinal of the last change heard per campaign id; see the class comment. */
    private final Map<String, Long> lastChange = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong changesApplied = new AtomicLong();
    private final ResyncStats resyncStats = new ResyncStats();
    private final InvalidationConnection listener;
    private final long resyncTimer;
    private volatile boolean loaded;
    private volatile boolean closed;
    private Future<Integer> resyncing;

    private CampaignCache(Vertx vertx, String redisUrl, L1Settings settings) {
        this.vertx = vertx;
        this.redisUrl = redisUrl;
        this.mode = settings.invalidation();
        this.commands = commandClient();
        this.store = new CampaignStore(commands);
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .refreshAfterWrite(settings.ttl())
                .recordStats()
                .build(new EngineLoader());
        this.protocol = InvalidationProtocol.of(mode);
        Changes applier = new Changes();
        this.listener = new InvalidationConnection(vertx, redisUrl, protocol, settings.effectiveHeartbeat().toMillis(),
                message -> protocol.onMessage(message, applier), new Reconnection());
        this.resyncTimer = vertx.setPeriodic(settings.ttl().toMillis(), id -> resync());
    }

    /**
     * Starts listening for changes, loads every campaign from the engine, and completes once the
     * cache holds them: a service that awaits this is ready to bid.
     */
    public static Future<CampaignCache> start(Vertx vertx, String redisUrl, L1Settings settings) {
        CampaignCache cache = new CampaignCache(vertx, redisUrl, settings);
        return cache.listener.open()
                .compose(v -> cache.resync())
                .map(n -> {
                    cache.loaded = true;
                    LOG.info("campaign cache loaded {} campaigns, invalidation by {}", n, cache.mode);
                    return cache;
                })
                .recover(e -> cache.close().transform(ignored -> Future.failedFuture(e)));
    }

    /** The cached campaign; no network, ever. Counted as a hit or a miss in the L1 metrics. */
    public Optional<Campaign> get(String id) {
        return Optional.ofNullable(cache.getIfPresent(id));
    }

    /** A live view of every cached campaign, for the bidder's selection; no network. */
    public Collection<Campaign> campaigns() {
        return cache.asMap().values();
    }

    public long size() {
        return cache.estimatedSize();
    }

    /** True once the initial load is done; stays true while reconnecting (the cache keeps serving). */
    public boolean loaded() {
        return loaded;
    }

    /** True while the change connection is up, i.e. changes reach the cache within milliseconds. */
    public boolean listening() {
        return listener.connected();
    }

    public InvalidationMode invalidation() {
        return mode;
    }

    /**
     * One line for {@code /ready}: "12 campaigns, pubsub, subscribed", "12 campaigns, tracking,
     * reconnecting", "loading, tracking, tracking".
     */
    public String status() {
        String contents = loaded ? size() + " campaigns" : "loading";
        String connection = listening() ? protocol.activeState() : "reconnecting";
        return contents + ", " + mode + ", " + connection;
    }

    /**
     * Publishes {@code bidtrack_l1_*}: cached campaigns, hits and misses of {@link #get}, evictions,
     * changes applied, resyncs and the connection state; see {@link CampaignCacheMetrics}.
     */
    public void registerMetrics(MeterRegistry registry) {
        CampaignCacheMetrics.register(registry, this);
    }

    CacheStats stats() {
        return cache.stats();
    }

    long changesApplied() {
        return changesApplied.get();
    }

    ResyncStats resyncStats() {
        return resyncStats;
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

    /**
     * A resync that reads the store entirely after this call: a resync already under way may have
     * read a campaign before the event that calls for this one, so it is not joined but followed.
     */
    private synchronized Future<Integer> freshResync() {
        Future<Integer> current = resyncing;
        // Listeners run in order: resync()'s own cleanup has run by the time this one does.
        return current == null ? resync() : current.transform(ignored -> resync());
    }

    private Future<Integer> readAll() {
        long startedAt = changes.get();
        long startedNanos = System.nanoTime();
        return store.loadAll().map(loaded -> {
            // Counted before it is applied, so whoever sees its effect also sees it counted.
            resyncStats.record(true, System.nanoTime() - startedNanos);
            Set<String> present = new HashSet<>();
            for (Campaign c : loaded) {
                present.add(c.id());
                if (!changedSince(c.id(), startedAt)) {
                    cache.put(c.id(), c);
                }
            }
            for (String id : List.copyOf(cache.asMap().keySet())) {
                if (!present.contains(id) && !changedSince(id, startedAt)) {
                    cache.invalidate(id);
                }
            }
            // Older marks can no longer matter to a resync that starts after this one.
            lastChange.values().removeIf(ordinal -> ordinal < startedAt);
            notifyListeners();
            return loaded.size();
        }).onFailure(e -> {
            resyncStats.record(false, System.nanoTime() - startedNanos);
            LOG.warn("campaign resync failed, serving cached campaigns: {}", e.toString());
        });
    }

    /**
     * Runs {@code listener} after every change applied to the cache (push, re-read, resync), on
     * the thread that applied it: it must be quick (the bidder schedules an index rebuild).
     */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    private void notifyListeners() {
        for (Runnable l : changeListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("campaign change listener failed", e);
            }
        }
    }

    private boolean changedSince(String id, long ordinal) {
        return lastChange.getOrDefault(id, -1L) >= ordinal;
    }

    private long markChanged(String id) {
        long ordinal = changes.getAndIncrement();
        lastChange.put(id, ordinal);
        return ordinal;
    }

    private Redis commandClient() {
        return HotStore.pooledClient(vertx, redisUrl, 4);
    }

    public Future<Void> close() {
        closed = true;
        vertx.cancelTimer(resyncTimer);
        Redis commandsNow = commands;
        return listener.close().eventually(commandsNow::close);
    }

    /** Applies what the change connection hears. */
    private final class Changes implements CacheChanges {
        @Override
        public void upserted(Campaign campaign) {
            markChanged(campaign.id());
            changesApplied.incrementAndGet(); // counted first: whoever sees the change sees it counted
            cache.put(campaign.id(), campaign);
            notifyListeners();
        }

        @Override
        public void deleted(String campaignId) {
            markChanged(campaignId);
            changesApplied.incrementAndGet();
            cache.invalidate(campaignId);
            notifyListeners();
        }

        @Override
        public void changed(String campaignId) {
            long ordinal = markChanged(campaignId);
            store.load(campaignId).onComplete(ar -> {
                if (lastChange.getOrDefault(campaignId, ordinal) > ordinal) {
                    return; // a newer change of this campaign was heard: its own re-read applies
                }
                if (ar.failed()) {
                    // Never leave the entry stale: read everything again once the store answers.
                    LOG.warn("re-read of campaign {} failed, resyncing: {}", campaignId, ar.cause().toString());
                    vertx.setTimer(RETRY_DELAY_MS, id -> {
                        if (!closed) {
                            freshResync();
                        }
                    });
                    return;
                }
                changesApplied.incrementAndGet();
                ar.result().ifPresentOrElse(c -> cache.put(campaignId, c), () -> cache.invalidate(campaignId));
                notifyListeners();
            });
        }

        @Override
        public void flushed() {
            changesApplied.incrementAndGet();
            freshResync().onSuccess(n -> LOG.info("store flushed; resync found {} campaigns", n));
        }
    }

    /** What happens when the change connection is lost and back. */
    private final class Reconnection implements InvalidationConnection.Lifecycle {
        @Override
        public void lost() {
            // The command connections went to the same engine and may be just as dead (a half-open
            // connection never answers): start over with a new client; closing the old one fails
            // whatever still waits on it, such as a stuck resync.
            Redis oldCommands = commands;
            commands = commandClient();
            store = new CampaignStore(commands);
            oldCommands.close();
        }

        @Override
        public void reconnected() {
            // Changes made while we were away were never heard: read everything (the periodic
            // resync retries if this one fails).
            freshResync().onSuccess(n -> LOG.info("{} connection back, {} campaigns", mode, n));
        }
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
