package io.bidtrack.engine.command.lists;

import static io.bidtrack.engine.command.lists.Lists.listValue;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.ListValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;

/** LRANGE, LINDEX, LSET, LINSERT, LREM, LTRIM: commands that address elements by position or value. */
final class IndexCommands {
    private static final RedisError NO_SUCH_KEY = new RedisError("ERR no such key");
    private static final RedisError INDEX_OUT_OF_RANGE = new RedisError("ERR index out of range");

    private IndexCommands() {
    }

    /** LRANGE key start stop: indexes are parsed before the key is looked at, as in Redis. */
    static void lrange(Client client, CommandArgs args) {
        long start = args.longValue(2);
        long stop = args.longValue(3);
        ListValue list = listValue(KeyLookup.findForRead(client, args, 1));
        ReplyWriter reply = client.reply();
        if (list == null) {
            reply.arrayHeader(0);
            return;
        }
        long size = list.size();
        if (start < 0) {
            start = Math.max(0, size + start);
        }
        if (stop < 0) {
            stop = size + stop;
        }
        if (start > stop || start >= size) {
            reply.arrayHeader(0);
            return;
        }
        stop = Math.min(stop, size - 1);
        reply.arrayHeader((int) (stop - start + 1));
        for (long i = start; i <= stop; i++) {
            reply.bulk(list.get((int) i));
        }
    }

    static void lindex(Client client, CommandArgs args) {
        ListValue list = listValue(KeyLookup.findForRead(client, args, 1));
        if (list == null) {
            client.reply().nullValue();
            return;
        }
        int index = position(list, args.longValue(2));
        if (index < 0) {
            client.reply().nullValue();
        } else {
            client.reply().bulk(list.get(index));
        }
    }

    static void lset(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        if (entry == null) {
            throw NO_SUCH_KEY;
        }
        ListValue list = listValue(entry);
        int index = position(list, args.longValue(2));
        if (index < 0) {
            throw INDEX_OUT_OF_RANGE;
        }
        list.set(index, args.copy(3));
        KeyLookup.modified(client, args, 1);
        client.reply().ok();
    }

    /** LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without the key. */
    static void linsert(Client client, CommandArgs args) {
        boolean after;
        if (args.is(2, "after")) {
            after = true;
        } else if (args.is(2, "before")) {
            after = false;
        } else {
            throw Errors.SYNTAX;
        }
        ListValue list = listValue(KeyLookup.find(client, args, 1));
        if (list == null) {
            client.reply().integer(0);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.elementEquals(i, args.data(), args.offset(3), args.length(3))) {
                list.insert(after ? i + 1 : i, args.copy(4));
                KeyLookup.modified(client, args, 1);
                client.reply().integer(list.size());
                return;
            }
        }
        client.reply().integer(-1);
    }

    /** LREM key count element: count > 0 from the head, < 0 from the tail, 0 all. */
    static void lrem(Client client, CommandArgs args) {
        long count = args.longValue(2);
        KeyEntry entry = KeyLookup.find(client, args, 1);
        ListValue list = listValue(entry);
        if (list == null) {
            client.reply().integer(0);
            return;
        }
        byte[] data = args.data();
        int offset = args.offset(3);
        int length = args.length(3);
        long limit = count == 0 || count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count);
        int removed = list.removeIf(i -> list.elementEquals(i, data, offset, length), limit, count < 0);
        Lists.deleteIfEmpty(client, entry, list);
        if (removed > 0) {
            KeyLookup.modified(client, args, 1);
        }
        client.reply().integer(removed);
    }

    static void ltrim(Client client, CommandArgs args) {
        long start = args.longValue(2);
        long stop = args.longValue(3);
        KeyEntry entry = KeyLookup.find(client, args, 1);
        ListValue list = listValue(entry);
        if (list != null) {
            long size = list.size();
            if (start < 0) {
                start = Math.max(0, size + start);
            }
            if (stop < 0) {
                stop = size + stop;
            }
            if (start > stop || start >= size) {
                list.retain(0, 0);
            } else if (start > 0 || stop < size - 1) {
                list.retain((int) start, (int) Math.min(stop, size - 1) + 1);
            }
            Lists.deleteIfEmpty(client, entry, list);
            // Redis signals whenever the list exists, even if nothing was trimmed.
            KeyLookup.modified(client, args, 1);
        }
        client.reply().ok();
    }

    /** The array index of a Redis index (negative counts from the tail), or -1 when out of range. */
    private static int position(ListValue list, long index) {
        if (index < 0) {
            index += list.size();
        }
        return index < 0 || index >= list.size() ? -1 : (int) index;
    }
}
