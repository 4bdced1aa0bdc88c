package io.bidtrack.engine.keyspace;

import java.util.Arrays;

/**
 * The keys of a database that have a TTL, in an array, so the active expiry cycle can walk them
 * without touching the (usually far larger) set of keys that never expire.
 *
 * <p>Removal swaps the last element into the freed slot: O(1), and each entry remembers its slot.
 */
final class VolatileKeys {
    private KeyEntry[] entries = new KeyEntry[16];
    private int size;

    int size() {
        return size;
    }

    KeyEntry get(int index) {
        return entries[index];
    }

    void add(KeyEntry entry) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entry.volatileSlot = size;
        entries[size++] = entry;
    }

    void remove(KeyEntry entry) {
        int slot = entry.volatileSlot;
        KeyEntry last = entries[--size];
        entries[slot] = last;
        last.volatileSlot = slot;
        entries[size] = null;
        entry.volatileSlot = -1;
        if (entries.length > 64 && size < entries.length / 4) {
            entries = Arrays.copyOf(entries, entries.length / 2);
        }
    }

    void clear() {
        entries = new KeyEntry[16];
        size = 0;
    }
}
