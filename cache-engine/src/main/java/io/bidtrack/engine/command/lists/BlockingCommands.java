package io.bidtrack.engine.command.lists;

import static io.bidtrack.engine.command.lists.Lists.listValue;

import io.bidtrack.engine.blocking.KeyServer;
import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.MpopArgs;
import io.bidtrack.engine.command.Timeout;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.ListValue;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * BLPOP, BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH: served at once when a key holds a list, otherwise the
 * client blocks (see {@link io.bidtrack.engine.blocking.BlockingRegistry}) and the same serving
 * code runs when a push makes one of its keys ready.
 */
final class BlockingCommands {
    private BlockingCommands() {
    }

    static void blpop(Client client, CommandArgs args) {
        bpop(client, args, true);
    }

    static void brpop(Client client, CommandArgs args) {
        bpop(client, args, false);
    }

    /** B[LR]POP key [key ...] timeout: replies [key, element]. */
    private static void bpop(Client client, CommandArgs args, boolean left) {
        long timeout = Timeout.parseMillis(args, args.count() - 1);
        KeyServer server = (c, key) -> popOne(c, key, left);
        serveOrBlock(client, args, 1, args.count() - 1, timeout, server);
    }

    /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: replies [key, [elements]]. */
    static void blmpop(Client client, CommandArgs args) {
        MpopArgs mpop = MpopArgs.parse(args, 2, "left", "right"); // before the timeout, as in Redis
        long timeout = Timeout.parseMillis(args, 1);
        KeyServer server = (c, key) -> popMany(c, key, mpop.fromFirst(), mpop.count());
        serveOrBlock(client, args, mpop.firstKey(), mpop.firstKey() + mpop.numKeys(), timeout, server);
    }

    static void blmove(Client client, CommandArgs args) {
        boolean fromLeft = Lists.isLeft(args, 3);
        boolean toLeft = Lists.isLeft(args, 4);
        bmove(client, args, fromLeft, toLeft, 5);
    }

    static void brpoplpush(Client client, CommandArgs args) {
        bmove(client, args, false, true, 3);
    }

    private static void bmove(Client client, CommandArgs args, boolean fromLeft, boolean toLeft, int timeoutIndex) {
        long timeout = Timeout.parseMillis(args, timeoutIndex);
        byte[] destination = args.copy(2);
        KeyServer server = (c, key) -> {
            try {
                return MoveCommands.tryMove(c, key, destination, fromLeft, toLeft);
            } catch (RedisError e) {
                // Served later, a destination of another type fails the waiter instead of the pusher.
                c.reply().error(e.getMessage());
                return true;
            }
        };
        serveOrBlock(client, args, 1, 2, timeout, server);
    }

    /**
     * Serves from the first of keys {@code [from, to)} holding a list (WRONGTYPE if a key before it
     * holds another type, as in Redis), or blocks on all of them.
     */
    private static void serveOrBlock(Client client, CommandArgs args, int from, int to, long timeout, KeyServer server) {
        for (int i = from; i < to; i++) {
            if (listValue(KeyLookup.find(client, args, i)) != null) {
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

    private static boolean popOne(Client client, byte[] key, boolean left) {
        KeyEntry entry = client.db().find(key, 0, key.length);
        if (!(entry != null && entry.value() instanceof ListValue list)) {
            return false; // a key of another type does not serve list waiters, nor fail them
        }
        client.reply().arrayHeader(2);
        client.reply().bulk(key);
        client.reply().bulk(list.remove(left));
        Lists.deleteIfEmpty(client, entry, list);
        KeyLookup.modified(client, key);
        return true;
    }

    private static boolean popMany(Client client, byte[] key, boolean left, long count) {
        KeyEntry entry = client.db().find(key, 0, key.length);
        if (!(entry != null && entry.value() instanceof ListValue list)) {
            return false;
        }
        client.reply().arrayHeader(2);
        client.reply().bulk(key);
        Lists.popRange(client, entry, list, left, count);
        KeyLookup.modified(client, key);
        return true;
    }
}
