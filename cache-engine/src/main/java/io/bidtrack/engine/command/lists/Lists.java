package io.bidtrack.engine.command.lists;

import io.bidtrack.engine.command.Arguments;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.ListValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;

/** Helpers shared by the list commands. */
final class Lists {
    private Lists() {
    }

    /** The list stored in an entry (null for no entry), or WRONGTYPE. */
    static ListValue listValue(KeyEntry entry) {
        if (entry == null) {
            return null;
        }
        if (entry.value() instanceof ListValue list) {
            return list;
        }
        throw Errors.WRONG_TYPE;
    }

    /** LEFT (true) or RIGHT (false), else a syntax error. */
    static boolean isLeft(CommandArgs args, int i) {
        if (args.is(i, "left")) {
            return true;
        }
        if (args.is(i, "right")) {
            return false;
        }
        throw Errors.SYNTAX;
    }

    /** Redis' "positive" count (0 allowed): not a number and negative give the same error. */
    static long nonNegative(CommandArgs args, int i) {
        return Arguments.rangedLong(args, i, 0, Long.MAX_VALUE, "ERR value is out of range, must be positive");
    }

    /** RESP2's null array ({@code *-1}), RESP3's null. */
    static void nullArray(ReplyWriter reply) {
        if (reply.isResp3()) {
            reply.nullValue();
        } else {
            reply.arrayHeader(-1);
        }
    }

    /**
     * Pushes {@code value} on the list at {@code key}, creating it, and wakes clients blocked on
     * it (served once the current command completes). The key must not hold another type.
     */
    static void push(Client client, byte[] key, KeyEntry entry, boolean left, byte[] value) {
        ListValue list;
        if (entry == null) {
            list = new ListValue();
            client.db().set(key, 0, key.length, list, false);
        } else {
            list = (ListValue) entry.value();
        }
        list.add(left, value);
        client.engine().blocking().signal(client.db(), key);
    }

    /**
     * Pops up to {@code count} elements from one end and replies with them as an array, in pop
     * order; deletes the key once the list is empty.
     */
    static void popRange(Client client, KeyEntry entry, ListValue list, boolean left, long count) {
        int n = (int) Math.min(count, list.size());
        ReplyWriter reply = client.reply();
        reply.arrayHeader(n);
        for (int i = 0; i < n; i++) {
            reply.bulk(list.remove(left));
        }
        deleteIfEmpty(client, entry, list);
    }

    /** An emptied list deletes its key, as in Redis. */
    static void deleteIfEmpty(Client client, KeyEntry entry, ListValue list) {
        if (list.isEmpty()) {
            client.db().delete(entry);
        }
    }
}
