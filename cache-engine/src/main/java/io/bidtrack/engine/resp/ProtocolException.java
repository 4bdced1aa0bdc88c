package io.bidtrack.engine.resp;

/**
 * Malformed or hostile input. The connection answers {@code -ERR Protocol error: <message>} and is
 * closed, as Redis does: after a framing error the rest of the stream cannot be trusted.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
