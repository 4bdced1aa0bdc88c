package io.bidtrack.engine.command.connection;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.resp.CommandArgs;

/** CLIENT ID, CLIENT GETNAME, CLIENT SETNAME. */
final class ClientCommand {
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
                .build();
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
