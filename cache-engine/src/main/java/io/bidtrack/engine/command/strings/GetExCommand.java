package io.bidtrack.engine.command.strings;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;

/**
 * {@code GETEX key [EX s | PX ms | EXAT s | PXAT ms | PERSIST]}: GET that also sets or removes the
 * TTL. As in SET, conflicting options are a syntax error and repeating the same one is not.
 */
final class GetExCommand {
    private GetExCommand() {
    }

    static void execute(Client client, CommandArgs args) {
        String option = null;
        int valueArg = -1;
        for (int j = 2; j < args.count(); j++) {
            String name = expiryOption(args, j);
            if (name != null && j + 1 < args.count() && (option == null || option.equals(name))) {
                option = name;
                valueArg = ++j;
            } else if (args.is(j, "persist") && (option == null || option.equals("persist"))) {
                option = "persist";
            } else {
                throw Errors.SYNTAX;
            }
        }
        long when = 0;
        if (valueArg >= 0) {
            long value = args.longValue(valueArg);
            boolean seconds = option.equals("ex") || option.equals("exat");
            when = option.endsWith("at") ? SetCommand.absoluteExpiry(value, seconds, "getex")
                    : SetCommand.relativeExpiry(value, seconds, "getex");
        }

        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        if (entry == null) {
            client.reply().nullValue();
            return;
        }
        client.reply().bulk(KeyLookup.stringValue(entry));
        if (valueArg >= 0 && when <= System.currentTimeMillis()) {
            client.db().delete(entry); // EXAT/PXAT in the past
            KeyLookup.modified(client, args, 1);
        } else if (valueArg >= 0) {
            client.db().expireAt(entry, when);
            KeyLookup.modified(client, args, 1);
        } else if (option != null && entry.hasExpiry()) {
            // PERSIST changes something (and is signalled, as in Redis) only if there was a TTL.
            client.db().persist(entry);
            KeyLookup.modified(client, args, 1);
        }
    }

    private static String expiryOption(CommandArgs args, int j) {
        for (String name : new String[] {"ex", "px", "exat", "pxat"}) {
            if (args.is(j, name)) {
                return name;
            }
        }
        return null;
    }
}
