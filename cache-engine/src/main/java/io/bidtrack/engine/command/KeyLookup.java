package io.bidtrack.engine.command;

import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;

/** Shorthands for the common case of a command argument naming a key in the client's database. */
public final class KeyLookup {
    private KeyLookup() {
    }

    /** The live entry named by argument {@code i}, or null. */
    public static KeyEntry find(Client client, CommandArgs args, int i) {
        return client.db().find(args.data(), args.offset(i), args.length(i));
    }

    /** Like {@link #find}, counted as a keyspace hit or miss (commands that read the value). */
    public static KeyEntry findForRead(Client client, CommandArgs args, int i) {
        return client.db().findForRead(args.data(), args.offset(i), args.length(i));
    }

    /** Stores {@code value} under the key named by argument {@code i} (SET semantics). */
    public static KeyEntry set(Client client, CommandArgs args, int i, Object value, boolean keepTtl) {
        return client.db().set(args.data(), args.offset(i), args.length(i), value, keepTtl);
    }

    /**
     * The key named by argument {@code i} was really modified (Redis' signalModifiedKey), for
     * commands built with {@code signalsModifiedKeys()}: WATCH and client caches learn of it.
     */
    public static void modified(Client client, CommandArgs args, int i) {
        client.engine().signalModifiedKey(client, client.db(), args.data(), args.offset(i), args.length(i));
    }

    /** {@link #modified(Client, CommandArgs, int)} for a key held as an array (blocking commands). */
    public static void modified(Client client, byte[] key) {
        client.engine().signalModifiedKey(client, client.db(), key, 0, key.length);
    }

    /** {@link #modified(Client, byte[])} in another database (MOVE, COPY ... DB). */
    public static void modified(Client client, Database db, byte[] key) {
        client.engine().signalModifiedKey(client, db, key, 0, key.length);
    }

    /** The string value of an entry, or WRONGTYPE if it holds another type. */
    public static byte[] stringValue(KeyEntry entry) {
        if (entry.value() instanceof byte[] bytes) {
            return bytes;
        }
        throw Errors.WRONG_TYPE;
    }
}
