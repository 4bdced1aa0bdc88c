package io.bidtrack.engine.command.sets;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.SetValue;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.Arrays;
import java.util.Comparator;

/** SINTER, SUNION, SDIFF, their STORE forms, and SINTERCARD. A missing key is an empty set. */
final class SetAlgebra {
    private static final RedisError BAD_NUMKEYS = new RedisError("ERR numkeys should be greater than 0");
    private static final RedisError TOO_MANY_KEYS =
            new RedisError("ERR Number of keys can't be greater than number of args");
    private static final RedisError BAD_LIMIT = new RedisError("ERR LIMIT can't be negative");

    private enum Op { INTER, UNION, DIFF }

    private SetAlgebra() {
    }

    static void register(CommandTable table) {
        for (Op op : Op.values()) {
            String name = "s" + op.name().toLowerCase(java.util.Locale.ROOT);
            table.add(CommandSpec.named(name).arity(-2).flags("readonly").keys(1, -1, 1, "RO", "access")
                    .acl("@read", "@set", "@slow").tips("nondeterministic_output_order")
                    .handler((c, a) -> combine(c, a, op, false)).build());
            table.add(CommandSpec.named(name + "store").arity(-3).flags("write", "denyoom")
                    .keys(1, 1, 1, op == Op.INTER ? "RW" : "OW", "update").keys(2, -1, 1, "RO", "access")
                    .acl("@write", "@set", "@slow")
                    .signalsModifiedKeys().handler((c, a) -> combine(c, a, op, true)).build());
        }
        table.add(CommandSpec.named("sintercard").arity(-3).flags("readonly", "movablekeys")
                .keynum(1, 0, 1, 1, "RO", "access")
                .acl("@read", "@set", "@slow").handler(SetAlgebra::sintercard).build());
    }

    /** The sets named by arguments [from, to), null for missing keys; every key is type-checked first. */
    private static SetValue[] load(Client client, CommandArgs args, int from, int to) {
        SetValue[] sets = new SetValue[to - from];
        for (int i = from; i < to; i++) {
            sets[i - from] = SetCommands.find(client, args, i);
        }
        return sets;
    }

    private static void combine(Client client, CommandArgs args, Op op, boolean store) {
        SetValue[] sets = load(client, args, store ? 2 : 1, args.count());
        SetValue result = switch (op) {
            case INTER -> intersect(sets, Long.MAX_VALUE);
            case UNION -> union(sets);
            case DIFF -> diff(sets);
        };
        if (!store) {
            SetCommands.writeSet(client.reply(), result);
            return;
        }
        KeyEntry dst = KeyLookup.find(client, args, 1);
        if (result.size() == 0) {
            if (dst != null) {
                client.db().delete(dst);
                KeyLookup.modified(client, args, 1);
            }
        } else {
            KeyLookup.set(client, args, 1, result, false);
            KeyLookup.modified(client, args, 1);
        }
        client.reply().integer(result.size());
    }

    /** Members of the smallest set found in all others, stopping at {@code limit} members. */
    private static SetValue intersect(SetValue[] sets, long limit) {
        SetValue result = new SetValue();
        for (SetValue set : sets) {
            if (set == null) {
                return result;
            }
        }
        SetValue[] bySize = sets.clone();
        Arrays.sort(bySize, Comparator.comparingInt(SetValue::size));
        for (int i = 0; i < bySize[0].size() && result.size() < limit; i++) {
            ByteString member = bySize[0].at(i);
            boolean inAll = true;
            for (int k = 1; k < bySize.length && inAll; k++) {
                inAll = bySize[k].contains(member);
            }
            if (inAll) {
                result.add(member);
            }
        }
        return result;
    }

    private static SetValue union(SetValue[] sets) {
        SetValue result = new SetValue();
        for (SetValue set : sets) {
            if (set != null) {
                set.forEach(result::add);
            }
        }
        return result;
    }

    private static SetValue diff(SetValue[] sets) {
        SetValue result = new SetValue();
        if (sets[0] == null) {
            return result;
        }
        sets[0].forEach(member -> {
            for (int k = 1; k < sets.length; k++) {
                if (sets[k] != null && sets[k].contains(member)) {
                    return;
                }
            }
            result.add(member);
        });
        return result;
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit]: LIMIT 0 means no limit. */
    private static void sintercard(Client client, CommandArgs args) {
        long numkeys;
        try {
            numkeys = args.longValue(1);
        } catch (RuntimeException e) {
            throw BAD_NUMKEYS;
        }
        if (numkeys < 1) {
            throw BAD_NUMKEYS;
        }
        if (numkeys > args.count() - 2) {
            throw TOO_MANY_KEYS;
        }
        int end = 2 + (int) numkeys;
        long limit = 0;
        for (int i = end; i < args.count(); i++) {
            if (args.is(i, "limit") && i + 1 < args.count()) {
                try {
                    limit = args.longValue(++i);
                } catch (RuntimeException e) {
                    throw BAD_LIMIT;
                }
                if (limit < 0) {
                    throw BAD_LIMIT;
                }
            } else {
                throw io.bidtrack.engine.command.Errors.SYNTAX;
            }
        }
        SetValue[] sets = load(client, args, 2, end);
        client.reply().integer(intersect(sets, limit == 0 ? Long.MAX_VALUE : limit).size());
    }

}
