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
import java.util.function.ToLongFunction;

/** String commands: GET, SET, INCR, INCRBY, DECR, DECRBY. Values are byte arrays, never Strings. */
public final class StringCommands {
    private StringCommands() {
    }

    public static void register(CommandTable table) {
        table.add(CommandSpec.named("get").arity(2).flags("readonly", "fast")
                .keys(1, 1, 1, "RO", "access").acl("@read", "@string", "@fast")
                .handler(StringCommands::get).build());
        table.add(CommandSpec.named("set").arity(-3).flags("write", "denyoom")
                .keysWithNotes(1, 1, 1, "RW and ACCESS due to the optional `GET` argument",
                        "RW", "access", "update", "variable_flags")
                .acl("@write", "@string", "@slow")
                .handler(SetCommand::execute).build());
        table.add(counter("incr", 2, args -> 1));
        table.add(counter("incrby", 3, args -> args.longValue(2)));
        table.add(counter("decr", 2, args -> -1));
        table.add(counter("decrby", 3, StringCommands::negatedDecrement));
    }

    /** A counter command; the increment argument is checked before the key, as in Redis. */
    private static CommandSpec counter(String name, int arity, ToLongFunction<CommandArgs> delta) {
        return CommandSpec.named(name).arity(arity).flags("write", "denyoom", "fast")
                .keys(1, 1, 1, "RW", "access", "update").acl("@write", "@string", "@fast")
                .handler((client, args) -> incrementBy(client, args, delta.applyAsLong(args)))
                .build();
    }

    static void get(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        if (entry == null) {
            client.reply().nullValue();
        } else {
            client.reply().bulk(KeyLookup.stringValue(entry));
        }
    }

    private static long negatedDecrement(CommandArgs args) {
        long decrement = args.longValue(2);
        if (decrement == Long.MIN_VALUE) {
            throw new RedisError("ERR decrement would overflow");
        }
        return -decrement;
    }

    /** INCR and friends: the value must be a 64-bit integer in Redis' strict format; the TTL stays. */
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
        byte[] stored = Numbers.toBytes(updated);
        if (entry == null) {
            KeyLookup.set(client, args, 1, stored, false);
        } else {
            client.db().replaceValue(entry, stored);
        }
        client.reply().integer(updated);
    }
}
