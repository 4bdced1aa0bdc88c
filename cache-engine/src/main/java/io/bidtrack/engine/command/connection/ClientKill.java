package io.bidtrack.engine.command.connection;

import io.bidtrack.engine.acl.User;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * CLIENT KILL: the old form {@code CLIENT KILL ip:port} (+OK or an error), and the filter form
 * {@code CLIENT KILL [ID id] [TYPE t] [ADDR a] [LADDR a] [USER u] [SKIPME yes|no]} answering how
 * many clients it closed. The caller itself, when killed, gets its reply first.
 */
final class ClientKill {
    private static final RedisError NO_SUCH_CLIENT = new RedisError("ERR No such client");

    private ClientKill() {
    }

    static void execute(Client client, CommandArgs args) {
        if (args.count() == 3) {
            String addr = args.text(2);
            List<Client> found = select(client, c -> c.connection().remoteAddress().equals(addr), false);
            if (found.isEmpty()) {
                throw NO_SUCH_CLIENT;
            }
            client.reply().ok();
            kill(client, found);
            return;
        }
        if (args.count() % 2 != 0) {
            throw Errors.SYNTAX;
        }
        Predicate<Client> filter = c -> true;
        boolean skipMe = true;
        for (int i = 2; i < args.count(); i += 2) {
            String value = args.text(i + 1);
            if (args.is(i, "id")) {
                long id = clientId(args, i + 1);
                filter = filter.and(c -> c.id() == id);
            } else if (args.is(i, "type")) {
                String type = value.toLowerCase(Locale.ROOT);
                if (!List.of("normal", "pubsub", "master", "replica", "slave").contains(type)) {
                    throw new RedisError("ERR Unknown client type '" + value + "'");
                }
                filter = filter.and(c -> ClientList.typeOf(c).equals(type));
            } else if (args.is(i, "addr")) {
                filter = filter.and(c -> c.connection().remoteAddress().equals(value));
            } else if (args.is(i, "laddr")) {
                filter = filter.and(c -> c.connection().localAddress().equals(value));
            } else if (args.is(i, "user")) {
                User user = client.engine().acl().user(value);
                if (user == null) {
                    throw new RedisError("ERR No such user '" + value + "'");
                }
                filter = filter.and(c -> c.user() == user);
            } else if (args.is(i, "skipme")) {
                if (value.equalsIgnoreCase("yes")) {
                    skipMe = true;
                } else if (value.equalsIgnoreCase("no")) {
                    skipMe = false;
                } else {
                    throw Errors.SYNTAX;
                }
            } else {
                throw Errors.SYNTAX;
            }
        }
        List<Client> found = select(client, filter, skipMe);
        client.reply().integer(found.size());
        kill(client, found);
    }

    private static long clientId(CommandArgs args, int i) {
        long id;
        try {
            id = args.longValue(i);
        } catch (RuntimeException e) {
            id = 0;
        }
        if (id <= 0) {
            throw new RedisError("ERR client-id should be greater than 0");
        }
        return id;
    }

    private static List<Client> select(Client client, Predicate<Client> filter, boolean skipMe) {
        List<Client> found = new ArrayList<>();
        for (Client c : client.engine().clients().all()) {
            if (filter.test(c) && !(skipMe && c == client)) {
                found.add(c);
            }
        }
        return found;
    }

    private static void kill(Client client, List<Client> victims) {
        for (Client c : victims) {
            if (c == client) {
                client.closeAfterReply();
            } else {
                c.connection().closeNow("killed by CLIENT KILL from client " + client.id());
            }
        }
    }
}
