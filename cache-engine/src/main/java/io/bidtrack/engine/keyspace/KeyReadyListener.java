package io.bidtrack.engine.keyspace;

/**
 * Told when a key starts holding a list, sorted set or stream, whichever command stored it (push,
 * ZADD, RENAME, COPY, MOVE...): clients blocked on that key may now be served. Redis does the same
 * in dbAdd (signalKeyAsReady).
 */
@FunctionalInterface
public interface KeyReadyListener {
    KeyReadyListener NONE = (db, key) -> { };

    void keyReady(Database db, byte[] key);
}
