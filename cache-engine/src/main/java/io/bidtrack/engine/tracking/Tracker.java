package io.bidtrack.engine.tracking;

import io.bidtrack.engine.resp.ReplyWriter;

/**
 * What tracking needs from a client connection (implemented by the command layer's client), so
 * this package does not depend on it.
 */
public interface Tracker {
    long id();

    /** The tracking state, or null while tracking is off. */
    ClientTracking tracking();

    /** Where its replies and pushes are encoded; also tells RESP2 from RESP3. */
    ReplyWriter reply();

    /** Subscribed to any channel or pattern (Redis' CLIENT_PUBSUB flag). */
    boolean isSubscribed();

    /** Something was pushed outside a command's reply: have it sent soon. */
    void pushed();
}
