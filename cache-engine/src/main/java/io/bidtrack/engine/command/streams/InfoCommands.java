package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.StreamGroup;
import io.bidtrack.engine.keyspace.StreamGroup.Consumer;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.Map;

/** XINFO STREAM, GROUPS, CONSUMERS (Redis 7.0 fields; maps in RESP3). */
final class InfoCommands {
    private static final RedisError NO_SUCH_KEY = new RedisError("ERR no such key");

    private InfoCommands() {
    }

    private static StreamValue existing(Client client, CommandArgs args) {
        StreamValue s = Streams.find(client, args, 2);
        if (s == null) {
            throw NO_SUCH_KEY;
        }
        return s;
    }

    static void stream(Client client, CommandArgs args) {
        StreamValue s = existing(client, args);
        ReplyWriter reply = client.reply();
        if (args.count() > 3) {
            if (!args.is(3, "full") || (args.count() > 4 && (args.count() != 6 || !args.is(4, "count")))) {
                throw GroupCommands.syntax(args);
            }
            long count = args.count() == 6 ? Streams.integer(args, 5, null) : 10;
            FullInfo.reply(reply, s, count < 0 ? 10 : count); // a negative COUNT means the default
            return;
        }
        reply.mapHeader(10);
        header(reply, s);
        reply.bulk("groups");
        reply.integer(s.groups.size());
        reply.bulk("first-entry");
        edge(reply, s.entries().firstEntry());
        reply.bulk("last-entry");
        edge(reply, s.entries().lastEntry());
    }

    /** The seven fields XINFO STREAM starts with, with or without FULL. */
    static void header(ReplyWriter reply, StreamValue s) {
        reply.bulk("length");
        reply.integer(s.length());
        // Redis' radix tree internals: the key count is the node count; the inner node count is a
        // guess (tests compare it by shape).
        int nodes = s.nodeCount();
        reply.bulk("radix-tree-keys");
        reply.integer(nodes);
        reply.bulk("radix-tree-nodes");
        reply.integer(nodes + 1);
        reply.bulk("last-generated-id");
        Streams.id(reply, s.lastId);
        reply.bulk("max-deleted-entry-id");
        Streams.id(reply, s.maxDeletedId);
        reply.bulk("entries-added");
        reply.integer(s.entriesAdded);
        reply.bulk("recorded-first-entry-id");
        Streams.id(reply, s.firstId());
    }

    private static void edge(ReplyWriter reply, Map.Entry<StreamId, StreamValue.Entry> e) {
        if (e == null) {
            reply.nullValue();
        } else {
            Streams.entry(reply, e.getKey(), e.getValue());
        }
    }

    static void groups(Client client, CommandArgs args) {
        StreamValue s = existing(client, args);
        ReplyWriter reply = client.reply();
        reply.arrayHeader(s.groups.size());
        for (StreamGroup g : s.groups.values()) {
            reply.mapHeader(6);
            reply.bulk("name");
            reply.bulk(g.name);
            reply.bulk("consumers");
            reply.integer(g.consumers.size());
            reply.bulk("pending");
            reply.integer(g.pel.size());
            reply.bulk("last-delivered-id");
            Streams.id(reply, g.lastId);
            entriesReadAndLag(reply, s, g);
        }
    }

    /** "entries-read" and "lag", each null when unknown. */
    static void entriesReadAndLag(ReplyWriter reply, StreamValue s, StreamGroup g) {
        reply.bulk("entries-read");
        if (g.entriesRead != StreamGroup.INVALID_ENTRIES_READ) {
            reply.integer(g.entriesRead);
        } else {
            reply.nullValue();
        }
        reply.bulk("lag");
        long lag = lag(s, g);
        if (lag >= 0) {
            reply.integer(lag);
        } else {
            reply.nullValue();
        }
    }

    /** Redis' streamReplyWithCGLag: entries the group has yet to read, or -1 when unknown. */
    private static long lag(StreamValue s, StreamGroup g) {
        if (s.entriesAdded == 0) {
            return 0;
        }
        if (g.entriesRead != StreamGroup.INVALID_ENTRIES_READ && !s.hasTombstonesFrom(g.lastId)) {
            return s.entriesAdded - g.entriesRead;
        }
        long read = s.estimateDistance(g.lastId);
        return read == StreamGroup.INVALID_ENTRIES_READ ? -1 : s.entriesAdded - read;
    }

    static void consumers(Client client, CommandArgs args) {
        StreamValue s = existing(client, args);
        StreamGroup g = Streams.group(s, args, 3);
        if (g == null) {
            throw new RedisError("NOGROUP No such consumer group '" + Streams.name(args, 3) + "' for key name '"
                    + Streams.name(args, 2) + "'");
        }
        long now = System.currentTimeMillis();
        ReplyWriter reply = client.reply();
        reply.arrayHeader(g.consumers.size());
        for (Consumer c : g.consumers.values()) {
            reply.mapHeader(3);
            reply.bulk("name");
            reply.bulk(c.name);
            reply.bulk("pending");
            reply.integer(c.pel.size());
            reply.bulk("idle");
            reply.integer(Math.max(0, now - c.seenTime));
        }
    }

    static void help(Client client, CommandArgs args) {
        String[] lines = {
            "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CONSUMERS <key> <groupname>",
            "    Show consumers of <groupname>.",
            "GROUPS <key>",
            "    Show the stream consumer groups.",
            "STREAM <key> [FULL [COUNT <count>]",
            "    Show information about the stream.",
            "HELP",
            "    Prints this help."
        };
        client.reply().arrayHeader(lines.length);
        for (String line : lines) {
            client.reply().simpleString(line);
        }
    }
}
