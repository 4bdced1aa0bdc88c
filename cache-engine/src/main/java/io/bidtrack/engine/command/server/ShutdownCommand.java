package io.bidtrack.engine.command.server;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: stops the engine ({@code EngineState#shutdown}):
 * the standalone server exits, an embedded engine closes. Like a redis-server that exits, it
 * sends no reply; every connection just closes.
 *
 * <p>The engine has no persistence and no replicas, so there is never a save to make or a replica
 * to wait for (NOW changes nothing) and never a shutdown in progress to ABORT. An explicit SAVE
 * cannot be honoured: it fails as a failed save does in Redis, unless FORCE says to stop anyway.
 */
final class ShutdownCommand {
    private static final Logger log = LoggerFactory.getLogger(ShutdownCommand.class);

    private ShutdownCommand() {
    }

    static CommandSpec spec() {
        return CommandSpec.named("shutdown").arity(-1)
                .flags("admin", "noscript", "loading", "stale", "no_multi", "allow_busy")
                .acl("@admin", "@slow", "@dangerous").handler(ShutdownCommand::shutdown).build();
    }

    static void shutdown(Client client, CommandArgs args) {
        boolean noSave = false;
        boolean save = false;
        boolean now = false;
        boolean force = false;
        boolean abort = false;
        for (int i = 1; i < args.count(); i++) {
            if (args.is(i, "nosave")) {
                noSave = true;
            } else if (args.is(i, "save")) {
                save = true;
            } else if (args.is(i, "now")) {
                now = true;
            } else if (args.is(i, "force")) {
                force = true;
            } else if (args.is(i, "abort")) {
                abort = true;
            } else {
                throw Errors.SYNTAX;
            }
        }
        if ((abort && (noSave || save || now || force)) || (noSave && save)) {
            throw Errors.SYNTAX;
        }
        if (abort) {
            throw new RedisError("ERR No shutdown in progress.");
        }
        if (save && !force) {
            log.warn("SHUTDOWN SAVE refused: the engine has no persistence (SHUTDOWN SAVE FORCE stops anyway)");
            throw new RedisError("ERR Errors trying to SHUTDOWN. Check logs.");
        }
        client.engine().shutdown();
    }
}
