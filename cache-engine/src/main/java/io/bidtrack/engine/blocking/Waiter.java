package io.bidtrack.engine.blocking;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import java.util.List;
import java.util.concurrent.Future;

/** One blocked client: the keys it waits on (copied; the request buffer is reused) and its timeout. */
public final class Waiter {
    final Client client;
    final List<ByteString> keys;
    final KeyServer server;
    /** Null when waiting forever (timeout 0). */
    Future<?> timeout;

    Waiter(Client client, List<ByteString> keys, KeyServer server) {
        this.client = client;
        this.keys = keys;
        this.server = server;
    }
}
