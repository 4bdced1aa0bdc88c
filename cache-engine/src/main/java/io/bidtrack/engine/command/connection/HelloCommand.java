package io.bidtrack.engine.command.connection;

import io.bidtrack.engine.acl.Acl;
import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import io.bidtrack.engine.command.server.ServerInfo;

/**
 * {@code HELLO [protover [AUTH username password] [SETNAME name]]}: switches between RESP2 and RESP3
 * and describes the server. Clients such as vertx-redis-client start every connection with
 * {@code HELLO 3} and give up on the connection if the server refuses it, so RESP3 is supported.
 *
 * <p>{@code AUTH user password} authenticates first; without it the client must already be
 * authenticated (or need no password), as in Redis.
 */
final class HelloCommand {
    private static final RedisError NOT_AUTHENTICATED = new RedisError("NOAUTH HELLO must be called with the client "
            + "already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate "
            + "the client and select the RESP protocol version at the same time");

    private HelloCommand() {
    }

    static void execute(Client client, CommandArgs args) {
        long version = 0;
        int next = 1;
        if (args.count() >= 2) {
            try {
                version = args.longValue(next++);
            } catch (Numbers.NotANumber e) {
                throw new RedisError("ERR Protocol version is not an integer or out of range");
            }
            if (version < 2 || version > 3) {
                throw new RedisError("NOPROTO unsupported protocol version");
            }
        }
        int user = -1;
        int name = -1;
        for (int j = next; j < args.count(); j++) {
            int more = args.count() - 1 - j;
            if (args.is(j, "auth") && more >= 2) {
                user = j + 1;
                j += 2;
            } else if (args.is(j, "setname") && more >= 1) {
                name = j + 1;
                j++;
            } else {
                throw new RedisError("ERR Syntax error in HELLO option '" + args.text(j) + "'");
            }
        }
        if (user >= 0 && !client.engine().acl().authenticate(client, args.text(user), args.copy(user + 1),
                args.text(0))) {
            throw Acl.WRONGPASS;
        }
        if (!client.isAuthenticated()) {
            throw NOT_AUTHENTICATED;
        }
        if (name >= 0) {
            ClientCommand.setName(client, args, name);
        }
        ReplyWriter reply = client.reply();
        if (version != 0) {
            reply.protocol((int) version);
        }
        reply.mapHeader(7);
        reply.bulk("server");
        reply.bulk("redis");
        reply.bulk("version");
        reply.bulk(ServerInfo.REDIS_VERSION);
        reply.bulk("proto");
        reply.integer(reply.protocol());
        reply.bulk("id");
        reply.integer(client.id());
        reply.bulk("mode");
        reply.bulk("standalone");
        reply.bulk("role");
        reply.bulk("master");
        reply.bulk("modules");
        reply.arrayHeader(0);
    }
}
