package io.bidtrack.engine.command.sortedsets;

import io.bidtrack.engine.blocking.KeyServer;
import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.MpopArgs;
import io.bidtrack.engine.command.Timeout;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.SortedSetValue;
import io.bidtrack.engine.keyspace.ZSkipList;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * ZMPOP and the blocking pops BZPOPMIN, BZPOPMAX, BZMPOP: served at once from the first key that
 * holds a sorted set, otherwise the client blocks (see {@link io.bidtrack.engine.blocking}) until
 * a command stores a sorted set under one of its keys.
 */
final class BlockingPops {
    private BlockingPops() {
    }

    static void register(CommandTable table) {
        table.add(CommandSpec.named("zmpop").arity(-4).flags("write", "movablekeys")
                .keynum(1, 0, 1, 1, "RW", "access", "delete")
                .acl("@write", "@sortedset", "@slow").signalsModifiedKeys().handler(BlockingPops::zmpop).build());
        table.add(CommandSpec.named("bzmpop").arity(-5).flags("write", "blocking", "movablekeys")
                .keynum(2, 0, 1, 1, "RW", "access", "delete")
                .acl("@write", "@sortedset", "@slow", "@blocking").signalsModifiedKeys()
                .handler(BlockingPops::bzmpop).build());
        table.add(blockingPop("bzpopmin").handler((c, a) -> bzpop(c, a, false)).build());
        table.add(blockingPop("bzpopmax").handler((c, a) -> bzpop(c, a, true)).build());
    }

    private static CommandSpec.Builder blockingPop(String name) {
        return CommandSpec.named(name).arity(-3).flags("write", "noscript", "blocking", "fast")
                .keys(1, -2, 1, "RW", "access", "delete").acl("@write", "@sortedset", "@fast", "@blocking")
                .signalsModifiedKeys();
    }

    /** BZPOPMIN|BZPOPMAX key [key ...] timeout: replies [key, member, score]. */
    private static void bzpop(Client client, CommandArgs args, boolean max) {
        long timeout = Timeout.parseMillis(args, args.count() - 1);
        KeyServer server = (c, key) -> {
            SortedSetValue zset = zsetAt(c, key);
            if (zset == null) {
                return false;
            }
            ZSkipList.Node n = max ? zset.order().tail() : zset.order().head();
            ReplyWriter reply = c.reply();
            reply.arrayHeader(3);
            reply.bulk(key);
            reply.bulk(n.member());
            SortedSetCommands.writeScore(reply, n.score());
            removeAndDeleteIfEmpty(c, key, zset, n);
            KeyLookup.modified(c, key);
            return true;
        };
        serveOrBlock(client, args, 1, args.count() - 1, timeout, server);
    }

    /** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: [key, [[member, score], ...]] or a null array. */
    static void zmpop(Client client, CommandArgs args) {
        MpopArgs mpop = MpopArgs.parse(args, 1, "min", "max");
        for (int i = mpop.firstKey(); i < mpop.firstKey() + mpop.numKeys(); i++) {
            KeyEntry entry = KeyLookup.find(client, args, i);
            if (entry != null) {
                SortedSetCommands.zsetValue(entry); // WRONGTYPE before any later key is looked at
                popMany(client, args.copy(i), !mpop.fromFirst(), mpop.count());
                return;
            }
        }
        nullArray(client.reply());
    }

    /** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]. */
    static void bzmpop(Client client, CommandArgs args) {
        MpopArgs mpop = MpopArgs.parse(args, 2, "min", "max"); // before the timeout, as in Redis
        long timeout = Timeout.parseMillis(args, 1);
        KeyServer server = (c, key) -> popMany(c, key, !mpop.fromFirst(), mpop.count());
        serveOrBlock(client, args, mpop.firstKey(), mpop.firstKey() + mpop.numKeys(), timeout, server);
    }

    /**
     * Serves from the first of keys {@code [from, to)} holding a sorted set (WRONGTYPE if a key
     * before it holds another type, as in Redis), or blocks on all of them.
     */
    private static void serveOrBlock(Client client, CommandArgs args, int from, int to, long timeout,
            KeyServer server) {
        for (int i = from; i < to; i++) {
            KeyEntry entry = KeyLookup.find(client, args, i);
            if (entry != null) {
                SortedSetCommands.zsetValue(entry);
                server.serve(client, args.copy(i));
                return;
            }
        }
        List<ByteString> keys = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            keys.add(ByteString.wrap(args.copy(i)));
        }
        client.engine().blocking().block(client, keys, timeout, server);
    }

    private static boolean popMany(Client client, byte[] key, boolean max, long count) {
        SortedSetValue zset = zsetAt(client, key);
        if (zset == null) {
            return false; // a key of another type does not serve sorted-set waiters, nor fail them
        }
        long n = Math.min(count, zset.size());
        ReplyWriter reply = client.reply();
        reply.arrayHeader(2);
        reply.bulk(key);
        reply.arrayHeader((int) n);
        for (long k = 0; k < n; k++) {
            ZSkipList.Node node = max ? zset.order().tail() : zset.order().head();
            reply.arrayHeader(2);
            reply.bulk(node.member());
            SortedSetCommands.writeScore(reply, node.score());
            removeAndDeleteIfEmpty(client, key, zset, node);
        }
        KeyLookup.modified(client, key);
        return true;
    }

    private static SortedSetValue zsetAt(Client client, byte[] key) {
        KeyEntry entry = client.db().find(key, 0, key.length);
        return entry != null && entry.value() instanceof SortedSetValue zset ? zset : null;
    }

    private static void removeAndDeleteIfEmpty(Client client, byte[] key, SortedSetValue zset, ZSkipList.Node node) {
        zset.remove(ByteString.wrap(node.member()));
        if (zset.size() == 0) {
            client.db().delete(client.db().find(key, 0, key.length));
        }
    }

    private static void nullArray(ReplyWriter reply) {
        if (reply.isResp3()) {
            reply.nullValue();
        } else {
            reply.arrayHeader(-1);
        }
    }
}
