package io.bidtrack.engine.command.strings;

import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;
import java.math.BigDecimal;
import java.util.function.ToLongFunction;

/** INCR, INCRBY, DECR, DECRBY and INCRBYFLOAT. All keep the key's TTL. */
final class CounterCommands {
    private static final RedisError NOT_A_FLOAT = new RedisError("ERR value is not a valid float");
    private static final RedisError NAN_OR_INFINITY = new RedisError("ERR increment would produce NaN or Infinity");

    private CounterCommands() {
    }

    static void register(CommandTable table) {
        table.add(counter("incr", 2, args -> 1));
        table.add(counter("incrby", 3, args -> args.longValue(2)));
        table.add(counter("decr", 2, args -> -1));
        table.add(counter("decrby", 3, CounterCommands::negatedDecrement));
        table.add(CommandSpec.named("incrbyfloat").arity(3).flags("write", "denyoom", "fast")
                .keys(1, 1, 1, "RW", "access", "update").acl("@write", "@string", "@fast")
                .signalsModifiedKeys().handler(CounterCommands::incrByFloat).build());
    }

    /** A counter command; the increment argument is checked before the key, as in Redis. */
    private static CommandSpec counter(String name, int arity, ToLongFunction<CommandArgs> delta) {
        return CommandSpec.named(name).arity(arity).flags("write", "denyoom", "fast")
                .keys(1, 1, 1, "RW", "access", "update").acl("@write", "@string", "@fast")
                .signalsModifiedKeys().handler((client, args) -> incrementBy(client, args, delta.applyAsLong(args)))
                .build();
    }

    private static long negatedDecrement(CommandArgs args) {
        long decrement = args.longValue(2);
        if (decrement == Long.MIN_VALUE) {
            throw new RedisError("ERR decrement would overflow");
        }
        return -decrement;
    }

    /** INCR and friends: the value must be a 64-bit integer in Redis' strict format. */
    private static void incrementBy(Client client, CommandArgs args, long delta) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        long current = 0;
        if (entry != null) {
            byte[] value = KeyLookup.stringValue(entry);
            try {
                current = Numbers.parseLong(value, 0, value.length);
            } catch (Numbers.NotANumber e) {
                throw Errors.NOT_AN_INTEGER;
            }
        }
        long updated;
        try {
            updated = Math.addExact(current, delta);
        } catch (ArithmeticException e) {
            throw Errors.OVERFLOW;
        }
        byte[] stored = entry == null ? null : (byte[]) entry.value();
        if (stored != null && stored.length == Numbers.decimalLength(updated)) {
            // Same number of digits: rewritten in place (see KeyEntry), no allocation.
            Numbers.writeLong(updated, stored, 0);
            StringEncodings.overwritten(stored);
            KeyLookup.modified(client, args, 1);
        } else {
            store(client, args, entry, Numbers.toBytes(updated));
        }
        client.reply().integer(updated);
    }

    /**
     * INCRBYFLOAT: unlike INCRBY, the key is looked up (and type-checked) before the increment is
     * parsed, as in Redis. The arithmetic is Redis' x87 long double, see {@link LongDouble}.
     */
    private static void incrByFloat(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        BigDecimal current = BigDecimal.ZERO;
        if (entry != null) {
            byte[] value = KeyLookup.stringValue(entry);
            current = parseFloat(value, 0, value.length);
        }
        BigDecimal increment = parseFloat(args.data(), args.offset(2), args.length(2));
        if (current == null || increment == null) {
            throw NAN_OR_INFINITY;
        }
        byte[] stored = LongDouble.format(LongDouble.round(current.add(increment)));
        if (stored == null) {
            throw NAN_OR_INFINITY;
        }
        StringEncodings.notInteger(stored);
        store(client, args, entry, stored);
        client.reply().bulk(stored);
    }

    /** A float argument, or null for an infinity (valid input, but any sum with it is rejected). */
    private static BigDecimal parseFloat(byte[] data, int offset, int length) {
        try {
            return LongDouble.parse(data, offset, length);
        } catch (NumberFormatException e) {
            throw NOT_A_FLOAT;
        }
    }

    private static void store(Client client, CommandArgs args, KeyEntry entry, byte[] value) {
        if (entry == null) {
            KeyLookup.set(client, args, 1, value, false);
        } else {
            client.db().replaceValue(entry, value);
        }
        KeyLookup.modified(client, args, 1);
    }
}
