package io.bidtrack.engine.command;

import io.bidtrack.engine.acl.Acl;
import io.bidtrack.engine.blocking.BlockingRegistry;
import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import io.bidtrack.engine.tracking.Tracking;
import io.bidtrack.engine.transaction.Transaction;
import java.util.List;

/**
 * Runs one parsed command for a client, applying the checks Redis makes before any command, in
 * Redis' order: known command, known subcommand, arity, authentication and ACL permissions, then
 * the RESP2 subscribed-mode rule.
 * Inside MULTI it queues the command instead. After a read by a tracking client it remembers the
 * keys read; write commands themselves report the keys they really modify (see
 * {@link EngineState#signalModifiedKey}), so WATCH and client caches need nothing here.
 */
public final class CommandDispatcher {
    private final CommandTable commands;
    private final ServerStats stats;
    private final BlockingRegistry blocking;
    private final ErrorStats errors;
    private final SlowLog slowLog;
    private final Settings settings;
    private final Acl acl;
    private final Tracking tracking;

    public CommandDispatcher(EngineState engine) {
        this.tracking = engine.tracking();
        this.commands = engine.commands();
        this.stats = engine.stats();
        this.blocking = engine.blocking();
        this.errors = engine.errorStats();
        this.slowLog = engine.slowLog();
        this.settings = engine.settings();
        this.acl = engine.acl();
    }

    public void execute(Client client, CommandArgs args) {
        if (tracking.isActive()) {
            tracking.commandStarting(client);
        }
        CommandSpec spec = resolve(client, args, true);
        if (spec != null) {
            Transaction tx = client.transaction();
            if (tx.inMulti() && !spec.controlsTransactions()) {
                tx.queue(args);
                client.reply().simpleString("QUEUED");
            } else {
                run(client, spec, args);
                // Like Redis' handleClientsBlockedOnKeys: clients blocked on keys this command
                // wrote are served only now that it has completed (a no-op when nothing is ready).
                blocking.serveReady();
            }
        }
        if (tracking.isActive()) {
            // The command has replied: its own invalidations follow. A CLIENT CACHING choice
            // lasts until a command other than CLIENT ends outside MULTI (Redis' resetClient).
            boolean keepCaching = client.transaction().inMulti() || (spec != null && spec.fullName().startsWith("client|"));
            tracking.commandEnded(client, keepCaching);
        }
        client.commandDone();
    }

    /**
     * Runs the commands EXEC took from the queue, in order, into one array reply. They were
     * checked when queued; a runtime error becomes that command's element, the rest still run.
     * Permissions are checked again, as Redis does, in case ACL rules changed meanwhile.
     */
    public void executeQueued(Client client, List<CommandArgs> queued) {
        client.reply().arrayHeader(queued.size());
        client.transaction().executing(true);
        try {
            for (CommandArgs args : queued) {
                CommandSpec spec = resolve(client, args, false);
                RedisError denied = client.isUnrestricted() ? null : acl.recheckQueued(client, spec, args);
                if (denied != null) {
                    errors.count(denied.getMessage());
                    client.reply().error(denied.getMessage());
                } else {
                    run(client, spec, args);
                }
            }
        } finally {
            client.transaction().executing(false);
        }
    }

    /**
     * The spec of the command, or null after replying with the error Redis gives for an unknown
     * command, subcommand, wrong arity, missing authentication or permission (when {@code checkAcl})
     * or a command not allowed while subscribed. Inside MULTI such an error also dooms the
     * transaction.
     */
    private CommandSpec resolve(Client client, CommandArgs args, boolean checkAcl) {
        ReplyWriter reply = client.reply();
        CommandSpec spec = commands.find(args.data(), args.offset(0), args.length(0));
        RedisError rejected = null;
        if (spec == null) {
            rejected = Errors.unknownCommand(args);
        } else if (spec.subcommands() != null && args.count() >= 2) {
            CommandSpec sub = spec.subcommands().find(args.data(), args.offset(1), args.length(1));
            if (sub == null) {
                rejected = Errors.unknownSubcommand(args);
                spec = null; // like an unknown command, counted in no command's statistics
            } else {
                spec = sub;
            }
        }
        if (rejected == null && (!spec.acceptsArgumentCount(args.count()) || spec.handler() == null)) {
            rejected = Errors.wrongArity(spec.fullName());
        }
        if (rejected == null && client.transaction().inMulti() && spec.flags().contains("no_multi")) {
            rejected = new RedisError("ERR Command not allowed inside a transaction"); // SHUTDOWN
        }
        // The one ACL cost of an ordinary client is isUnrestricted(): two field reads.
        if (rejected == null && checkAcl && !client.isUnrestricted()) {
            rejected = acl.admit(client, spec, args);
        }
        if (rejected == null && client.isSubscribed() && !reply.isResp3() && !spec.allowedWhileSubscribed()) {
            rejected = new RedisError("ERR Can't execute '" + spec.fullName()
                    + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
        }
        if (rejected != null) {
            if (spec != null) {
                spec.rejectedCalls++;
            }
            errors.count(rejected.getMessage());
            if (client.transaction().inMulti()) {
                client.transaction().queueingFailed();
            }
            reply.error(rejected.getMessage());
            return null;
        }
        return spec;
    }

    private void run(Client client, CommandSpec spec, CommandArgs args) {
        ReplyWriter reply = client.reply();
        stats.commandsProcessed++;
        long start = System.nanoTime();
        try {
            spec.handler().execute(client, args);
        } catch (RedisError e) {
            failed(spec, reply, e.getMessage());
        } catch (Numbers.NotANumber e) {
            failed(spec, reply, Errors.NOT_AN_INTEGER.getMessage());
        }
        if (spec.isReadonly() && tracking.isActive() && client.tracking() != null) {
            // Like Redis, whether or not the command failed (a WRONGTYPE GET is remembered too).
            TrackedKeys.remember(tracking, client, spec, args);
        }
        long end = System.nanoTime();
        long micros = (end - start) / 1000;
        spec.calls++;
        spec.nanos += end - start;
        client.lastCommand(spec, end);
        long slowerThan = settings.slowlogSlowerThan;
        if (slowerThan >= 0 && micros >= slowerThan && !spec.skipsSlowlog()) {
            slowLog.add(client, spec, args, micros, settings.slowlogMaxLen);
        }
    }

    private void failed(CommandSpec spec, ReplyWriter reply, String message) {
        spec.failedCalls++;
        errors.count(message);
        reply.error(message);
    }
}
