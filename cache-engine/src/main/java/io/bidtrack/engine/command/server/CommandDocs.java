package io.bidtrack.engine.command.server;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.resp.CommandArgs;

/**
 * COMMAND DOCS [name ...]: an empty map, whatever the names. Redis' reply is its documentation
 * (summary, since, complexity, the argument trees), which the engine would have to copy; none of
 * it can be derived from what the engine knows of a command. An empty map is what Redis answers
 * for names it does not know, and redis-cli, its main reader, then simply shows no argument hints.
 */
final class CommandDocs {
    private CommandDocs() {
    }

    static void docs(Client client, CommandArgs args) {
        client.reply().mapHeader(0);
    }
}
