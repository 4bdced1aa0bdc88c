package io.bidtrack.engine.command;

import io.bidtrack.engine.resp.CommandArgs;

/**
 * The behaviour of one command. Arity and subscribed-mode rules are checked before it runs (see
 * {@link CommandDispatcher}); it writes its reply to {@code client.reply()} or throws
 * {@link RedisError}, in which case it must not have written anything yet.
 */
@FunctionalInterface
public interface Command {
    void execute(Client client, CommandArgs args);
}
