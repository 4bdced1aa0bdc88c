package io.bidtrack.engine.command.connection;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.HelpText;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;

/**
 * CLIENT ID, GETNAME, SETNAME, LIST, INFO, KILL, REPLY, NO-EVICT, PAUSE, UNPAUSE, UNBLOCK, HELP,
 * and the client-side caching ones: TRACKING, CACHING, TRACKINGINFO, GETREDIR.
 */
final class ClientCommand {
    private static final String[] HELP = {
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.",
    };

    private ClientCommand() {
    }

    static CommandSpec spec() {
        return CommandSpec.named("client").arity(-2).acl("@slow")
                .subcommand(sub("id", 2).handler((client, args) -> client.reply().integer(client.id())))
                .subcommand(sub("getname", 2).handler(ClientCommand::getName))
                .subcommand(sub("setname", 3).handler((client, args) -> {
                    setName(client, args, 2);
                    client.reply().ok();
                }))
                .subcommand(admin("list", -2).tips("nondeterministic_output").handler(ClientList::list))
                .subcommand(sub("info", 2).tips("nondeterministic_output").handler(ClientList::info))
                .subcommand(admin("kill", -3).handler(ClientKill::execute))
                .subcommand(sub("reply", 3).handler(ClientCommand::reply))
                .subcommand(admin("no-evict", 3).handler(ClientCommand::noEvict))
                .subcommand(admin("pause", -3).handler(ClientCommand::pause))
                .subcommand(sub("tracking", -3).handler(TrackingCommands::tracking))
                .subcommand(sub("caching", 3).handler(TrackingCommands::caching))
                .subcommand(sub("trackinginfo", 2).handler(TrackingCommands::trackingInfo))
                .subcommand(sub("getredir", 2).handler(TrackingCommands::getRedir))
                .subcommand(admin("unpause", 2).handler((client, args) -> {
                    client.engine().pause().unpause();
                    client.reply().ok();
                }))
                .subcommand(admin("unblock", -3).handler(ClientCommand::unblock))
                .subcommand(HelpText.subcommand("client", HELP).acl("@connection"))
                .build();
    }

    private static CommandSpec.Builder admin(String name, int arity) {
        return CommandSpec.named(name).arity(arity).flags("admin", "noscript", "loading", "stale")
                .acl("@admin", "@slow", "@dangerous", "@connection");
    }

    /**
     * CLIENT UNBLOCK id [TIMEOUT|ERROR]: a client waiting in BLPOP, BZPOPMIN, XREAD & co. gets
     * the reply of a timeout (the default) or an UNBLOCKED error. 1 if it was waiting, else 0.
     */
    static void unblock(Client client, CommandArgs args) {
        boolean withError = false;
        if (args.count() == 4) {
            if (args.is(3, "error")) {
                withError = true;
            } else if (!args.is(3, "timeout")) {
                throw new RedisError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        } else if (args.count() > 4) {
            throw new RedisError("ERR unknown subcommand or wrong number of arguments for '" + args.text(1)
                    + "'. Try CLIENT HELP.");
        }
        Client target = client.engine().clients().byId(args.longValue(2));
        boolean unblocked = target != null && client.engine().blocking().unblock(target, withError);
        client.reply().integer(unblocked ? 1 : 0);
    }

    /** CLIENT REPLY ON answers +OK; OFF and SKIP answer nothing, being muted already. */
    static void reply(Client client, CommandArgs args) {
        String mode = args.is(2, "on") ? "on" : args.is(2, "off") ? "off" : args.is(2, "skip") ? "skip" : null;
        if (mode == null) {
            throw Errors.SYNTAX;
        }
        client.replyMode(mode);
        if (mode.equals("on")) {
            client.reply().ok();
        }
    }

    /** CLIENT PAUSE timeout [WRITE|ALL]; see {@link io.bidtrack.engine.command.ClientPause}. */
    static void pause(Client client, CommandArgs args) {
        long millis;
        try {
            millis = args.longValue(2);
        } catch (RuntimeException e) {
            throw new RedisError("ERR timeout is not an integer or out of range");
        }
        if (millis < 0) {
            throw new RedisError("ERR timeout is negative");
        }
        boolean writesOnly = false;
        if (args.count() == 4) {
            if (args.is(3, "write")) {
                writesOnly = true;
            } else if (!args.is(3, "all")) {
                throw new RedisError("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        } else if (args.count() > 4) {
            throw new RedisError("ERR unknown subcommand or wrong number of arguments for '" + args.text(1)
                    + "'. Try CLIENT HELP.");
        }
        client.engine().pause().pause(client, millis, writesOnly);
        client.reply().ok();
    }

    /** The engine evicts nothing, so the flag only shows in CLIENT LIST. */
    static void noEvict(Client client, CommandArgs args) {
        if (args.is(2, "on")) {
            client.noEvict(true);
        } else if (args.is(2, "off")) {
            client.noEvict(false);
        } else {
            throw Errors.SYNTAX;
        }
        client.reply().ok();
    }

    private static CommandSpec.Builder sub(String name, int arity) {
        return CommandSpec.named(name).arity(arity).flags("noscript", "loading", "stale").acl("@slow", "@connection");
    }

    static void getName(Client client, CommandArgs args) {
        byte[] name = client.name();
        if (name == null) {
            client.reply().nullValue();
        } else {
            client.reply().bulk(name);
        }
    }

    /** Names are printable ASCII without spaces, so CLIENT LIST stays parseable; "" clears the name. */
    static void setName(Client client, CommandArgs args, int i) {
        byte[] data = args.data();
        int from = args.offset(i);
        for (int k = 0; k < args.length(i); k++) {
            byte b = data[from + k];
            if (b < '!' || b > '~') {
                throw Errors.BAD_CLIENT_NAME;
            }
        }
        client.name(args.length(i) == 0 ? null : args.copy(i));
    }
}
