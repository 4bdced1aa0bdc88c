package io.bidtrack.engine.command;

/**
 * An error reply, thrown by a command and written by the dispatcher. The message starts with the
 * error code, as clients see it: {@code "ERR syntax error"}, {@code "WRONGTYPE ..."}. Carries no
 * stack trace: it is an answer to the client, not a fault, and constant errors are shared.
 */
public final class RedisError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RedisError(String message) {
        super(message, null, false, false);
    }
}
