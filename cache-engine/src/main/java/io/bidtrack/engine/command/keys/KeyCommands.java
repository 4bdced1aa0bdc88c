package io.bidtrack.engine.command.keys;

import io.bidtrack.engine.bytes.Glob;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generic key commands: DEL, UNLINK, EXISTS, TOUCH, TYPE, KEYS, RANDOMKEY, SCAN, DBSIZE, FLUSHDB,
 * FLUSHALL; the TTL, rename/copy/move and OBJECT commands live in their own classes.
 */
public final class KeyCommands {
    private KeyCommands() {
    }

    public static void register(CommandTable table) {
        table.add(CommandSpec.named("del").arity(-2).flags("write").keys(1, -1, 1, "RM", "delete")
                .acl("@keyspace", "@write", "@slow")
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .signalsModifiedKeys().handler(KeyCommands::del).build());
        // UNLINK is DEL: dropping references is already O(1) for the engine thread (the GC frees).
        table.add(CommandSpec.named("unlink").arity(-2).flags("write", "fast").keys(1, -1, 1, "RM", "delete")
                .acl("@keyspace", "@write", "@fast")
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .signalsModifiedKeys().handler(KeyCommands::del).build());
        table.add(CommandSpec.named("touch").arity(-2).flags("readonly", "fast").keys(1, -1, 1, "RO")
                .acl("@keyspace", "@read", "@fast")
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .handler(KeyCommands::exists).build());
        table.add(CommandSpec.named("randomkey").arity(1).flags("readonly")
                .acl("@keyspace", "@read", "@slow")
                .tips("request_policy:all_shards", "nondeterministic_output")
                .handler(KeyCommands::randomkey).build());
        table.add(CommandSpec.named("exists").arity(-2).flags("readonly", "fast").keys(1, -1, 1, "RO")
                .acl("@keyspace", "@read", "@fast")
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .handler(KeyCommands::exists).build());
        table.add(CommandSpec.named("type").arity(2).flags("readonly", "fast").keys(1, 1, 1, "RO")
                .acl("@keyspace", "@read", "@fast")
                .handler(KeyCommands::type).build());
        table.add(CommandSpec.named("keys").arity(2).flags("readonly")
                .acl("@keyspace", "@read", "@slow", "@dangerous")
                .tips("request_policy:all_shards", "nondeterministic_output_order")
                .handler(KeyCommands::keys).build());
        table.add(CommandSpec.named("scan").arity(-2).flags("readonly")
                .acl("@keyspace", "@read", "@slow")
                .tips("nondeterministic_output", "request_policy:special")
                .handler(ScanCommand::execute).build());
        table.add(CommandSpec.named("dbsize").arity(1).flags("readonly", "fast")
                .acl("@keyspace", "@read", "@fast")
                .tips("request_policy:all_shards", "response_policy:agg_sum")
                .handler((client, args) -> client.reply().integer(client.db().size())).build());
        table.add(CommandSpec.named("flushdb").arity(-1).flags("write")
                .acl("@keyspace", "@write", "@slow", "@dangerous")
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .signalsModifiedKeys().handler(KeyCommands::flushdb).build());
        table.add(CommandSpec.named("flushall").arity(-1).flags("write")
                .acl("@keyspace", "@write", "@slow", "@dangerous")
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .signalsModifiedKeys().handler(KeyCommands::flushall).build());
        ExpiryCommands.register(table);
        RenameCommands.register(table);
        table.add(ObjectCommand.spec());
    }

    static void del(Client client, CommandArgs args) {
        int deleted = 0;
        for (int i = 1; i < args.count(); i++) {
            KeyEntry entry = KeyLookup.find(client, args, i);
            if (entry != null) {
                client.db().delete(entry);
                KeyLookup.modified(client, args, i);
                deleted++;
            }
        }
        client.reply().integer(deleted);
    }

    /** Counts every argument that names an existing key, repeated ones included (as Redis). */
    static void exists(Client client, CommandArgs args) {
        int found = 0;
        for (int i = 1; i < args.count(); i++) {
            if (KeyLookup.find(client, args, i) != null) {
                found++;
            }
        }
        client.reply().integer(found);
    }

    static void randomkey(Client client, CommandArgs args) {
        KeyEntry entry = client.db().randomEntry(ThreadLocalRandom.current());
        if (entry == null) {
            client.reply().nullValue();
        } else {
            client.reply().bulk(entry.key());
        }
    }

    static void type(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        client.reply().simpleString(entry == null ? "none" : entry.typeName());
    }

    /** KEYS pattern: the whole keyspace in one reply; expired keys are skipped, not deleted. */
    static void keys(Client client, CommandArgs args) {
        byte[] pattern = args.data();
        int offset = args.offset(1);
        int length = args.length(1);
        boolean all = length == 1 && pattern[offset] == '*';
        long now = System.currentTimeMillis();
        Database db = client.db();
        List<byte[]> matches = new ArrayList<>();
        db.forEach(entry -> {
            byte[] key = entry.key();
            if (!db.isExpired(entry, now) && (all || Glob.matches(pattern, offset, length, key, 0, key.length))) {
                matches.add(key);
            }
        });
        ReplyWriter reply = client.reply();
        reply.arrayHeader(matches.size());
        for (byte[] key : matches) {
            reply.bulk(key);
        }
    }

    static void flushdb(Client client, CommandArgs args) {
        checkFlushMode(args);
        client.engine().signalFlushedDb(client.db());
        client.db().clear();
        client.reply().ok();
    }

    static void flushall(Client client, CommandArgs args) {
        checkFlushMode(args);
        client.engine().signalFlushedDb(null);
        client.engine().keyspace().flushAll();
        client.reply().ok();
    }

    /**
     * FLUSHALL/FLUSHDB accept ASYNC or SYNC. Both flush at once here: dropping the table is O(1)
     * for the engine thread; the garbage collector reclaims the memory in the background.
     */
    private static void checkFlushMode(CommandArgs args) {
        if (args.count() == 2 && (args.is(1, "sync") || args.is(1, "async"))) {
            return;
        }
        if (args.count() != 1) {
            throw Errors.SYNTAX;
        }
    }
}
