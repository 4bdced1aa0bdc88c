package io.bidtrack.common.hotstore;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A client for the request path that keeps a few connections open and pipelines every command on
 * them, instead of taking a pooled connection per command. A pooled connection carries one
 * command at a time, so a pool of 16 allows 16 commands in flight and pays a checkout per
 * command; here thousands can be in flight on each connection, written in batches, which is how
 * RESP servers are meant to be used (and what makes the engine fast).
 * <p>
 * Commands go to the connections in turn. A connection that fails, closes, or does not answer a
 * PING within {@link #PING_TIMEOUT_MS} (a half-open connection never fails by itself) is dropped,
 * and the next command that would use it opens a new one, so a store restart heals by itself;
 * commands in flight on the lost connection fail (callers bound them with timeouts anyway).
 * {@link #connect()} still hands out a connection of its own, for MULTI/EXEC and pub/sub.
 */
public final class PipelinedRedis implements Redis {
    static final long PING_EVERY_MS = 5000;
    static final long PING_TIMEOUT_MS = 2000;

    private final Vertx vertx;
    private final Redis pool;
    private final long pingTimer;
    private final AtomicReferenceArray<Future<RedisConnection>> connections;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param connections how many connections to spread commands over (one per event loop of the
     *                    store is plenty: the engine has one)
     */
    public PipelinedRedis(Vertx vertx, String redisUrl, int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, got " + connections);
        }
        // The pool provides the connections held here plus those handed out by connect().
        this.pool = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                .setMaxPoolSize(connections + 4).setMaxPoolWaiting(1024).setMaxWaitingHandlers(65_536));
        this.connections = new AtomicReferenceArray<>(connections);
        this.vertx = vertx;
        this.pingTimer = vertx.setPeriodic(PING_EVERY_MS, id -> pingAll());
    }

    private void pingAll() {
        for (int i = 0; i < connections.length(); i++) {
            Future<RedisConnection> held = connections.get(i);
            if (held == null || !held.succeeded()) {
                continue;
            }
            int slot = i;
            RedisConnection c = held.result();
            c.send(Request.cmd(Command.PING)).timeout(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS).onFailure(e -> {
                if (connections.compareAndSet(slot, held, null)) {
                    c.close();
                }
            });
        }
    }

    @Override
    public Future<Response> send(Request request) {
        return connection().compose(c -> c.send(request));
    }

    @Override
    public Future<List<Response>> batch(List<Request> requests) {
        return connection().compose(c -> c.batch(requests));
    }

    /** A connection of the caller's own (MULTI/EXEC, SUBSCRIBE); the caller closes it. */
    @Override
    public Future<RedisConnection> connect() {
        return pool.connect();
    }

    private Future<RedisConnection> connection() {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("client closed"));
        }
        int slot = Math.floorMod(next.getAndIncrement(), connections.length());
        Future<RedisConnection> current = connections.get(slot);
        if (current != null && !current.failed()) {
            return current;
        }
        Future<RedisConnection> opening = pool.connect().map(c -> watch(slot, c));
        // One caller opens the slot's connection; the others wait for the same one.
        if (connections.compareAndSet(slot, current, opening)) {
            opening.onFailure(e -> connections.compareAndSet(slot, opening, null));
            return opening;
        }
        Future<RedisConnection> winner = connections.get(slot);
        return winner != null ? winner : opening;
    }

    /** Drops the connection from its slot once it fails or ends, so the next command reopens it. */
    private RedisConnection watch(int slot, RedisConnection connection) {
        Runnable drop = () -> {
            Future<RedisConnection> held = connections.get(slot);
            if (held != null && held.succeeded() && held.result() == connection) {
                connections.compareAndSet(slot, held, null);
            }
        };
        connection.exceptionHandler(e -> {
            drop.run();
            connection.close();
        });
        connection.endHandler(v -> drop.run());
        return connection;
    }

    @Override
    public Future<Void> close() {
        closed = true;
        vertx.cancelTimer(pingTimer);
        for (int i = 0; i < connections.length(); i++) {
            Future<RedisConnection> c = connections.getAndSet(i, null);
            if (c != null) {
                c.onSuccess(RedisConnection::close);
            }
        }
        return pool.close();
    }
}
