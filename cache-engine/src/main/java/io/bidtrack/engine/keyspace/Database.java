package io.bidtrack.engine.keyspace;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One of the numbered databases (SELECT n): the keys, their TTLs, and lazy and active expiry.
 *
 * <p>Expiry is lazy first: every lookup checks the key's deadline and deletes it if passed, so no
 * command ever sees an expired key. Keys that are never read again are reclaimed by
 * {@link #expireSome}, which {@link ActiveExpiry} calls periodically.
 *
 * <p>Keys are passed as slices of the request buffer (array, offset, length) and copied only when
 * a new key is stored. Not thread-safe: only the engine thread touches a database.
 */
public final class Database {
    // Not final: SWAPDB exchanges the contents of two databases (clients keep their db objects).
    private KeyTable table;
    private VolatileKeys volatileKeys = new VolatileKeys();
    private final KeyspaceStats stats;
    /** Where the active expiry sweep continues in {@link #volatileKeys}. */
    private int sweepPosition;
    private KeyReadyListener readyListener = KeyReadyListener.NONE;
    private ExpiryListener expiryListener;

    /** Learns of keys deleted because their TTL passed (client-side caching invalidates them). */
    public interface ExpiryListener {
        void expired(Database db, byte[] key);
    }

    Database(long hashSeed, KeyspaceStats stats) {
        this.table = new KeyTable(hashSeed);
        this.stats = stats;
    }

    /** Number of keys, including expired ones not reclaimed yet (as Redis' DBSIZE). */
    public int size() {
        return table.size();
    }

    /** Number of keys with a TTL. */
    public int volatileSize() {
        return volatileKeys.size();
    }

    /** The live entry for a key, or null; an expired entry is deleted on the way. */
    public KeyEntry find(byte[] data, int offset, int length) {
        KeyEntry e = table.get(data, offset, length, table.hash(data, offset, length));
        if (e != null && e.isExpiredAt(System.currentTimeMillis())) {
            expire(e);
            return null;
        }
        return e;
    }

    /**
     * The entry for a key even if its TTL has passed, left in place (Redis' dictFind): for checks
     * that must not delete, nor report, expired keys.
     */
    public KeyEntry peek(byte[] data, int offset, int length) {
        return table.get(data, offset, length, table.hash(data, offset, length));
    }

    /** {@link #find}, counted in the keyspace hit/miss statistics (for commands that read values). */
    public KeyEntry findForRead(byte[] data, int offset, int length) {
        KeyEntry e = find(data, offset, length);
        if (e == null) {
            stats.misses++;
        } else {
            stats.hits++;
        }
        return e;
    }

    /**
     * Stores {@code value} under the key, creating it if needed. Like SET, this clears the TTL of
     * an existing key unless {@code keepTtl}.
     */
    public KeyEntry set(byte[] data, int offset, int length, Object value, boolean keepTtl) {
        int hash = table.hash(data, offset, length);
        KeyEntry e = table.get(data, offset, length, hash);
        if (e != null && e.isExpiredAt(System.currentTimeMillis())) {
            expire(e);
            e = null;
        }
        if (e == null) {
            e = new KeyEntry(Arrays.copyOfRange(data, offset, offset + length), hash, value);
            table.add(e);
        } else {
            e.value = value;
            if (!keepTtl) {
                persist(e);
            }
        }
        if (!(value instanceof byte[]) && isBlockable(value)) {
            readyListener.keyReady(this, e.key());
        }
        return e;
    }

    /**
     * SET of a string: like {@link #set}, but a live string of the same length (under
     * {@link KeyEntry#IN_PLACE_LIMIT}) is overwritten in place, with one table lookup either way.
     */
    public KeyEntry setString(byte[] keyData, int keyOffset, int keyLength, byte[] valueData, int valueOffset,
            int valueLength, boolean keepTtl) {
        int hash = table.hash(keyData, keyOffset, keyLength);
        KeyEntry e = table.get(keyData, keyOffset, keyLength, hash);
        if (e != null && e.isExpiredAt(System.currentTimeMillis())) {
            expire(e);
            e = null;
        }
        if (e != null && e.value instanceof byte[] old && old.length == valueLength && valueLength < KeyEntry.IN_PLACE_LIMIT) {
            System.arraycopy(valueData, valueOffset, old, 0, valueLength);
            if (!keepTtl) {
                persist(e);
            }
            return e;
        }
        byte[] value = Arrays.copyOfRange(valueData, valueOffset, valueOffset + valueLength);
        if (e == null) {
            e = new KeyEntry(Arrays.copyOfRange(keyData, keyOffset, keyOffset + keyLength), hash, value);
            table.add(e);
            return e;
        }
        e.value = value;
        if (!keepTtl) {
            persist(e);
        }
        return e;
    }

    /** The types clients can block on (BLPOP, BZPOPMIN, XREAD). */
    private static boolean isBlockable(Object value) {
        return value instanceof ListValue || value instanceof SortedSetValue || value instanceof StreamValue;
    }

    void readyListener(KeyReadyListener listener) {
        this.readyListener = listener;
    }

    /** Replaces the value of a live entry and keeps its TTL (INCR, HSET on an existing hash). */
    public void replaceValue(KeyEntry entry, Object value) {
        entry.value = value;
    }

    public void delete(KeyEntry entry) {
        if (entry.volatileSlot >= 0) {
            volatileKeys.remove(entry);
        }
        table.remove(entry);
    }

    /** Sets the absolute expiry time (Unix milliseconds) of a live entry. */
    public void expireAt(KeyEntry entry, long unixMillis) {
        if (entry.volatileSlot < 0) {
            volatileKeys.add(entry);
        }
        entry.expireAt = unixMillis;
    }

    /** Removes the TTL of an entry, if any. */
    public void persist(KeyEntry entry) {
        if (entry.volatileSlot >= 0) {
            volatileKeys.remove(entry);
        }
        entry.expireAt = KeyEntry.NO_EXPIRY;
    }

    /** Whether an entry met while iterating has expired; it is left in place. */
    public boolean isExpired(KeyEntry entry, long nowMillis) {
        return entry.isExpiredAt(nowMillis);
    }

    /** Deletes an entry met while iterating if it has expired; returns whether it did. */
    public boolean expireIfNeeded(KeyEntry entry, long nowMillis) {
        if (entry.isExpiredAt(nowMillis)) {
            expire(entry);
            return true;
        }
        return false;
    }

    /** A random live key, or null if there is none; expired keys met on the way are deleted. */
    public KeyEntry randomEntry(RandomGenerator random) {
        long now = System.currentTimeMillis();
        while (table.size() > 0) {
            KeyEntry e = table.randomEntry(random);
            if (!expireIfNeeded(e, now)) {
                return e;
            }
        }
        return null;
    }

    /** SWAPDB: exchanges all keys and TTLs with {@code other}. */
    public void swapWith(Database other) {
        KeyTable t = table;
        table = other.table;
        other.table = t;
        VolatileKeys v = volatileKeys;
        volatileKeys = other.volatileKeys;
        other.volatileKeys = v;
        sweepPosition = 0;
        other.sweepPosition = 0;
    }

    public void clear() {
        table.clear();
        volatileKeys.clear();
        sweepPosition = 0;
    }

    /** Visits all entries; the action must not add or delete keys. */
    public void forEach(Consumer<KeyEntry> action) {
        table.forEach(action);
    }

    /** One SCAN step, see {@link KeyTable#scan}; the visitor must not add or delete keys. */
    public long scan(long cursor, Consumer<KeyEntry> visitor) {
        return table.scan(cursor, visitor);
    }

    /**
     * Checks up to {@code checks} keys with a TTL and deletes the expired ones; returns how many
     * it deleted. Successive calls sweep the TTL keys in order and wrap around, so every key is
     * looked at within a bounded number of calls (Redis samples randomly instead; a sweep gives the
     * same cost per call with a firm bound on how long an expired key can linger).
     */
    int expireSome(long nowMillis, int checks) {
        int expired = 0;
        for (int i = 0; i < checks && volatileKeys.size() > 0; i++) {
            if (sweepPosition >= volatileKeys.size()) {
                sweepPosition = 0;
            }
            KeyEntry e = volatileKeys.get(sweepPosition);
            if (e.isExpiredAt(nowMillis)) {
                // Removal moves the last TTL key into this slot, so stay here to check it next.
                expire(e);
                expired++;
            } else {
                sweepPosition++;
            }
        }
        return expired;
    }

    void expiryListener(ExpiryListener listener) {
        this.expiryListener = listener;
    }

    private void expire(KeyEntry entry) {
        delete(entry);
        stats.expiredKeys++;
        if (expiryListener != null) {
            expiryListener.expired(this, entry.key());
        }
    }
}
