package io.bidtrack.engine.command.transactions;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.transaction.Transaction;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH. Queueing happens in the dispatcher (every other command
 * inside MULTI answers QUEUED); these commands open, run, drop and guard the queue.
 */
public final class TransactionCommands {
    private TransactionCommands() {
    }

    public static void register(CommandTable table) {
        table.add(CommandSpec.named("multi").arity(1).flags("noscript", "loading", "stale", "fast", "allow_busy")
                .acl("@fast", "@transaction").handler(TransactionCommands::multi).build());
        table.add(CommandSpec.named("exec").arity(1).flags("noscript", "loading", "stale", "skip_slowlog")
                .acl("@slow", "@transaction").handler(TransactionCommands::exec).build());
        table.add(CommandSpec.named("discard").arity(1).flags("noscript", "loading", "stale", "fast", "allow_busy")
                .acl("@fast", "@transaction").handler(TransactionCommands::discard).build());
        table.add(CommandSpec.named("watch").arity(-2).flags("noscript", "loading", "stale", "fast", "allow_busy")
                .keys(1, -1, 1, "RO").acl("@fast", "@transaction").handler(TransactionCommands::watch).build());
        table.add(CommandSpec.named("unwatch").arity(1).flags("noscript", "loading", "stale", "fast", "allow_busy")
                .acl("@fast", "@transaction").handler(TransactionCommands::unwatch).build());
    }

    static void multi(Client client, CommandArgs args) {
        Transaction tx = client.transaction();
        if (tx.inMulti()) {
            throw new RedisError("ERR MULTI calls can not be nested");
        }
        tx.begin();
        client.reply().ok();
    }

    static void exec(Client client, CommandArgs args) {
        Transaction tx = client.transaction();
        if (!tx.inMulti()) {
            throw new RedisError("ERR EXEC without MULTI");
        }
        if (tx.hasQueueingFailed()) {
            tx.discard();
            tx.unwatchAll();
            throw new RedisError("EXECABORT Transaction discarded because of previous errors.");
        }
        if (tx.watchedKeyChanged()) {
            tx.discard();
            tx.unwatchAll();
            if (client.reply().isResp3()) {
                client.reply().nullValue();
            } else {
                client.reply().arrayHeader(-1);
            }
            return;
        }
        // Unwatch first, as Redis does: the transaction's own writes must not count as changes.
        var queued = tx.takeQueued();
        tx.unwatchAll();
        client.engine().dispatcher().executeQueued(client, queued);
    }

    static void discard(Client client, CommandArgs args) {
        Transaction tx = client.transaction();
        if (!tx.inMulti()) {
            throw new RedisError("ERR DISCARD without MULTI");
        }
        tx.discard();
        tx.unwatchAll();
        client.reply().ok();
    }

    static void watch(Client client, CommandArgs args) {
        Transaction tx = client.transaction();
        if (tx.inMulti()) {
            throw new RedisError("ERR WATCH inside MULTI is not allowed");
        }
        for (int i = 1; i < args.count(); i++) {
            tx.watch(client.db(), args.copy(i));
        }
        client.reply().ok();
    }

    static void unwatch(Client client, CommandArgs args) {
        client.transaction().unwatchAll();
        client.reply().ok();
    }
}
