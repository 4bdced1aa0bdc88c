package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.StreamGroup;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.Locale;

/** XGROUP CREATE/SETID/DESTROY/CREATECONSUMER/DELCONSUMER/HELP and XACK. */
final class GroupCommands {
    private GroupCommands() {
    }

    /** Shared checks of the XGROUP subcommands, in Redis' order, then the subcommand itself. */
    static void xgroup(Client client, CommandArgs args) {
        String sub = args.text(1).toLowerCase(Locale.ROOT);
        boolean mkStream = false;
        long entriesRead = StreamGroup.INVALID_ENTRIES_READ;
        if (sub.equals("create") || sub.equals("setid")) {
            for (int i = 5; i < args.count(); ) {
                if (sub.equals("create") && args.is(i, "mkstream")) {
                    mkStream = true;
                    i++;
                } else if (args.is(i, "entriesread") && i + 1 < args.count()) {
                    entriesRead = Streams.integer(args, i + 1, null);
                    if (entriesRead < 0 && entriesRead != StreamGroup.INVALID_ENTRIES_READ) {
                        throw new RedisError("ERR value for ENTRIESREAD must be positive or -1");
                    }
                    i += 2;
                } else {
                    throw syntax(args);
                }
            }
        }
        StreamValue s = Streams.find(client, args, 2);
        String name = Streams.name(args, 3);
        StreamGroup group = s == null ? null : s.groups.get(name);
        if (!mkStream) {
            if (s == null) {
                throw new RedisError("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you "
                        + "may want to use the MKSTREAM option to create an empty stream automatically.");
            }
            if (group == null && !sub.equals("create") && !sub.equals("destroy")) {
                throw new RedisError("NOGROUP No such consumer group '" + name + "' for key name '"
                        + Streams.name(args, 2) + "'");
            }
        }
        long now = System.currentTimeMillis();
        switch (sub) {
            case "create" -> {
                StreamId id = args.is(4, "$") ? (s == null ? StreamId.MIN : s.lastId) : StreamIds.parseStrict(args, 4);
                if (s == null) {
                    s = new StreamValue();
                    KeyLookup.set(client, args, 2, s, false);
                    KeyLookup.modified(client, args, 2);
                }
                if (s.groups.containsKey(name)) {
                    throw new RedisError("BUSYGROUP Consumer Group name already exists");
                }
                s.groups.put(name, new StreamGroup(name, id, entriesRead));
                client.reply().ok();
            }
            case "setid" -> {
                if (args.count() != 5 && args.count() != 7) {
                    throw syntax(args);
                }
                group.lastId = args.is(4, "$") ? s.lastId : StreamIds.parse(args, 4, 0);
                group.entriesRead = entriesRead;
                client.reply().ok();
            }
            case "destroy" -> {
                client.reply().integer(s.groups.remove(name) != null ? 1 : 0);
                // Clients blocked in XREADGROUP on this group learn it is gone.
                client.engine().blocking().signal(client.db(), args.data(), args.offset(2), args.length(2));
            }
            case "createconsumer" -> client.reply().integer(group.createConsumer(Streams.name(args, 4), now) ? 1 : 0);
            case "delconsumer" -> client.reply().integer(group.deleteConsumer(Streams.name(args, 4)));
            default -> throw syntax(args);
        }
    }

    static RedisError syntax(CommandArgs args) {
        return new RedisError("ERR unknown subcommand or wrong number of arguments for '" + args.text(1)
                + "'. Try " + args.text(0).toUpperCase(Locale.ROOT) + " HELP.");
    }

    static void xgroupHelp(Client client, CommandArgs args) {
        String[] lines = {
            "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CREATE <key> <groupname> <id|$> [option]",
            "    Create a new consumer group. Options are:",
            "    * MKSTREAM",
            "      Create the empty stream if it does not exist.",
            "    * ENTRIESREAD entries_read",
            "      Set the group's entries_read counter (internal use).",
            "CREATECONSUMER <key> <groupname> <consumer>",
            "    Create a new consumer in the specified group.",
            "DELCONSUMER <key> <groupname> <consumer>",
            "    Remove the specified consumer.",
            "DESTROY <key> <groupname>",
            "    Remove the specified group.",
            "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
            "    Set the current group ID and entries_read counter.",
            "HELP",
            "    Prints this help."
        };
        client.reply().arrayHeader(lines.length);
        for (String line : lines) {
            client.reply().simpleString(line);
        }
    }

    /** XACK key group id...: a missing key or group acknowledges nothing, whatever the IDs. */
    static void xack(Client client, CommandArgs args) {
        StreamValue s = Streams.find(client, args, 1);
        StreamGroup group = Streams.group(s, args, 2);
        if (group == null) {
            client.reply().integer(0);
            return;
        }
        StreamId[] ids = new StreamId[args.count() - 3];
        for (int j = 3; j < args.count(); j++) {
            ids[j - 3] = StreamIds.parseStrict(args, j);
        }
        long acked = 0;
        for (StreamId id : ids) {
            if (group.pel.containsKey(id)) {
                group.remove(id);
                acked++;
            }
        }
        client.reply().integer(acked);
    }
}
