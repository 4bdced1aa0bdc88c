package io.bidtrack.engine.command.connection;

import io.bidtrack.engine.acl.Acl;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;

/** Connection commands: PING, ECHO, SELECT, QUIT, HELLO, AUTH, CLIENT, RESET. */
public final class ConnectionCommands {
    private ConnectionCommands() {
    }

    public static void register(CommandTable table) {
        table.add(CommandSpec.named("ping").arity(-1).flags("fast").acl("@fast", "@connection")
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .allowedWhileSubscribed().handler(ConnectionCommands::ping).build());
        table.add(CommandSpec.named("echo").arity(2).flags("loading", "stale", "fast").acl("@fast", "@connection")
                .handler((client, args) -> client.reply().bulk(args.data(), args.offset(1), args.length(1)))
                .build());
        table.add(CommandSpec.named("select").arity(2).flags("loading", "stale", "fast").acl("@fast", "@connection")
                .handler(ConnectionCommands::select).build());
        table.add(CommandSpec.named("quit").arity(-1)
                .flags("noscript", "loading", "stale", "fast", "no_auth", "allow_busy").acl("@fast", "@connection")
                .allowedWhileSubscribed().handler(ConnectionCommands::quit).build());
        table.add(CommandSpec.named("hello").arity(-1)
                .flags("noscript", "loading", "stale", "fast", "no_auth", "allow_busy").acl("@fast", "@connection")
                .handler(HelloCommand::execute).build());
        table.add(CommandSpec.named("auth").arity(-2)
                .flags("noscript", "loading", "stale", "fast", "no_auth", "allow_busy").acl("@fast", "@connection")
                .handler(ConnectionCommands::auth).build());
        table.add(ClientCommand.spec());
        table.add(CommandSpec.named("reset").arity(1)
                .flags("noscript", "loading", "stale", "fast", "no_auth", "allow_busy").acl("@fast", "@connection")
                .allowedWhileSubscribed().handler((client, args) -> {
                    client.reset();
                    client.reply().simpleString("RESET");
                }).build());
    }

    /** In RESP2 subscribed mode PING answers with a ["pong", message] array, as in Redis. */
    static void ping(Client client, CommandArgs args) {
        if (args.count() > 2) {
            throw Errors.wrongArity("ping");
        }
        ReplyWriter reply = client.reply();
        if (client.isSubscribed() && !reply.isResp3()) {
            reply.arrayHeader(2);
            reply.bulk("pong");
            if (args.count() == 2) {
                reply.bulk(args.data(), args.offset(1), args.length(1));
            } else {
                reply.bulk("");
            }
        } else if (args.count() == 1) {
            reply.simpleString("PONG");
        } else {
            reply.bulk(args.data(), args.offset(1), args.length(1));
        }
    }

    static void select(Client client, CommandArgs args) {
        long index = args.longValue(1);
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw Errors.NOT_AN_INT32;
        }
        if (index < 0 || index >= client.engine().keyspace().databaseCount()) {
            throw Errors.DB_INDEX_OUT_OF_RANGE;
        }
        client.select((int) index);
        client.reply().ok();
    }

    static void quit(Client client, CommandArgs args) {
        client.reply().ok();
        client.closeAfterReply();
    }

    /** AUTH password (the default user) or AUTH username password. */
    static void auth(Client client, CommandArgs args) {
        if (args.count() > 3) {
            throw Errors.SYNTAX;
        }
        Acl acl = client.engine().acl();
        String user = "default";
        int password = 1;
        if (args.count() == 2) {
            if (acl.defaultUser().nopass()) {
                throw new RedisError("ERR AUTH <password> called without any password configured for the default "
                        + "user. Are you sure your configuration is correct?");
            }
        } else {
            user = args.text(1);
            password = 2;
        }
        if (!acl.authenticate(client, user, args.copy(password), args.text(0))) {
            throw Acl.WRONGPASS;
        }
        client.reply().ok();
    }
}
