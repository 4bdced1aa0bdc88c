package io.bidtrack.engine.blocking;

import io.bidtrack.engine.command.Client;

/** What a blocked command does once one of its keys may hold data. */
@FunctionalInterface
public interface KeyServer {
    /**
     * Tries to complete the blocked command for {@code client} from {@code key}, writing its reply.
     *
     * @return false if the key holds nothing to serve (missing, empty, another type): the client
     *     keeps waiting
     */
    boolean serve(Client client, byte[] key);
}
