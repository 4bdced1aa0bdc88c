package io.bidtrack.engine.keyspace;

import java.nio.charset.StandardCharsets;

/**
 * One key of a {@link Database}: its name, value, expiry time, and its links in the key table and
 * in the list of keys with a TTL.
 *
 * <p>Values are {@code byte[]} for strings, or a list, hash, set, sorted set or stream value. A
 * stored string shorter than {@link #IN_PLACE_LIMIT} belongs to its key alone and may be
 * overwritten in place by a value of the same length (SET, INCR): no allocation, and no new
 * old-to-young reference for the GC to track. Longer strings are never modified (commands
 * replace them), which lets replies hand them to the network without copying.
 */
public final class KeyEntry {
    /** {@link #expireAt()} of a key without a TTL. */
    public static final long NO_EXPIRY = -1;
    /** Strings shorter than this may be overwritten in place; replies copy them (see ReplyWriter). */
    public static final int IN_PLACE_LIMIT = 16 * 1024;

    final byte[] key;
    final int hash;
    Object value;
    long expireAt = NO_EXPIRY;
    /** Next entry in the same hash bucket. */
    KeyEntry next;
    /** Index in {@link VolatileKeys} while the key has a TTL, else -1. */
    int volatileSlot = -1;

    KeyEntry(byte[] key, int hash, Object value) {
        this.key = key;
        this.hash = hash;
        this.value = value;
    }

    /** The key's name; callers must not modify the array. */
    public byte[] key() {
        return key;
    }

    /** The key's name as Latin-1 text, for logs and tests. */
    public String keyAsString() {
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    public Object value() {
        return value;
    }

    /** Unix time in milliseconds when the key expires, or {@link #NO_EXPIRY}. */
    public long expireAt() {
        return expireAt;
    }

    public boolean hasExpiry() {
        return expireAt != NO_EXPIRY;
    }

    boolean isExpiredAt(long nowMillis) {
        return expireAt != NO_EXPIRY && expireAt <= nowMillis;
    }

    /** Redis' name for the type of this key's value, as TYPE and SCAN TYPE use it. */
    public String typeName() {
        return ValueTypes.nameOf(value);
    }
}
