package io.bidtrack.engine.command.hashes;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.keyspace.HashValue;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;

/** Hash commands: HSET, HGET, HGETALL, HDEL here; per-field ones and the scans in their own classes. */
public final class HashCommands {
    private HashCommands() {
    }

    public static void register(CommandTable table) {
        table.add(CommandSpec.named("hset").arity(-4).flags("write", "denyoom", "fast")
                .keys(1, 1, 1, "RW", "update").acl("@write", "@hash", "@fast")
                .signalsModifiedKeys().handler(HashCommands::hset).build());
        table.add(CommandSpec.named("hget").arity(3).flags("readonly", "fast")
                .keys(1, 1, 1, "RO", "access").acl("@read", "@hash", "@fast")
                .handler(HashCommands::hget).build());
        table.add(CommandSpec.named("hgetall").arity(2).flags("readonly")
                .keys(1, 1, 1, "RO", "access").acl("@read", "@hash", "@slow")
                .tips("nondeterministic_output_order")
                .handler(HashCommands::hgetall).build());
        table.add(CommandSpec.named("hdel").arity(-3).flags("write", "fast")
                .keys(1, 1, 1, "RW", "delete").acl("@write", "@hash", "@fast").signalsModifiedKeys()
                .handler(HashCommands::hdel).build());
        HashFieldCommands.register(table);
        HashScanCommands.register(table);
    }

    /** The hash at argument 1 for reading: null if the key is missing, WRONGTYPE if not a hash. */
    static HashValue hashForRead(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        return entry == null ? null : hashValue(entry);
    }

    /** The hash at argument 1 for writing, created empty if missing; WRONGTYPE if not a hash. */
    static HashValue hashForWrite(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        if (entry != null) {
            return hashValue(entry);
        }
        HashValue hash = new HashValue();
        KeyLookup.set(client, args, 1, hash, false);
        return hash;
    }

    /** The hash stored in an entry, or WRONGTYPE. */
    private static HashValue hashValue(KeyEntry entry) {
        if (entry.value() instanceof HashValue hash) {
            return hash;
        }
        throw Errors.WRONG_TYPE;
    }

    /** HSET key field value [field value ...]: replies with the number of new fields. */
    static void hset(Client client, CommandArgs args) {
        if (args.count() % 2 == 1) {
            throw Errors.wrongArity("hset");
        }
        KeyEntry entry = KeyLookup.find(client, args, 1);
        HashValue hash;
        if (entry == null) {
            hash = new HashValue();
            KeyLookup.set(client, args, 1, hash, false);
        } else {
            hash = hashValue(entry);
        }
        int added = 0;
        for (int i = 2; i < args.count(); i += 2) {
            if (hash.put(args.data(), args.offset(i), args.length(i), args.copy(i + 1))) {
                added++;
            }
        }
        KeyLookup.modified(client, args, 1);
        client.reply().integer(added);
    }

    static void hget(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        byte[] value = entry == null ? null : hashValue(entry).get(args.data(), args.offset(2), args.length(2));
        if (value == null) {
            client.reply().nullValue();
        } else {
            client.reply().bulk(value);
        }
    }

    static void hgetall(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        ReplyWriter reply = client.reply();
        if (entry == null) {
            reply.mapHeader(0);
            return;
        }
        HashValue hash = hashValue(entry);
        reply.mapHeader(hash.size());
        hash.forEach((field, value) -> {
            reply.bulk(field);
            reply.bulk(value);
        });
    }

    /** HDEL key field [field ...]: deleting the last field deletes the key, as in Redis. */
    static void hdel(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        if (entry == null) {
            client.reply().integer(0);
            return;
        }
        HashValue hash = hashValue(entry);
        int removed = 0;
        for (int i = 2; i < args.count(); i++) {
            if (hash.remove(args.data(), args.offset(i), args.length(i))) {
                removed++;
            }
        }
        if (hash.size() == 0) {
            client.db().delete(entry);
        }
        if (removed > 0) {
            KeyLookup.modified(client, args, 1);
        }
        client.reply().integer(removed);
    }
}
