package io.bidtrack.engine.command.server;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.HelpText;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.keyspace.HashValue;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.Keyspace;
import io.bidtrack.engine.keyspace.ListValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;

/**
 * MEMORY USAGE key [SAMPLES n] and MEMORY STATS. The JVM does not report per-object sizes, so
 * usage is an estimate from the bytes a value holds plus a fixed overhead per key and element,
 * sampling large collections as Redis does; STATS has Redis' field names so dashboards parse it.
 */
final class MemoryCommand {
    /** Rough JVM cost of a key entry (object header, fields, table slot) and of one element. */
    private static final long KEY_OVERHEAD = 56;
    private static final long ELEMENT_OVERHEAD = 24;
    private static final int DEFAULT_SAMPLES = 5;

    private MemoryCommand() {
    }

    static CommandSpec spec() {
        return CommandSpec.named("memory").arity(-2).acl("@slow")
                .subcommand(CommandSpec.named("usage").arity(-3).flags("readonly").acl("@read", "@slow")
                        .keys(2, 2, 1, "RO").handler(MemoryCommand::usage))
                .subcommand(CommandSpec.named("stats").arity(2).acl("@slow")
                        .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                        .handler(MemoryCommand::stats))
                .subcommand(HelpText.subcommand("memory",
                        "STATS",
                        "    Return information about the memory usage of the server.",
                        "USAGE <key> [SAMPLES <count>]",
                        "    Return memory in bytes used by <key> and its value. Nested values are",
                        "    sampled up to <count> times (default: 5, 0 means sample all)."))
                .build();
    }

    static void usage(Client client, CommandArgs args) {
        long samples = DEFAULT_SAMPLES;
        if (args.count() == 5 && args.is(3, "samples")) {
            samples = args.longValue(4);
            if (samples == 0) {
                samples = Long.MAX_VALUE;
            }
        } else if (args.count() != 3) {
            throw Errors.SYNTAX;
        }
        KeyEntry entry = KeyLookup.find(client, args, 2);
        if (entry == null) {
            client.reply().nullValue();
            return;
        }
        client.reply().integer(KEY_OVERHEAD + entry.key().length + valueBytes(entry.value(), samples));
    }

    private static long valueBytes(Object value, long samples) {
        if (value instanceof byte[] bytes) {
            return bytes.length + 16;
        }
        if (value instanceof ListValue list) {
            long n = Math.min(samples, list.size());
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += list.get(i).length + ELEMENT_OVERHEAD;
            }
            return n == 0 ? 0 : sum * list.size() / n;
        }
        if (value instanceof HashValue hash) {
            long[] seen = {0, 0};
            long limit = samples;
            hash.forEach((field, v) -> {
                if (seen[0] < limit) {
                    seen[0]++;
                    seen[1] += field.length + v.length + 2 * ELEMENT_OVERHEAD;
                }
            });
            return seen[0] == 0 ? 0 : seen[1] * hash.size() / seen[0];
        }
        return ELEMENT_OVERHEAD * 8; // other types: a flat guess until they report their sizes
    }

    static void stats(Client client, CommandArgs args) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        Keyspace keyspace = client.engine().keyspace();
        long keys = 0;
        int nonEmpty = 0;
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            keys += keyspace.database(i).size();
            nonEmpty += keyspace.database(i).size() > 0 ? 1 : 0;
        }
        ReplyWriter reply = client.reply();
        reply.mapHeader(27 + nonEmpty);
        field(reply, "peak.allocated", used);
        field(reply, "total.allocated", used);
        field(reply, "startup.allocated", 0);
        field(reply, "replication.backlog", 0);
        field(reply, "clients.slaves", 0);
        field(reply, "clients.normal", 0);
        field(reply, "cluster.links", 0);
        field(reply, "aof.buffer", 0);
        field(reply, "lua.caches", 0);
        field(reply, "functions.caches", 0);
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            Database db = keyspace.database(i);
            if (db.size() > 0) {
                reply.bulk("db." + i);
                reply.mapHeader(3);
                field(reply, "overhead.hashtable.main", KEY_OVERHEAD * db.size());
                field(reply, "overhead.hashtable.expires", KEY_OVERHEAD * db.volatileSize());
                field(reply, "overhead.hashtable.slot-to-keys", 0);
            }
        }
        field(reply, "overhead.total", KEY_OVERHEAD * keys);
        field(reply, "keys.count", keys);
        field(reply, "keys.bytes-per-key", keys == 0 ? 0 : used / keys);
        field(reply, "dataset.bytes", used);
        ratio(reply, "dataset.percentage", 100.0);
        ratio(reply, "peak.percentage", 100.0);
        field(reply, "allocator.allocated", used);
        field(reply, "allocator.active", rt.totalMemory());
        field(reply, "allocator.resident", rt.totalMemory());
        ratio(reply, "allocator-fragmentation.ratio", 1.0);
        field(reply, "allocator-fragmentation.bytes", 0);
        ratio(reply, "allocator-rss.ratio", 1.0);
        field(reply, "allocator-rss.bytes", 0);
        ratio(reply, "rss-overhead.ratio", 1.0);
        field(reply, "rss-overhead.bytes", 0);
        ratio(reply, "fragmentation", 1.0);
        field(reply, "fragmentation.bytes", 0);
    }

    private static void field(ReplyWriter reply, String name, long value) {
        reply.bulk(name);
        reply.integer(value);
    }

    /** Redis sends these as doubles (bulk strings in RESP2). */
    private static void ratio(ReplyWriter reply, String name, double value) {
        reply.bulk(name);
        reply.doubleValue(value);
    }
}
