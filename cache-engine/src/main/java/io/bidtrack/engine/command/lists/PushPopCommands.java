package io.bidtrack.engine.command.lists;

import static io.bidtrack.engine.command.lists.Lists.listValue;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.MpopArgs;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.ListValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;

/** LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP, LLEN, LMPOP. */
final class PushPopCommands {
    private PushPopCommands() {
    }

    static void lpush(Client client, CommandArgs args) {
        push(client, args, true, false);
    }

    static void rpush(Client client, CommandArgs args) {
        push(client, args, false, false);
    }

    static void lpushx(Client client, CommandArgs args) {
        push(client, args, true, true);
    }

    static void rpushx(Client client, CommandArgs args) {
        push(client, args, false, true);
    }

    /** Replies with the new length; the X forms only push onto an existing list. */
    private static void push(Client client, CommandArgs args, boolean left, boolean onlyIfExists) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        ListValue list = listValue(entry);
        if (list == null) {
            if (onlyIfExists) {
                client.reply().integer(0);
                return;
            }
            list = new ListValue();
            KeyLookup.set(client, args, 1, list, false);
        }
        for (int i = 2; i < args.count(); i++) {
            list.add(left, args.copy(i));
        }
        KeyLookup.modified(client, args, 1);
        client.engine().blocking().signal(client.db(), args.data(), args.offset(1), args.length(1));
        client.reply().integer(list.size());
    }

    static void lpop(Client client, CommandArgs args) {
        pop(client, args, true);
    }

    static void rpop(Client client, CommandArgs args) {
        pop(client, args, false);
    }

    /** [LR]POP key [count]: one element as a bulk string, or with a count, an array. */
    private static void pop(Client client, CommandArgs args, boolean left) {
        if (args.count() > 3) {
            throw Errors.wrongArity(left ? "lpop" : "rpop");
        }
        boolean hasCount = args.count() == 3;
        long count = hasCount ? Lists.nonNegative(args, 2) : 1;
        KeyEntry entry = KeyLookup.find(client, args, 1);
        ListValue list = listValue(entry);
        ReplyWriter reply = client.reply();
        if (list == null) {
            if (hasCount) {
                Lists.nullArray(reply);
            } else {
                reply.nullValue();
            }
            return;
        }
        if (!hasCount) {
            reply.bulk(list.remove(left));
            Lists.deleteIfEmpty(client, entry, list);
        } else if (count == 0) {
            reply.arrayHeader(0);
            return;
        } else {
            Lists.popRange(client, entry, list, left, count);
        }
        KeyLookup.modified(client, args, 1);
    }

    static void llen(Client client, CommandArgs args) {
        ListValue list = listValue(KeyLookup.findForRead(client, args, 1));
        client.reply().integer(list == null ? 0 : list.size());
    }

    /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]. */
    static void lmpop(Client client, CommandArgs args) {
        MpopArgs mpop = MpopArgs.parse(args, 1, "left", "right");
        for (int i = mpop.firstKey(); i < mpop.firstKey() + mpop.numKeys(); i++) {
            KeyEntry entry = KeyLookup.find(client, args, i);
            ListValue list = listValue(entry);
            if (list != null) {
                client.reply().arrayHeader(2);
                client.reply().bulk(args.data(), args.offset(i), args.length(i));
                Lists.popRange(client, entry, list, mpop.fromFirst(), mpop.count());
                KeyLookup.modified(client, args, i);
                return;
            }
        }
        Lists.nullArray(client.reply());
    }
}
