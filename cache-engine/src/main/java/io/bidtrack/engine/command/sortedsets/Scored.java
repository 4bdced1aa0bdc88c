package io.bidtrack.engine.command.sortedsets;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.SortedSetValue;
import io.bidtrack.engine.keyspace.ZSkipList;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.List;

/** A member with its score, as range, pop and algebra commands emit them. */
record Scored(byte[] member, double score) {
    static Scored of(ZSkipList.Node node) {
        return new Scored(node.member(), node.score());
    }

    /**
     * Writes members, with scores if asked: RESP2 gets one flat array, RESP3 an array of
     * [member, score] pairs, as Redis 7 replies.
     */
    static void write(ReplyWriter reply, List<Scored> items, boolean withScores) {
        if (!withScores) {
            reply.arrayHeader(items.size());
            items.forEach(s -> reply.bulk(s.member));
            return;
        }
        boolean pairs = reply.isResp3();
        reply.arrayHeader(pairs ? items.size() : items.size() * 2);
        for (Scored s : items) {
            if (pairs) {
                reply.arrayHeader(2);
            }
            reply.bulk(s.member);
            SortedSetCommands.writeScore(reply, s.score);
        }
    }

    /** Stores items under the key in argument {@code dstArg} (deleting it when empty); replies with the count. */
    static void store(Client client, CommandArgs args, int dstArg, List<Scored> items) {
        if (items.isEmpty()) {
            KeyEntry dst = KeyLookup.find(client, args, dstArg);
            if (dst != null) {
                client.db().delete(dst);
                KeyLookup.modified(client, args, dstArg);
            }
        } else {
            SortedSetValue zset = new SortedSetValue();
            items.forEach(s -> zset.put(ByteString.wrap(s.member), s.score));
            KeyLookup.set(client, args, dstArg, zset, false);
            KeyLookup.modified(client, args, dstArg);
        }
        client.reply().integer(items.size());
    }
}
