package io.bidtrack.engine.command;

import java.util.concurrent.Future;

/** What a {@link Client} needs from its network connection (implemented by the server layer). */
public interface ClientConnection {
    /** Sends this client's pending replies after the current task (used for pub/sub deliveries). */
    void flushSoon();

    /** Bytes handed to the socket but not yet sent, i.e. how far behind a slow reader is. */
    long queuedOutputBytes();

    /** Closes the connection at once, dropping pending output. */
    void closeNow(String reason);

    /** Runs {@code task} on the engine thread after {@code delayMillis} (blocking timeouts); cancellable. */
    Future<?> schedule(Runnable task, long delayMillis);

    /**
     * The client was blocked (BLPOP, ...) and is released: send its reply and, after the current
     * task, run the commands it sent meanwhile.
     */
    void unblocked();

    /** {@code ip:port} of the peer (CLIENT LIST addr, logs). */
    String remoteAddress();

    /** {@code ip:port} of our end of the connection (CLIENT LIST laddr). */
    String localAddress();
}
