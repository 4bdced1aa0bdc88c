package io.bidtrack.common.coredata;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The long-lived connection on which changes arrive, kept alive: opened and enabled by its
 * {@link InvalidationProtocol}, pinged every heartbeat, and replaced (after telling the cache it
 * was lost) whenever it closes or stops answering. Once subscribed or tracking, it carries nothing
 * else, so it has a client of its own: a dead connection is really closed, never pooled.
 */
final class InvalidationConnection {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationConnection.class);
    private static final long RECONNECT_DELAY_MS = 1000;

    /** What the cache hears about the connection itself. */
    interface Lifecycle {
        /** The connection is gone: changes may be missed from now on. */
        void lost();

        /** A new connection is enabled again: changes made while it was away must be read. */
        void reconnected();
    }

    private final Vertx vertx;
    private final String redisUrl;
    private final InvalidationProtocol protocol;
    private final long heartbeatMs;
    private final Handler<Response> messages;
    private final Lifecycle lifecycle;
    private volatile Redis client;
    /** The enabled connection; null while (re)connecting. */
    private volatile RedisConnection connection;
    private volatile boolean closed;
    private long heartbeatTimer = -1;

    InvalidationConnection(Vertx vertx, String redisUrl, InvalidationProtocol protocol, long heartbeatMs,
                           Handler<Response> messages, Lifecycle lifecycle) {
        this.vertx = vertx;
        this.redisUrl = redisUrl;
        this.protocol = protocol;
        this.heartbeatMs = heartbeatMs;
        this.messages = messages;
        this.lifecycle = lifecycle;
    }

    /** Connects and enables the protocol; fails (without retrying) if the store is not there. */
    Future<Void> open() {
        heartbeatTimer = vertx.setPeriodic(heartbeatMs, id -> heartbeat());
        return connect();
    }

    boolean connected() {
        return connection != null;
    }

    private Future<Void> connect() {
        Redis c = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl).setMaxPoolSize(1));
        client = c;
        return c.connect().compose(conn -> {
            if (closed) {
                return c.close();
            }
            // The handler is set before enabling: a change right after the store's reply is not lost.
            conn.handler(messages);
            conn.exceptionHandler(e -> LOG.warn("{} connection error: {}", protocol.mode(), e.toString()));
            conn.endHandler(v -> onLost(conn, "disconnected"));
            return protocol.enable(conn).onSuccess(v -> connection = conn);
        });
    }

    /**
     * A connection can die without the socket saying so (a half-open TCP connection, a hung
     * server): without this the cache would wait for changes that never come. PING is allowed on a
     * subscribed or tracking connection, in RESP2 and RESP3.
     */
    private void heartbeat() {
        RedisConnection conn = connection;
        if (conn == null || closed) {
            return;
        }
        conn.send(Request.cmd(Command.PING))
                .timeout(heartbeatMs, TimeUnit.MILLISECONDS)
                .onFailure(e -> onLost(conn, "unresponsive (" + e.getMessage() + ")"));
    }

    private void onLost(RedisConnection conn, String why) {
        if (closed || conn != connection) {
            return;
        }
        LOG.warn("{} connection {}; serving cached campaigns and reconnecting", protocol.mode(), why);
        connection = null;
        client.close();
        lifecycle.lost();
        vertx.setTimer(RECONNECT_DELAY_MS, id -> reconnect());
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        connect().onComplete(ar -> {
            if (closed) {
                return;
            }
            if (ar.failed()) {
                LOG.debug("{} reconnect failed, retrying: {}", protocol.mode(), ar.cause().toString());
                client.close();
                vertx.setTimer(RECONNECT_DELAY_MS, id -> reconnect());
                return;
            }
            lifecycle.reconnected();
        });
    }

    Future<Void> close() {
        closed = true;
        connection = null;
        vertx.cancelTimer(heartbeatTimer);
        Redis c = client;
        return c == null ? Future.succeededFuture() : c.close().recover(e -> Future.succeededFuture());
    }
}
