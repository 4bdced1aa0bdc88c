package io.bidtrack.engine.keyspace;

/** Counters reported by INFO stats; updated only by the engine thread. */
public final class KeyspaceStats {
    long expiredKeys;
    long hits;
    long misses;

    public long expiredKeys() {
        return expiredKeys;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        expiredKeys = 0;
        hits = 0;
        misses = 0;
    }
}
