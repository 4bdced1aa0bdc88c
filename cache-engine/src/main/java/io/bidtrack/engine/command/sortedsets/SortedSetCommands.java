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
        table.add(spec("zadd", -4, ZaddCommand::zadd, "RW update", "denyoom", "fast").signalsModifiedKeys().build());
        table.add(spec("zincrby", 4, ZaddCommand::zincrby, "RW access update", "denyoom", "fast").signalsModifiedKeys()
                .build());
        table.add(spec("zrem", -3, SortedSetCommands::zrem, "RW delete", "fast").signalsModifiedKeys().build());
        table.add(spec("zcard", 2, SortedSetCommands::zcard, "RO", "fast").build());
        table.add(spec("zscore", 3, SortedSetCommands::zscore, "RO access", "fast").build());
        table.add(spec("zmscore", -3, SortedSetCommands::zmscore, "RO access", "fast").build());
        table.add(spec("zrank", 3, (c, a) -> zrank(c, a, false), "RO access", "fast").build());
        table.add(spec("zrevrank", 3, (c, a) -> zrank(c, a, true), "RO access", "fast").build());
        table.add(spec("zscan", -3, SortedSetCommands::zscan, "RO access").tips("nondeterministic_output").build());
        RangeCommands.register(table);
        PopCommands.register(table);
        BlockingPops.register(table);
        SortedSetAlgebra.register(table);
    }

    /**
     * A one-key command; {@code keyFlags} ("RW delete") are its key spec's flags as COMMAND INFO
     * shows them, and whether they start with RO makes it a read or a write command.
     */
    static CommandSpec.Builder spec(String name, int arity, Command handler, String keyFlags, String... flags) {
        boolean read = keyFlags.startsWith("RO");
        boolean fast = List.of(flags).contains("fast");
        String[] all = new String[flags.length + 1];
        all[0] = read ? "readonly" : "write";
        System.arraycopy(flags, 0, all, 1, flags.length);
        return CommandSpec.named(name).arity(arity).flags(all).keys(1, 1, 1, keyFlags.split(" "))
                .acl(read ? "@read" : "@write", "@sortedset", fast ? "@fast" : "@slow").handler(handler);
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
        if (removed > 0) {
            KeyLookup.modified(client, args, 1);
        }
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
