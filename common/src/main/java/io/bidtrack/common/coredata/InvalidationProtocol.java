package io.bidtrack.common.coredata;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Response;

/**
 * One way of hearing about campaign changes over a dedicated connection: what to send on a fresh
 * connection to start hearing, and how to read what then arrives. The connection itself (connect,
 * heartbeat, reconnect) is {@link InvalidationConnection}'s business.
 */
sealed interface InvalidationProtocol permits PubSubInvalidation, TrackingInvalidation {

    static InvalidationProtocol of(InvalidationMode mode) {
        return switch (mode) {
            case PUBSUB -> new PubSubInvalidation();
            case TRACKING -> new TrackingInvalidation();
        };
    }

    InvalidationMode mode();

    /** Makes a fresh connection start delivering changes; fails if the store refuses. */
    Future<Void> enable(RedisConnection connection);

    /**
     * Handles one unsolicited message from the connection.
     *
     * @return whether it was a change (and was passed on), as opposed to a confirmation or noise
     */
    boolean onMessage(Response message, CacheChanges changes);

    /** The state of a healthy connection, for {@code /ready}: "subscribed", "tracking". */
    String activeState();
}
