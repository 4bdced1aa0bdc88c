package io.bidtrack.common.coredata;

import io.bidtrack.common.Names;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Changes as client-side-caching invalidations: {@code CLIENT TRACKING ON BCAST PREFIX campaign:}
 * makes the store report every write to a {@code campaign:*} key, whoever made it (the updater, an
 * operator's redis-cli, a script that forgot to publish), as {@code >2 invalidate [keys]}; a flush
 * is reported with a null key list.
 * <p>
 * Why RESP3 on the one dedicated connection rather than RESP2 with {@code REDIRECT} to a second
 * connection SUBSCRIBEd to {@code __redis__:invalidate}: with a redirect, tracking lives on one
 * connection and delivery on another, so either can die alone (and the loss of the target is only
 * ever reported as a RESP3 push to the first); with RESP3 there is a single connection whose loss,
 * noticed by its close or its heartbeat, is the only failure to handle, exactly as in pub/sub mode.
 * BCAST, because the cache reads through a pooled client of its own: default-mode tracking only
 * covers keys read on the tracking connection itself.
 */
final class TrackingInvalidation implements InvalidationProtocol {

    @Override
    public InvalidationMode mode() {
        return InvalidationMode.TRACKING;
    }

    @Override
    public Future<Void> enable(RedisConnection connection) {
        // The client negotiates RESP3 by itself when it can, but silently settles for RESP2, which
        // has no pushes: ask explicitly, so a store without RESP3 is a clear error, not silence.
        return connection.send(Request.cmd(Command.HELLO).arg(3))
                .recover(e -> Future.failedFuture(new IllegalStateException(
                        "l1.invalidation=tracking needs a store that speaks RESP3 (HELLO 3 failed: " + e.getMessage() + ")", e)))
                .compose(hello -> connection.send(Request.cmd(Command.CLIENT).arg("TRACKING").arg("ON")
                        .arg("BCAST").arg("PREFIX").arg(Names.CAMPAIGN_KEY_PREFIX)))
                .mapEmpty();
    }

    @Override
    public boolean onMessage(Response message, CacheChanges changes) {
        if (message.type() != ResponseType.PUSH || message.size() < 2
                || !"invalidate".equals(message.get(0).toString())) {
            return false;
        }
        Response keys = message.get(1);
        if (keys == null) {
            changes.flushed();
            return true;
        }
        for (Response key : keys) {
            String name = key.toString();
            if (name.startsWith(Names.CAMPAIGN_KEY_PREFIX)) {
                changes.changed(name.substring(Names.CAMPAIGN_KEY_PREFIX.length()));
            }
        }
        return true;
    }

    @Override
    public String activeState() {
        return "tracking";
    }
}
