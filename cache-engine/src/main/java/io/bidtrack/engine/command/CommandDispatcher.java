package io.bidtrack.engine.command;

import io.bidtrack.engine.blocking.BlockingRegistry;
import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;

/**
 * Runs one parsed command for a client, applying the checks Redis makes before any command, in
 * Redis' order: known command, known subcommand, arity, then the RESP2 subscribed-mode rule.
 */
public final class CommandDispatcher {
    private final CommandTable commands;
    private final ServerStats stats;
    private final BlockingRegistry blocking;

    public CommandDispatcher(EngineState engine) {
        this.commands = engine.commands();
        this.stats = engine.stats();
        this.blocking = engine.blocking();
    }

    public void execute(Client client, CommandArgs args) {
        ReplyWriter reply = client.reply();
        CommandSpec spec = commands.find(args.data(), args.offset(0), args.length(0));
        if (spec == null) {
            reply.error(Errors.unknownCommand(args).getMessage());
            return;
        }
        if (spec.subcommands() != null && args.count() >= 2) {
            CommandSpec sub = spec.subcommands().find(args.data(), args.offset(1), args.length(1));
            if (sub == null) {
                reply.error(Errors.unknownSubcommand(args).getMessage());
                return;
            }
            spec = sub;
        }
        if (!spec.acceptsArgumentCount(args.count()) || spec.handler() == null) {
            reply.error(Errors.wrongArity(spec.fullName()).getMessage());
            return;
        }
        if (client.isSubscribed() && !reply.isResp3() && !spec.allowedWhileSubscribed()) {
            reply.error("ERR Can't execute '" + spec.fullName()
                    + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
            return;
        }
        stats.commandsProcessed++;
        try {
            spec.handler().execute(client, args);
        } catch (RedisError e) {
            reply.error(e.getMessage());
        } catch (Numbers.NotANumber e) {
            reply.error(Errors.NOT_AN_INTEGER.getMessage());
        }
        // Like Redis' handleClientsBlockedOnKeys: clients blocked on keys this command wrote are
        // served only now that it has completed (a cheap no-op when nothing is ready).
        blocking.serveReady();
    }
}
