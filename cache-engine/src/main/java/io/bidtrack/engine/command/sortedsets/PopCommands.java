package io.bidtrack.engine.command.sortedsets;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.SortedSetValue;
import io.bidtrack.engine.keyspace.ZSkipList;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** ZPOPMIN, ZPOPMAX and ZRANDMEMBER (blocking pops come with the shared blocking infrastructure). */
final class PopCommands {
    private static final RedisError NOT_POSITIVE = new RedisError("ERR value is out of range, must be positive");
    private static final RedisError OUT_OF_RANGE = new RedisError(
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
    private static final RedisError WITHSCORES_RANGE = new RedisError("ERR value is out of range");

    private PopCommands() {
    }

    static void register(io.bidtrack.engine.command.CommandTable table) {
        table.add(SortedSetCommands.spec("zpopmin", -2, (c, a) -> pop(c, a, false), "RW access delete", "fast")
                .signalsModifiedKeys().build());
        table.add(SortedSetCommands.spec("zpopmax", -2, (c, a) -> pop(c, a, true), "RW access delete", "fast")
                .signalsModifiedKeys().build());
        table.add(SortedSetCommands.spec("zrandmember", -2, PopCommands::zrandmember, "RO access")
                .tips("nondeterministic_output").build());
    }

    /** Without a count the reply is one flat [member, score] array even in RESP3, as in Redis 7.0. */
    static void pop(Client client, CommandArgs args, boolean max) {
        if (args.count() > 3) {
            throw Errors.SYNTAX;
        }
        long count = 1;
        boolean counted = args.count() == 3;
        if (counted) {
            try {
                count = args.longValue(2);
            } catch (RuntimeException e) {
                throw NOT_POSITIVE; // Redis gives this message for non-numbers too
            }
            if (count < 0) {
                throw NOT_POSITIVE;
            }
        }
        ReplyWriter reply = client.reply();
        KeyEntry entry = KeyLookup.find(client, args, 1);
        SortedSetValue zset = entry == null ? null : SortedSetCommands.zsetValue(entry);
        if (zset == null || count == 0) {
            reply.arrayHeader(0);
            return;
        }
        List<Scored> popped = new ArrayList<>();
        for (long k = 0; k < count && zset.size() > 0; k++) {
            ZSkipList.Node n = max ? zset.order().tail() : zset.order().head();
            popped.add(Scored.of(n));
            zset.remove(ByteString.wrap(n.member()));
        }
        SortedSetCommands.deleteIfEmpty(client, entry, zset);
        KeyLookup.modified(client, args, 1);
        if (counted) {
            Scored.write(reply, popped, true);
        } else {
            reply.arrayHeader(2);
            reply.bulk(popped.get(0).member());
            SortedSetCommands.writeScore(reply, popped.get(0).score());
        }
    }

    /** ZRANDMEMBER key [count [WITHSCORES]]: positive count = distinct members, negative may repeat. */
    static void zrandmember(Client client, CommandArgs args) {
        ReplyWriter reply = client.reply();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (args.count() == 2) {
            SortedSetValue zset = SortedSetCommands.find(client, args, 1);
            if (zset == null) {
                reply.nullValue();
            } else {
                reply.bulk(zset.at(random.nextInt(zset.size())).member());
            }
            return;
        }
        long count = args.longValue(2);
        if (count == Long.MIN_VALUE) {
            throw OUT_OF_RANGE;
        }
        if (args.count() > 4 || (args.count() == 4 && !args.is(3, "withscores"))) {
            throw Errors.SYNTAX;
        }
        boolean withScores = args.count() == 4;
        if (withScores && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            throw WITHSCORES_RANGE;
        }
        SortedSetValue zset = SortedSetCommands.find(client, args, 1);
        if (zset == null || count == 0) {
            reply.arrayHeader(0);
            return;
        }
        if (count < 0) {
            writeWithRepeats(reply, zset, -count, withScores, random);
            return;
        }
        int size = zset.size();
        int n = (int) Math.min(count, size);
        int[] ranks = new int[size];
        for (int k = 0; k < size; k++) {
            ranks[k] = k;
        }
        List<Scored> picked = new ArrayList<>(n);
        for (int k = 0; k < n; k++) { // partial Fisher-Yates: n distinct ranks
            int j = k + random.nextInt(size - k);
            int t = ranks[k];
            ranks[k] = ranks[j];
            ranks[j] = t;
            picked.add(Scored.of(zset.at(ranks[k])));
        }
        Scored.write(reply, picked, withScores);
    }

    /**
     * Negative counts: members may repeat, so the reply is streamed rather than collected (Redis
     * streams it too). Replies past 2^31 elements are refused; Redis would try to send them.
     */
    private static void writeWithRepeats(ReplyWriter reply, SortedSetValue zset, long count, boolean withScores,
            ThreadLocalRandom random) {
        boolean pairs = withScores && reply.isResp3();
        long elements = withScores && !pairs ? count * 2 : count;
        if (elements > Integer.MAX_VALUE) {
            throw WITHSCORES_RANGE;
        }
        reply.arrayHeader((int) elements);
        for (long k = 0; k < count; k++) {
            ZSkipList.Node n = zset.at(random.nextInt(zset.size()));
            if (pairs) {
                reply.arrayHeader(2);
            }
            reply.bulk(n.member());
            if (withScores) {
                SortedSetCommands.writeScore(reply, n.score());
            }
        }
    }
}
