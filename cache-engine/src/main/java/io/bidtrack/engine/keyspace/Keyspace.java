package io.bidtrack.engine.keyspace;

import java.security.SecureRandom;

/** All databases of one engine, and their shared statistics. Used only by the engine thread. */
public final class Keyspace {
    private final Database[] databases;
    private final KeyspaceStats stats = new KeyspaceStats();

    public Keyspace(int databaseCount) {
        // A random seed per engine keeps clients from choosing keys that all land in one bucket.
        long seed = new SecureRandom().nextLong();
        databases = new Database[databaseCount];
        for (int i = 0; i < databaseCount; i++) {
            databases[i] = new Database(seed, stats);
        }
    }

    /** Called for every key deleted because its TTL passed, in any database. */
    public void expiryListener(Database.ExpiryListener listener) {
        for (Database db : databases) {
            db.expiryListener(listener);
        }
    }

    public int databaseCount() {
        return databases.length;
    }

    public Database database(int index) {
        return databases[index];
    }

    public KeyspaceStats stats() {
        return stats;
    }

    /** Who hears that a key of a blockable type was stored, in any database. */
    public void readyListener(KeyReadyListener listener) {
        for (Database db : databases) {
            db.readyListener(listener);
        }
    }

    public void flushAll() {
        for (Database db : databases) {
            db.clear();
        }
    }
}
