package io.bidtrack.common.hotstore;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client for the request path that keeps a few connections open and pipelines every command on
 * them, instead of taking a pooled connection per command. A pooled connection carries one
 * command at a time, so a pool of 16 allows 16 commands in flight and pays a checkout per
 * command; here thousands can be in flight on each connection, written in batches, which is how
 * RESP servers are meant to be used (and what makes the engine fast).
 * <p>
 * A command sent from an event loop goes on that event loop's own connection: the write, the
 * reply and the caller's continuation then all run on the caller's thread. Sharing connections
 * across event loops would cost two thread hand-offs (two wake-ups of another thread) per command.
 * Commands from other threads take the shared connections in turn.
 * <p>
 * The commands an event loop sends in one turn leave in one socket write ({@link FlushCoalescing}).
 * <p>
 * A connection that fails, closes, or does not answer a PING within {@link #PING_TIMEOUT_MS} (a
 * half-open connection never fails by itself) is dropped, and the next command that would use it
 * opens a new one, so a store restart heals by itself; commands in flight on the lost connection
 * fail (callers bound them with timeouts anyway). {@link #connect()} still hands out a connection
 * of its own, for MULTI/EXEC and pub/sub.
 */
public final class PipelinedRedis implements Redis {
    static final long PING_EVERY_MS = 5000;
    static final long PING_TIMEOUT_MS = 2000;

    private final Vertx vertx;
    private final Redis pool;
    private final long pingTimer;
    /** For callers that are not on an event loop, taken in turn. */
    private final Slot[] shared;
    private final AtomicInteger next = new AtomicInteger();
    /** One connection per event loop that has sent a command. */
    private final Map<Thread, Slot> perEventLoop = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param connections how many connections callers off the event loops spread their commands
     *                    over (event loops have one each)
     */
    public PipelinedRedis(Vertx vertx, String redisUrl, int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, got " + connections);
        }
        // The pool provides the connections held here (the shared ones and one per event loop, of
        // which Vert.x has at most twice the cores by default) plus those handed out by connect().
        int eventLoops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        this.pool = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                .setMaxPoolSize(connections + eventLoops + 4).setMaxPoolWaiting(1024).setMaxWaitingHandlers(65_536));
        this.shared = new Slot[connections];
        for (int i = 0; i < connections; i++) {
            shared[i] = new Slot();
        }
        this.vertx = vertx;
        this.pingTimer = vertx.setPeriodic(PING_EVERY_MS, id -> pingAll());
    }

    private void pingAll() {
        for (Slot slot : shared) {
            slot.ping();
        }
        perEventLoop.values().forEach(Slot::ping);
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
        if (Context.isOnEventLoopThread()) {
            // Opened from this thread's context, the connection belongs to this event loop.
            return perEventLoop.computeIfAbsent(Thread.currentThread(), t -> new Slot()).get();
        }
        return shared[Math.floorMod(next.getAndIncrement(), shared.length)].get();
    }

    /** One held connection: opened on first use, dropped when it fails so that the next use reopens it. */
    private final class Slot {
        private final AtomicReference<Future<RedisConnection>> held = new AtomicReference<>();

        Future<RedisConnection> get() {
            Future<RedisConnection> current = held.get();
            if (current != null && !current.failed()) {
                return current;
            }
            Future<RedisConnection> opening = pool.connect().map(this::watch);
            // One caller opens the slot's connection; the others wait for the same one.
            if (held.compareAndSet(current, opening)) {
                opening.onFailure(e -> held.compareAndSet(opening, null));
                return opening;
            }
            Future<RedisConnection> winner = held.get();
            return winner != null ? winner : opening;
        }

        /**
         * Drops the connection once it fails or ends, so the next command reopens it; sends the
         * commands of one event-loop turn in one write ({@link FlushCoalescing}).
         */
        private RedisConnection watch(RedisConnection connection) {
            FlushCoalescing.install(connection);
            connection.exceptionHandler(e -> {
                drop(connection);
                connection.close();
            });
            connection.endHandler(v -> drop(connection));
            return connection;
        }

        private void drop(RedisConnection connection) {
            Future<RedisConnection> current = held.get();
            if (current != null && current.succeeded() && current.result() == connection) {
                held.compareAndSet(current, null);
            }
        }

        void ping() {
            Future<RedisConnection> current = held.get();
            if (current == null || !current.succeeded()) {
                return;
            }
            RedisConnection c = current.result();
            c.send(Request.cmd(Command.PING)).timeout(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS).onFailure(e -> {
                if (held.compareAndSet(current, null)) {
                    c.close();
                }
            });
        }

        void close() {
            Future<RedisConnection> c = held.getAndSet(null);
            if (c != null) {
                c.onSuccess(RedisConnection::close);
            }
        }
    }

    @Override
    public Future<Void> close() {
        closed = true;
        vertx.cancelTimer(pingTimer);
        for (Slot slot : shared) {
            slot.close();
        }
        perEventLoop.values().forEach(Slot::close);
        return pool.close();
    }
}
