package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.blocking.KeyServer;
import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.StreamGroup;
import io.bidtrack.engine.keyspace.StreamGroup.Consumer;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * XREAD and XREADGROUP, served at once when a stream has entries past the requested ID, else
 * (with BLOCK) blocked through the registry until an XADD signals one of the keys.
 */
final class ReadCommands {
    /** ">" is kept as the largest ID, as Redis does, and resolved to the group's last ID. */
    private static final StreamId NEW_ONLY = StreamId.MAX;

    private ReadCommands() {
    }

    static void xread(Client client, CommandArgs args) {
        read(client, args, false);
    }

    static void xreadgroup(Client client, CommandArgs args) {
        read(client, args, true);
    }

    private static void read(Client client, CommandArgs args, boolean xreadgroup) {
        ReadArgs r = ReadArgs.parse(args, xreadgroup);
        int n = r.streams;
        StreamId[] ids = new StreamId[n];
        StreamGroup[] groups = new StreamGroup[n];
        for (int k = 0; k < n; k++) {
            int keyArg = r.streamsArg + k;
            int idArg = keyArg + n;
            StreamValue s = Streams.find(client, args, keyArg);
            if (r.group != null) {
                groups[k] = s == null ? null : s.groups.get(r.group);
                if (groups[k] == null) {
                    throw new RedisError("NOGROUP No such key '" + Streams.name(args, keyArg) + "' or consumer group '"
                            + r.group + "' in XREADGROUP with GROUP option");
                }
            }
            if (args.is(idArg, "$")) {
                if (xreadgroup) {
                    throw new RedisError("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read "
                            + "the history of this consumer by specifying a proper ID, or use the > ID to get new "
                            + "messages. The $ ID would just return an empty result set.");
                }
                ids[k] = s == null ? StreamId.MIN : s.lastId;
            } else if (args.is(idArg, ">")) {
                if (!xreadgroup) {
                    throw new RedisError("ERR The > ID can be specified only when calling XREADGROUP using the GROUP "
                            + "<group> <consumer> option.");
                }
                ids[k] = NEW_ONLY;
            } else {
                ids[k] = StreamIds.parseStrict(args, idArg);
            }
        }
        if (!serveNow(client, args, r, ids, groups)) {
            block(client, args, r, ids);
        }
    }

    /** Replies if any stream can be served now (Redis' synchronous path); false otherwise. */
    private static boolean serveNow(Client client, CommandArgs args, ReadArgs r, StreamId[] ids, StreamGroup[] groups) {
        int n = r.streams;
        boolean[] serve = new boolean[n];
        boolean[] history = new boolean[n];
        Consumer[] consumers = new Consumer[n];
        int served = 0;
        long now = System.currentTimeMillis();
        for (int k = 0; k < n; k++) {
            StreamValue s = Streams.find(client, args, r.streamsArg + k);
            if (s == null) {
                continue;
            }
            if (groups[k] != null) {
                if (!ids[k].equals(NEW_ONLY)) {
                    serve[k] = history[k] = true;
                } else if (s.length() > 0 && s.entries().lastKey().compareTo(groups[k].lastId) > 0) {
                    serve[k] = true;
                    ids[k] = groups[k].lastId;
                }
                consumers[k] = groups[k].consumer(r.consumer, now);
            } else if (s.length() > 0 && s.entries().lastKey().compareTo(ids[k]) > 0) {
                serve[k] = true;
            }
            served += serve[k] ? 1 : 0;
        }
        if (served == 0) {
            if (r.timeout == -1) {
                Streams.nullArray(client.reply());
                return true;
            }
            return false;
        }
        ReplyWriter reply = client.reply();
        header(reply, served);
        for (int k = 0; k < n; k++) {
            if (serve[k]) {
                StreamValue s = Streams.find(client, args, r.streamsArg + k);
                // Both forms read after the given ID (history: after it in the consumer's PEL).
                StreamId start = ids[k].next();
                replyStream(reply, args.copy(r.streamsArg + k), s, start == null ? StreamId.MAX : start, r,
                        groups[k], consumers[k], history[k]);
            }
        }
        return true;
    }

    /** XREAD's reply: an array of [key, entries] pairs in RESP2, a map in RESP3. */
    private static void header(ReplyWriter reply, int streams) {
        if (reply.isResp3()) {
            reply.mapHeader(streams);
        } else {
            reply.arrayHeader(streams);
        }
    }

    private static void replyStream(ReplyWriter reply, byte[] key, StreamValue s, StreamId start, ReadArgs r,
            StreamGroup group, Consumer consumer, boolean history) {
        if (!reply.isResp3()) {
            reply.arrayHeader(2);
        }
        reply.bulk(key);
        if (group == null) {
            Streams.range(reply, s, start, StreamId.MAX, r.count, false);
        } else if (history) {
            GroupDelivery.deliverHistory(reply, s, start, r.count, consumer);
        } else {
            GroupDelivery.deliverNew(reply, s, start, r.count, group, consumer, r.noAck);
        }
    }

    /** Waits for entries past each key's ID; a group waiter always wants entries past the group's last ID. */
    private static void block(Client client, CommandArgs args, ReadArgs r, StreamId[] ids) {
        List<ByteString> keys = new ArrayList<>(r.streams);
        for (int k = 0; k < r.streams; k++) {
            keys.add(ByteString.wrap(args.copy(r.streamsArg + k)));
        }
        StreamId[] after = Arrays.copyOf(ids, ids.length);
        // Group readers remember their streams: a stream deleted meanwhile ends their wait.
        StreamValue[] streams = new StreamValue[r.streams];
        if (r.group != null) {
            for (int k = 0; k < r.streams; k++) {
                streams[k] = Streams.find(client, args, r.streamsArg + k);
            }
        }
        KeyServer server = (c, key) -> serveBlocked(c, key, keys, after, streams, r);
        client.engine().blocking().block(client, keys, r.timeout, server);
    }

    private static boolean serveBlocked(Client client, byte[] key, List<ByteString> keys, StreamId[] after,
            StreamValue[] streams, ReadArgs r) {
        int k = keys.indexOf(ByteString.wrap(key));
        KeyEntry entry = client.db().find(key, 0, key.length);
        StreamValue current = entry != null && entry.value() instanceof StreamValue sv ? sv : null;
        if (r.group != null && current != streams[k]) {
            // Redis unblocks group readers when the key is deleted; the engine's DEL does not
            // signal stream waiters, so the loss is noticed at the next signal (e.g. the XADD that
            // re-creates the key), with Redis' message.
            client.reply().error("UNBLOCKED the stream key no longer exists");
            return true;
        }
        if (current == null) {
            return false;
        }
        StreamValue s = current;
        StreamId gt = after[k];
        StreamGroup group = null;
        Consumer consumer = null;
        if (r.group != null) {
            group = s.groups.get(r.group);
            if (group == null) {
                client.reply().error("NOGROUP the consumer group this client was blocked on no longer exists");
                return true;
            }
            gt = group.lastId;
        }
        if (s.lastId.compareTo(gt) <= 0) {
            return false;
        }
        if (group != null) {
            consumer = group.consumer(r.consumer, System.currentTimeMillis());
        }
        ReplyWriter reply = client.reply();
        header(reply, 1);
        replyStream(reply, key, s, gt.next(), r, group, consumer, false);
        return true;
    }
}
