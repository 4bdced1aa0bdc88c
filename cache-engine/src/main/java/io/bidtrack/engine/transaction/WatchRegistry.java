package io.bidtrack.engine.transaction;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.keyspace.KeyEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which clients WATCH which keys, engine-wide. A write to a watched key marks each watcher's
 * transaction as touched, so its EXEC aborts: optimistic locking, as in Redis.
 *
 * <p>Lookups cost one hash probe per written key, and nothing at all while nobody watches.
 */
public final class WatchRegistry {
    private final Map<WatchedKey, Set<Transaction>> watchers = new HashMap<>();

    /** A key in one database; the database object itself identifies it (one per index). */
    record WatchedKey(Database db, ByteString key) {
    }

    void watch(Transaction tx, Database db, ByteString key) {
        watchers.computeIfAbsent(new WatchedKey(db, key), k -> new LinkedHashSet<>()).add(tx);
    }

    void unwatch(Transaction tx, Database db, ByteString key) {
        WatchedKey k = new WatchedKey(db, key);
        Set<Transaction> set = watchers.get(k);
        if (set != null && set.remove(tx) && set.isEmpty()) {
            watchers.remove(k);
        }
    }

    public boolean isEmpty() {
        return watchers.isEmpty();
    }

    /** A command wrote {@code key} (a slice of its arguments) in {@code db}. */
    public void touch(Database db, byte[] data, int offset, int length) {
        if (watchers.isEmpty()) {
            return;
        }
        Set<Transaction> set = watchers.get(new WatchedKey(db, ByteString.copyOf(data, offset, length)));
        if (set != null) {
            set.forEach(Transaction::touched);
        }
    }

    /**
     * FLUSHDB or FLUSHALL ({@code replacement} null) or SWAPDB is about to replace the contents of
     * {@code db}: every watched key of it that is stored there now, or live in {@code replacement}
     * (the database whose contents it is about to get), counts as written, as in Redis'
     * touchAllWatchedKeysInDb. Nothing is deleted on the way, so no expiry is reported. A key
     * stored but expired in {@code db} was live when watched (WATCH deletes expired keys), so it
     * changed, as Redis judges it.
     */
    public void touchExisting(Database db, Database replacement) {
        if (watchers.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        List<Transaction> touched = new ArrayList<>();
        watchers.forEach((k, set) -> {
            if (k.db() != db) {
                return;
            }
            byte[] key = k.key().bytes();
            KeyEntry incoming = replacement == null ? null : replacement.peek(key, 0, key.length);
            if (db.peek(key, 0, key.length) != null || incoming != null && !replacement.isExpired(incoming, now)) {
                touched.addAll(set);
            }
        });
        touched.forEach(Transaction::touched);
    }

    /** SWAPDB is about to swap the contents of {@code a} and {@code b}. */
    public void touchSwapped(Database a, Database b) {
        touchExisting(a, b);
        touchExisting(b, a);
    }
}
