package io.bidtrack.engine.command.keys;

import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.command.strings.StringEncodings;
import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.keyspace.HashValue;
import io.bidtrack.engine.keyspace.ListValue;
import io.bidtrack.engine.keyspace.SetValue;
import io.bidtrack.engine.keyspace.SortedSetValue;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.Keyspace;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.Arrays;

/** Commands that carry a key (value and TTL) to another name or database: RENAME, RENAMENX, COPY, MOVE, SWAPDB. */
final class RenameCommands {
    private static final RedisError NO_SUCH_KEY = new RedisError("ERR no such key");
    private static final RedisError SAME_OBJECT = new RedisError("ERR source and destination objects are the same");

    private RenameCommands() {
    }

    static void register(CommandTable table) {
        table.add(CommandSpec.named("rename").arity(3).flags("write")
                .keys(1, 1, 1, "RW", "access", "delete").keys(2, 2, 1, "OW", "update")
                .acl("@keyspace", "@write", "@slow").signalsModifiedKeys().handler((client, args) -> rename(client, args, false)).build());
        table.add(CommandSpec.named("renamenx").arity(3).flags("write", "fast")
                .keys(1, 1, 1, "RW", "access", "delete").keys(2, 2, 1, "OW", "insert")
                .acl("@keyspace", "@write", "@fast").signalsModifiedKeys().handler((client, args) -> rename(client, args, true)).build());
        table.add(CommandSpec.named("copy").arity(-3).flags("write", "denyoom")
                .keys(1, 1, 1, "RO", "access").keys(2, 2, 1, "OW", "update")
                .acl("@keyspace", "@write", "@slow").signalsModifiedKeys().handler(RenameCommands::copy).build());
        table.add(CommandSpec.named("move").arity(3).flags("write", "fast").keys(1, 1, 1, "RW", "access", "update")
                .acl("@keyspace", "@write", "@fast").signalsModifiedKeys().handler(RenameCommands::move).build());
        table.add(CommandSpec.named("swapdb").arity(3).flags("write", "fast")
                .acl("@keyspace", "@write", "@fast", "@dangerous").signalsModifiedKeys().handler(RenameCommands::swapdb).build());
    }

    /** RENAME keeps the TTL of the source; the destination's old value and TTL are dropped. */
    static void rename(Client client, CommandArgs args, boolean onlyIfAbsent) {
        KeyEntry source = KeyLookup.find(client, args, 1);
        if (source == null) {
            throw NO_SUCH_KEY;
        }
        if (sameBytes(args, 1, 2)) {
            reply(client, onlyIfAbsent, false);
            return;
        }
        if (onlyIfAbsent && KeyLookup.find(client, args, 2) != null) {
            client.reply().integer(0);
            return;
        }
        Database db = client.db();
        db.delete(source);
        place(db, args.copy(2), source.value(), source.expireAt());
        KeyLookup.modified(client, args, 1);
        KeyLookup.modified(client, args, 2);
        reply(client, onlyIfAbsent, true);
    }

    /** COPY source destination [DB index] [REPLACE]: the value is copied deeply, the TTL too. */
    static void copy(Client client, CommandArgs args) {
        Database target = client.db();
        boolean replace = false;
        for (int j = 3; j < args.count(); j++) {
            if (args.is(j, "replace")) {
                replace = true;
            } else if (args.is(j, "db") && j + 1 < args.count()) {
                target = database(client, args, ++j);
            } else {
                throw Errors.SYNTAX;
            }
        }
        if (target == client.db() && sameBytes(args, 1, 2)) {
            throw SAME_OBJECT;
        }
        KeyEntry source = KeyLookup.findForRead(client, args, 1);
        if (source == null) {
            client.reply().integer(0);
            return;
        }
        KeyEntry existing = target.find(args.data(), args.offset(2), args.length(2));
        if (existing != null && !replace) {
            client.reply().integer(0);
            return;
        }
        Object copy = deepCopy(source.value());
        if (existing != null) {
            target.delete(existing);
        }
        byte[] name = args.copy(2);
        place(target, name, copy, source.expireAt());
        KeyLookup.modified(client, target, name);
        client.reply().integer(1);
    }

    /** Values are copied by type, so the copy and the original change independently. */
    private static Object deepCopy(Object value) {
        return switch (value) {
            case byte[] bytes -> StringEncodings.copyOf(bytes); // short strings may be overwritten in place
            case HashValue hash -> hash.copy();
            case ListValue list -> list.copy();
            case SetValue set -> set.copy();
            case SortedSetValue zset -> zset.copy();
            case StreamValue stream -> stream.copy();
            default -> throw new RedisError("ERR COPY is not supported yet for this type of key");
        };
    }

    /** MOVE key db: only if the key is absent from the target database. */
    static void move(Client client, CommandArgs args) {
        Database target = database(client, args, 2);
        if (target == client.db()) {
            throw SAME_OBJECT;
        }
        KeyEntry source = KeyLookup.find(client, args, 1);
        if (source == null || target.find(args.data(), args.offset(1), args.length(1)) != null) {
            client.reply().integer(0);
            return;
        }
        client.db().delete(source);
        place(target, source.key(), source.value(), source.expireAt());
        KeyLookup.modified(client, source.key());
        KeyLookup.modified(client, target, source.key());
        client.reply().integer(1);
    }

    /** SWAPDB a b: clients stay on their index and see the other database's keys. */
    static void swapdb(Client client, CommandArgs args) {
        int first = dbIndexArgument(args, 1, "ERR invalid first DB index");
        int second = dbIndexArgument(args, 2, "ERR invalid second DB index");
        Keyspace keyspace = client.engine().keyspace();
        if (first < 0 || first >= keyspace.databaseCount() || second < 0 || second >= keyspace.databaseCount()) {
            throw Errors.DB_INDEX_OUT_OF_RANGE;
        }
        if (first != second) {
            // Before the swap, like Redis' touchAllWatchedKeysInDb (client caches hear nothing).
            client.engine().watches().touchSwapped(keyspace.database(first), keyspace.database(second));
            keyspace.database(first).swapWith(keyspace.database(second));
            // Clients blocked in either database may now see the data they wait for.
            client.engine().blocking().signalStoredKeys(keyspace.database(first));
            client.engine().blocking().signalStoredKeys(keyspace.database(second));
        }
        client.reply().ok();
    }

    private static int dbIndexArgument(CommandArgs args, int i, String message) {
        try {
            long value = args.longValue(i);
            if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
        } catch (Numbers.NotANumber e) {
            // reported below with the command's own message
        }
        throw new RedisError(message);
    }

    /** A database index argument of MOVE and COPY, with Redis' three distinct errors. */
    private static Database database(Client client, CommandArgs args, int i) {
        long index = args.longValue(i);
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw Errors.NOT_AN_INT32;
        }
        Keyspace keyspace = client.engine().keyspace();
        if (index < 0 || index >= keyspace.databaseCount()) {
            throw Errors.DB_INDEX_OUT_OF_RANGE;
        }
        return keyspace.database((int) index);
    }

    /** Stores a value with its absolute expiry under a key known to be absent or replaceable. */
    private static void place(Database db, byte[] key, Object value, long expireAt) {
        KeyEntry entry = db.set(key, 0, key.length, value, false);
        if (expireAt != KeyEntry.NO_EXPIRY) {
            db.expireAt(entry, expireAt);
        }
    }

    private static boolean sameBytes(CommandArgs args, int a, int b) {
        return Arrays.equals(args.data(), args.offset(a), args.offset(a) + args.length(a),
                args.data(), args.offset(b), args.offset(b) + args.length(b));
    }

    private static void reply(Client client, boolean integer, boolean done) {
        if (integer) {
            client.reply().integer(done ? 1 : 0);
        } else {
            client.reply().ok();
        }
    }
}
