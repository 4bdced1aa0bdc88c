package io.bidtrack.engine.keyspace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The hash table of a database: binary keys to {@link KeyEntry}s, chained buckets, power-of-two size.
 *
 * <p>Why not {@code HashMap}: lookups here take a slice of the request buffer (array, offset,
 * length), so GET allocates nothing, and the bucket layout supports Redis' SCAN cursor guarantee
 * (see {@link #scan}). The hash is seeded per engine so clients cannot pick colliding keys.
 *
 * <p>Resizing is done in one step (doubling at load factor 1, halving below 1/8). Redis spreads
 * this work over many commands; doing the same here is future work for very large keyspaces.
 */
final class KeyTable {
    private static final int MIN_CAPACITY = 16;
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long seed;
    private KeyEntry[] buckets = new KeyEntry[MIN_CAPACITY];
    private int size;

    KeyTable(long seed) {
        this.seed = seed;
    }

    int size() {
        return size;
    }

    int hash(byte[] data, int offset, int length) {
        long h = seed ^ (length * 0x9E3779B97F4A7C15L);
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            h = Long.rotateLeft(h ^ mix((long) LONGS.get(data, i)), 27) * 0x9E3779B97F4A7C15L;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (data[i] & 0xffL) << shift;
        }
        h = Long.rotateLeft(h ^ mix(tail), 27) * 0x9E3779B97F4A7C15L;
        return (int) (mix(h) >>> 32);
    }

    /** A final avalanche (MurmurHash3's fmix64), so every input bit affects the bucket index. */
    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        return k ^ (k >>> 33);
    }

    KeyEntry get(byte[] data, int offset, int length, int hash) {
        for (KeyEntry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && Arrays.equals(e.key, 0, e.key.length, data, offset, offset + length)) {
                return e;
            }
        }
        return null;
    }

    /** Adds an entry whose key is known to be absent. */
    void add(KeyEntry entry) {
        if (size >= buckets.length) {
            resize(buckets.length * 2);
        }
        int index = entry.hash & (buckets.length - 1);
        entry.next = buckets[index];
        buckets[index] = entry;
        size++;
    }

    void remove(KeyEntry entry) {
        int index = entry.hash & (buckets.length - 1);
        KeyEntry previous = null;
        for (KeyEntry e = buckets[index]; e != null; previous = e, e = e.next) {
            if (e == entry) {
                if (previous == null) {
                    buckets[index] = e.next;
                } else {
                    previous.next = e.next;
                }
                e.next = null;
                size--;
                if (buckets.length > MIN_CAPACITY && size < buckets.length / 8) {
                    resize(buckets.length / 2);
                }
                return;
            }
        }
    }

    /** A random entry of a non-empty table: a random non-empty bucket, then a random entry of its chain. */
    KeyEntry randomEntry(RandomGenerator random) {
        KeyEntry head;
        do {
            head = buckets[random.nextInt(buckets.length)];
        } while (head == null);
        int length = 0;
        for (KeyEntry e = head; e != null; e = e.next) {
            length++;
        }
        KeyEntry e = head;
        for (int i = random.nextInt(length); i > 0; i--) {
            e = e.next;
        }
        return e;
    }

    void clear() {
        buckets = new KeyEntry[MIN_CAPACITY];
        size = 0;
    }

    void forEach(Consumer<KeyEntry> action) {
        for (KeyEntry head : buckets) {
            for (KeyEntry e = head; e != null; e = e.next) {
                action.accept(e);
            }
        }
    }

    /**
     * Visits one bucket and returns the cursor of the next one (0 when the scan is complete).
     *
     * <p>The cursor walks bucket indexes with their bits reversed (incrementing the highest bit
     * first). With power-of-two tables, that order visits, for any table size, all the buckets
     * that the entries of an already visited bucket can move to on a resize. Hence Redis' promise:
     * every key present for the whole scan is returned at least once, even if the table grows or
     * shrinks between calls; some may be returned twice.
     */
    long scan(long cursor, Consumer<KeyEntry> visitor) {
        long mask = buckets.length - 1;
        for (KeyEntry e = buckets[(int) (cursor & mask)]; e != null; e = e.next) {
            visitor.accept(e);
        }
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }

    private void resize(int capacity) {
        KeyEntry[] old = buckets;
        KeyEntry[] fresh = new KeyEntry[capacity];
        int mask = capacity - 1;
        for (KeyEntry head : old) {
            KeyEntry e = head;
            while (e != null) {
                KeyEntry next = e.next;
                int index = e.hash & mask;
                e.next = fresh[index];
                fresh[index] = e;
                e = next;
            }
        }
        buckets = fresh;
    }
}
