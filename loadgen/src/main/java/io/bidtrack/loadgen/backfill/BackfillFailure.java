package io.bidtrack.loadgen.backfill;

/** A backfill that cannot go on; the message says why, fit to show as it is. */
public final class BackfillFailure extends RuntimeException {
    public BackfillFailure(String message) {
        super(message);
    }

    public BackfillFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
