package io.bidtrack.engine.command.server;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.resp.CommandArgs;

/** COMMAND DOCS: an empty map for now; redis-cli then simply shows no argument hints. */
final class CommandDocs {
    private CommandDocs() {
    }

    static void docs(Client client, CommandArgs args) {
        client.reply().mapHeader(0);
    }
}
