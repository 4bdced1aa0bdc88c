package io.bidtrack.engine.command.hashes;

import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.command.strings.LongDouble;
import io.bidtrack.engine.keyspace.HashValue;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.math.BigDecimal;

/** Per-field hash commands: HSETNX, HMSET, HMGET, HEXISTS, HSTRLEN, HLEN, HINCRBY, HINCRBYFLOAT. */
final class HashFieldCommands {
    private static final RedisError NOT_AN_INTEGER_FIELD = new RedisError("ERR hash value is not an integer");
    private static final RedisError NOT_A_FLOAT_FIELD = new RedisError("ERR hash value is not a float");
    private static final RedisError NOT_A_FLOAT = new RedisError("ERR value is not a valid float");
    private static final RedisError NAN_OR_INFINITY_ARG = new RedisError("ERR value is NaN or Infinity");
    private static final RedisError NAN_OR_INFINITY = new RedisError("ERR increment would produce NaN or Infinity");

    private HashFieldCommands() {
    }

    static void register(CommandTable table) {
        table.add(write("hsetnx", 4, "RW", "insert").signalsModifiedKeys().handler(HashFieldCommands::hsetnx).build());
        table.add(write("hmset", -4).signalsModifiedKeys().handler(HashFieldCommands::hmset).build());
        table.add(write("hincrby", 4, "RW", "access", "update").signalsModifiedKeys().handler(HashFieldCommands::hincrby).build());
        table.add(write("hincrbyfloat", 4, "RW", "access", "update").signalsModifiedKeys()
                .handler(HashFieldCommands::hincrbyfloat).build());
        table.add(read("hmget", -3).handler(HashFieldCommands::hmget).build());
        table.add(read("hexists", 3, "RO").handler(HashFieldCommands::hexists).build());
        table.add(read("hstrlen", 3, "RO").handler(HashFieldCommands::hstrlen).build());
        table.add(read("hlen", 2, "RO").handler(HashFieldCommands::hlen).build());
    }

    private static CommandSpec.Builder write(String name, int arity, String... keyFlags) {
        return CommandSpec.named(name).arity(arity).flags("write", "denyoom", "fast")
                .keys(1, 1, 1, keyFlags.length == 0 ? new String[] {"RW", "update"} : keyFlags)
                .acl("@write", "@hash", "@fast");
    }

    /** Key flags as Redis declares them: ACL read patterns are needed only where "access" is set. */
    private static CommandSpec.Builder read(String name, int arity, String... keyFlags) {
        return CommandSpec.named(name).arity(arity).flags("readonly", "fast")
                .keys(1, 1, 1, keyFlags.length == 0 ? new String[] {"RO", "access"} : keyFlags)
                .acl("@read", "@hash", "@fast");
    }

    static void hsetnx(Client client, CommandArgs args) {
        HashValue hash = HashCommands.hashForWrite(client, args);
        if (hash.get(args.data(), args.offset(2), args.length(2)) != null) {
            client.reply().integer(0);
            return;
        }
        hash.put(args.data(), args.offset(2), args.length(2), args.copy(3));
        KeyLookup.modified(client, args, 1);
        client.reply().integer(1);
    }

    /** HMSET: HSET's old name, answering OK instead of a count. */
    static void hmset(Client client, CommandArgs args) {
        if (args.count() % 2 == 1) {
            throw Errors.wrongArity("hmset");
        }
        HashValue hash = HashCommands.hashForWrite(client, args);
        for (int i = 2; i < args.count(); i += 2) {
            hash.put(args.data(), args.offset(i), args.length(i), args.copy(i + 1));
        }
        KeyLookup.modified(client, args, 1);
        client.reply().ok();
    }

    static void hmget(Client client, CommandArgs args) {
        HashValue hash = HashCommands.hashForRead(client, args);
        ReplyWriter reply = client.reply();
        reply.arrayHeader(args.count() - 2);
        for (int i = 2; i < args.count(); i++) {
            byte[] value = hash == null ? null : hash.get(args.data(), args.offset(i), args.length(i));
            if (value == null) {
                reply.nullValue();
            } else {
                reply.bulk(value);
            }
        }
    }

    static void hexists(Client client, CommandArgs args) {
        HashValue hash = HashCommands.hashForRead(client, args);
        client.reply().integer(hash != null && hash.get(args.data(), args.offset(2), args.length(2)) != null ? 1 : 0);
    }

    static void hstrlen(Client client, CommandArgs args) {
        HashValue hash = HashCommands.hashForRead(client, args);
        byte[] value = hash == null ? null : hash.get(args.data(), args.offset(2), args.length(2));
        client.reply().integer(value == null ? 0 : value.length);
    }

    static void hlen(Client client, CommandArgs args) {
        HashValue hash = HashCommands.hashForRead(client, args);
        client.reply().integer(hash == null ? 0 : hash.size());
    }

    /** HINCRBY: the increment is parsed before the key is looked up, as in Redis. */
    static void hincrby(Client client, CommandArgs args) {
        long delta;
        try {
            delta = args.longValue(3);
        } catch (Numbers.NotANumber e) {
            throw Errors.NOT_AN_INTEGER;
        }
        HashValue hash = HashCommands.hashForWrite(client, args);
        byte[] old = hash.get(args.data(), args.offset(2), args.length(2));
        long current = 0;
        if (old != null) {
            try {
                current = Numbers.parseLong(old, 0, old.length);
            } catch (Numbers.NotANumber e) {
                throw NOT_AN_INTEGER_FIELD;
            }
        }
        long updated;
        try {
            updated = Math.addExact(current, delta);
        } catch (ArithmeticException e) {
            throw Errors.OVERFLOW;
        }
        hash.put(args.data(), args.offset(2), args.length(2), Numbers.toBytes(updated));
        KeyLookup.modified(client, args, 1);
        client.reply().integer(updated);
    }

    /** HINCRBYFLOAT: Redis' long double arithmetic and formatting, as INCRBYFLOAT (see LongDouble). */
    static void hincrbyfloat(Client client, CommandArgs args) {
        BigDecimal increment = parse(args.data(), args.offset(3), args.length(3), NOT_A_FLOAT);
        if (increment == null) {
            throw NAN_OR_INFINITY_ARG;
        }
        HashValue hash = HashCommands.hashForWrite(client, args);
        byte[] old = hash.get(args.data(), args.offset(2), args.length(2));
        BigDecimal current = BigDecimal.ZERO;
        if (old != null) {
            current = parse(old, 0, old.length, NOT_A_FLOAT_FIELD);
            if (current == null) {
                throw NAN_OR_INFINITY;
            }
        }
        byte[] stored = LongDouble.format(LongDouble.round(current.add(increment)));
        if (stored == null) {
            throw NAN_OR_INFINITY;
        }
        hash.put(args.data(), args.offset(2), args.length(2), stored);
        KeyLookup.modified(client, args, 1);
        client.reply().bulk(stored);
    }

    /** A long double, or null for an infinity; {@code error} when it is not a number at all. */
    private static BigDecimal parse(byte[] data, int offset, int length, RedisError error) {
        try {
            return LongDouble.parse(data, offset, length);
        } catch (NumberFormatException e) {
            throw error;
        }
    }
}
