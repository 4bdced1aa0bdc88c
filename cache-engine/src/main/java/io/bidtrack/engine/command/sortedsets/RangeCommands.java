package io.bidtrack.engine.command.sortedsets;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.SortedSetValue;
import io.bidtrack.engine.keyspace.ZSkipList;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.ArrayList;
import java.util.List;

/** ZRANGE in all its forms (rank, score, lex; forward and reverse; STORE), ZCOUNT, ZLEXCOUNT, ZREMRANGEBY*. */
final class RangeCommands {
    private static final RedisError LIMIT_WITH_RANK = new RedisError(
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
    private static final RedisError WITHSCORES_WITH_LEX =
            new RedisError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");

    enum Type { AUTO, RANK, SCORE, LEX }

    private RangeCommands() {
    }

    static void register(CommandTable table) {
        table.add(SortedSetCommands.spec("zrange", -4, (c, a) -> range(c, a, 1, Type.AUTO, null), "RO access").build());
        table.add(CommandSpec.named("zrangestore").arity(-5).flags("write", "denyoom").keys(1, 1, 1, "OW", "update")
                .keys(2, 2, 1, "RO", "access")
                .acl("@write", "@sortedset", "@slow").signalsModifiedKeys().handler((c, a) -> range(c, a, 2, Type.AUTO, null)).build());
        table.add(SortedSetCommands.spec("zrevrange", -4, (c, a) -> range(c, a, 1, Type.RANK, true), "RO access").build());
        table.add(SortedSetCommands.spec("zrangebyscore", -4, (c, a) -> range(c, a, 1, Type.SCORE, false), "RO access").build());
        table.add(SortedSetCommands.spec("zrevrangebyscore", -4, (c, a) -> range(c, a, 1, Type.SCORE, true), "RO access").build());
        table.add(SortedSetCommands.spec("zrangebylex", -4, (c, a) -> range(c, a, 1, Type.LEX, false), "RO access").build());
        table.add(SortedSetCommands.spec("zrevrangebylex", -4, (c, a) -> range(c, a, 1, Type.LEX, true), "RO access").build());
        table.add(SortedSetCommands.spec("zcount", 4, (c, a) -> count(c, a, Ranges.score(a, 2, 3)), "RO access", "fast").build());
        table.add(SortedSetCommands.spec("zlexcount", 4, (c, a) -> count(c, a, Ranges.lex(a, 2, 3)), "RO access", "fast").build());
        table.add(SortedSetCommands.spec("zremrangebyrank", 4, (c, a) -> remove(c, a, Type.RANK), "RW delete")
                .signalsModifiedKeys().build());
        table.add(SortedSetCommands.spec("zremrangebyscore", 4, (c, a) -> remove(c, a, Type.SCORE), "RW delete")
                .signalsModifiedKeys().build());
        table.add(SortedSetCommands.spec("zremrangebylex", 4, (c, a) -> remove(c, a, Type.LEX), "RW delete")
                .signalsModifiedKeys().build());
    }

    /**
     * The shared ZRANGE implementation, Redis' zrangeGenericCommand: {@code fixedType} AUTO and
     * {@code fixedReverse} null mean the options may choose them (ZRANGE, ZRANGESTORE).
     */
    static void range(Client client, CommandArgs args, int keyArg, Type fixedType, Boolean fixedReverse) {
        boolean withScores = false;
        boolean reverse = fixedReverse != null && fixedReverse;
        Type type = fixedType;
        long offset = 0;
        long limit = -1;
        for (int j = keyArg + 3; j < args.count(); j++) {
            int left = args.count() - j - 1;
            if (keyArg == 1 && args.is(j, "withscores")) { // ZRANGESTORE takes no WITHSCORES
                withScores = true;
            } else if (args.is(j, "limit") && left >= 2) {
                offset = args.longValue(j + 1);
                limit = args.longValue(j + 2);
                j += 2;
            } else if (fixedReverse == null && args.is(j, "rev")) {
                reverse = true;
            } else if (fixedType == Type.AUTO && args.is(j, "bylex")) {
                type = Type.LEX;
            } else if (fixedType == Type.AUTO && args.is(j, "byscore")) {
                type = Type.SCORE;
            } else {
                throw Errors.SYNTAX;
            }
        }
        if (type == Type.AUTO) {
            type = Type.RANK;
        }
        if (limit != -1 && type == Type.RANK) {
            throw LIMIT_WITH_RANK;
        }
        if (withScores && type == Type.LEX) {
            throw WITHSCORES_WITH_LEX;
        }
        boolean store = keyArg == 2;
        int minArg = keyArg + 1;
        int maxArg = keyArg + 2;
        if (reverse && type != Type.RANK) {
            minArg = keyArg + 2;
            maxArg = keyArg + 1;
        }
        List<Scored> items;
        if (type == Type.RANK) {
            long start = args.longValue(minArg);
            long end = args.longValue(maxArg);
            SortedSetValue zset = SortedSetCommands.find(client, args, keyArg);
            items = zset == null ? List.of() : byRank(zset, start, end, reverse);
        } else {
            Ranges.Range range = type == Type.SCORE ? Ranges.score(args, minArg, maxArg) : Ranges.lex(args, minArg, maxArg);
            SortedSetValue zset = SortedSetCommands.find(client, args, keyArg);
            items = zset == null ? List.of() : inRange(zset, range, reverse, offset, limit);
        }
        if (store) {
            Scored.store(client, args, 1, items);
        } else {
            Scored.write(client.reply(), items, withScores);
        }
    }

    /** Members from rank {@code start} to {@code end} (negative counts from the end), as Redis clamps them. */
    static List<Scored> byRank(SortedSetValue zset, long start, long end, boolean reverse) {
        long size = zset.size();
        if (start < 0) {
            start += size;
        }
        if (end < 0) {
            end += size;
        }
        if (start < 0) {
            start = 0;
        }
        List<Scored> items = new ArrayList<>();
        if (start > end || start >= size) {
            return items;
        }
        end = Math.min(end, size - 1);
        ZSkipList.Node n = zset.at(reverse ? size - 1 - start : start);
        for (long k = start; k <= end; k++, n = reverse ? n.previous() : n.next()) {
            items.add(Scored.of(n));
        }
        return items;
    }

    /** Members in a score or lex range, after skipping {@code offset}, at most {@code limit} (negative = all). */
    static List<Scored> inRange(SortedSetValue zset, Ranges.Range range, boolean reverse, long offset, long limit) {
        List<Scored> items = new ArrayList<>();
        if (range.isEmpty() || offset < 0) {
            return items;
        }
        ZSkipList order = zset.order();
        ZSkipList.Node n = reverse ? order.last(range.belowMax()) : order.first(range.aboveMin());
        for (; n != null && offset > 0; offset--) {
            n = reverse ? n.previous() : n.next();
        }
        ZSkipList.Bound stillIn = reverse ? range.aboveMin() : range.belowMax();
        for (; n != null && limit-- != 0 && stillIn.test(n.score(), n.member()); n = reverse ? n.previous() : n.next()) {
            items.add(Scored.of(n));
        }
        return items;
    }

    static void count(Client client, CommandArgs args, Ranges.Range range) {
        SortedSetValue zset = SortedSetCommands.find(client, args, 1);
        client.reply().integer(zset == null ? 0 : countInRange(zset, range));
    }

    private static long countInRange(SortedSetValue zset, Ranges.Range range) {
        if (range.isEmpty()) {
            return 0;
        }
        ZSkipList.Node first = zset.order().first(range.aboveMin());
        ZSkipList.Node last = zset.order().last(range.belowMax());
        if (first == null || last == null) {
            return 0;
        }
        long count = zset.rank(last) - zset.rank(first) + 1;
        return Math.max(0, count);
    }

    /** ZREMRANGEBY*: the range is checked before the key is looked up, as in Redis. */
    static void remove(Client client, CommandArgs args, Type type) {
        long start = 0;
        long end = 0;
        Ranges.Range range = null;
        switch (type) {
            case RANK -> {
                start = args.longValue(2);
                end = args.longValue(3);
            }
            case SCORE -> range = Ranges.score(args, 2, 3);
            default -> range = Ranges.lex(args, 2, 3);
        }
        KeyEntry entry = KeyLookup.find(client, args, 1);
        if (entry == null) {
            client.reply().integer(0);
            return;
        }
        SortedSetValue zset = SortedSetCommands.zsetValue(entry);
        List<Scored> doomed = type == Type.RANK ? byRank(zset, start, end, false) : inRange(zset, range, false, 0, -1);
        for (Scored s : doomed) {
            zset.remove(io.bidtrack.engine.bytes.ByteString.wrap(s.member()));
        }
        SortedSetCommands.deleteIfEmpty(client, entry, zset);
        if (!doomed.isEmpty()) {
            KeyLookup.modified(client, args, 1);
        }
        client.reply().integer(doomed.size());
    }
}
