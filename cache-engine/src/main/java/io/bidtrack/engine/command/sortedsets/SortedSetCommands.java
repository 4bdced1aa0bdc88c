package io.bidtrack.engine.command.sortedsets;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Command;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.SortedSetValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.List;

/**
 * Sorted-set commands on single members (ZADD, ZSCORE, ZRANK, ...). Ranges are in
 * {@link RangeCommands}, pops and random picks in {@link PopCommands}, ZUNION/ZINTER/ZDIFF in
 * {@link SortedSetAlgebra}.
 */
public final class SortedSetCommands {
    static final RedisError NOT_A_FLOAT = new RedisError("ERR value is not a valid float");
    static final RedisError NAN_SCORE = new RedisError("ERR resulting score is not a number (NaN)");

    private SortedSetCommands() {
    }

    public static void register(CommandTable table) {
        table.add(write("zadd", -4, ZaddCommand::zadd, "denyoom", "fast"));
        table.add(write("zincrby", 4, ZaddCommand::zincrby, "denyoom", "fast"));
        table.add(write("zrem", -3, SortedSetCommands::zrem, "fast"));
        table.add(read("zcard", 2, SortedSetCommands::zcard, "fast"));
        table.add(read("zscore", 3, SortedSetCommands::zscore, "fast"));
        table.add(read("zmscore", -3, SortedSetCommands::zmscore, "fast"));
        table.add(read("zrank", 3, (c, a) -> zrank(c, a, false), "fast"));
        table.add(read("zrevrank", 3, (c, a) -> zrank(c, a, true), "fast"));
        table.add(read("zscan", -3, SortedSetCommands::zscan));
        RangeCommands.register(table);
        PopCommands.register(table);
        SortedSetAlgebra.register(table);
    }

    static CommandSpec write(String name, int arity, Command handler, String... flags) {
        return spec(name, arity, handler, "write", flags).keys(1, 1, 1, "RW", "update").build();
    }

    static CommandSpec read(String name, int arity, Command handler, String... flags) {
        return spec(name, arity, handler, "readonly", flags).keys(1, 1, 1, "RO", "access").build();
    }

    static CommandSpec.Builder spec(String name, int arity, Command handler, String kind, String... flags) {
        boolean fast = List.of(flags).contains("fast");
        String[] all = new String[flags.length + 1];
        all[0] = kind;
        System.arraycopy(flags, 0, all, 1, flags.length);
        return CommandSpec.named(name).arity(arity).flags(all)
                .acl(kind.equals("write") ? "@write" : "@read", "@sortedset", fast ? "@fast" : "@slow")
                .handler(handler);
    }

    /** The sorted set stored in an entry, or WRONGTYPE. */
    static SortedSetValue zsetValue(KeyEntry entry) {
        if (entry.value() instanceof SortedSetValue zset) {
            return zset;
        }
        throw Errors.WRONG_TYPE;
    }

    /** The sorted set under argument {@code i} for reading, or null. */
    static SortedSetValue find(Client client, CommandArgs args, int i) {
        KeyEntry entry = KeyLookup.findForRead(client, args, i);
        return entry == null ? null : zsetValue(entry);
    }

    static ByteString member(CommandArgs args, int i) {
        return ByteString.copyOf(args.data(), args.offset(i), args.length(i));
    }

    static double score(CommandArgs args, int i) {
        try {
            return Scores.parse(args.data(), args.offset(i), args.length(i));
        } catch (Scores.NotAFloat e) {
            throw NOT_A_FLOAT;
        }
    }

    /** Emptied sorted sets are deleted, as in Redis. */
    static void deleteIfEmpty(Client client, KeyEntry entry, SortedSetValue zset) {
        if (zset.size() == 0) {
            client.db().delete(entry);
        }
    }

    static void writeScore(ReplyWriter reply, double score) {
        reply.doubleValue(Scores.formatBytes(score));
    }

    static void zrem(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        if (entry == null) {
            client.reply().integer(0);
            return;
        }
        SortedSetValue zset = zsetValue(entry);
        int removed = 0;
        for (int i = 2; i < args.count(); i++) {
            if (zset.remove(member(args, i))) {
                removed++;
            }
        }
        deleteIfEmpty(client, entry, zset);
        client.reply().integer(removed);
    }

    static void zcard(Client client, CommandArgs args) {
        SortedSetValue zset = find(client, args, 1);
        client.reply().integer(zset == null ? 0 : zset.size());
    }

    static void zscore(Client client, CommandArgs args) {
        SortedSetValue zset = find(client, args, 1);
        Double score = zset == null ? null : zset.score(member(args, 2));
        if (score == null) {
            client.reply().nullValue();
        } else {
            writeScore(client.reply(), score);
        }
    }

    static void zmscore(Client client, CommandArgs args) {
        SortedSetValue zset = find(client, args, 1);
        ReplyWriter reply = client.reply();
        reply.arrayHeader(args.count() - 2);
        for (int i = 2; i < args.count(); i++) {
            Double score = zset == null ? null : zset.score(member(args, i));
            if (score == null) {
                reply.nullValue();
            } else {
                writeScore(reply, score);
            }
        }
    }

    static void zrank(Client client, CommandArgs args, boolean reverse) {
        SortedSetValue zset = find(client, args, 1);
        long rank = zset == null ? -1 : zset.rank(member(args, 2));
        if (rank < 0) {
            client.reply().nullValue();
        } else {
            client.reply().integer(reverse ? zset.size() - 1 - rank : rank);
        }
    }

    /** ZSCAN: scores are bulk strings even in RESP3, as in Redis. */
    static void zscan(Client client, CommandArgs args) {
        long cursor = io.bidtrack.engine.command.sets.ScanOptions.cursor(args);
        SortedSetValue zset = find(client, args, 1);
        ReplyWriter reply = client.reply();
        if (zset == null) {
            reply.arrayHeader(2);
            reply.bulk("0");
            reply.arrayHeader(0);
            return;
        }
        ZScan.scan(reply, zset, io.bidtrack.engine.command.sets.ScanOptions.options(args, cursor));
    }
}
