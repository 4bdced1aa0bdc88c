package io.bidtrack.engine;

import io.bidtrack.engine.command.BuiltinCommands;
import io.bidtrack.engine.command.EngineState;
import io.bidtrack.engine.server.RespServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable Redis-compatible engine. Standard Redis clients talk to it over TCP:
 *
 * <pre>{@code
 * try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0))) {
 *     String url = "redis://" + engine.host() + ":" + engine.port();
 *     ...
 * }
 * }</pre>
 *
 * <p>Each engine has its own keyspace and its own thread; several can run in one JVM.
 */
public final class CacheEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CacheEngine.class);

    private final RespServer server;
    private final String host;
    private final int port;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;

    private CacheEngine(RespServer server, EngineState state) {
        this.server = server;
        this.host = server.localAddress().getAddress().getHostAddress();
        this.port = server.localAddress().getPort();
        state.onShutdown(this::shutdownRequested);
    }

    /**
     * Starts an engine and returns once it accepts connections.
     *
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is in use)
     */
    public static CacheEngine start(EngineConfig config) {
        EngineState state = new EngineState(config, BuiltinCommands.table());
        try {
            CacheEngine engine = new CacheEngine(RespServer.start(config, state), state);
            log.info("cache-engine listening on {}:{}", engine.host, engine.port);
            return engine;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the cache engine", e);
        } catch (Exception e) {
            // NIO throws BindException; native epoll a NativeIoException naming the bind call.
            if (e instanceof BindException || e.getCause() instanceof BindException
                    || (e instanceof IOException && String.valueOf(e.getMessage()).startsWith("bind("))) {
                throw new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + config.port(),
                        e instanceof IOException io ? io : new IOException(e));
            }
            throw e;
        }
    }

    /** The port the engine listens on (the chosen one if the configuration said 0). */
    public int port() {
        return port;
    }

    /** The address the engine listens on, e.g. {@code 127.0.0.1}. */
    public String host() {
        return host;
    }

    /** Closes all connections, frees the port and stops the engine thread; blocks until done. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        log.info("cache-engine on {}:{} stopped", host, port);
        stopped.countDown();
    }

    /** Blocks until the engine has stopped: {@link #close()}, or a client's SHUTDOWN. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Whether the engine has stopped (see {@link #awaitStop()}). */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * SHUTDOWN, on the engine thread: connections drop at once, so nothing runs after it, as
     * when redis-server exits; the rest of close() waits for this very thread, so another one
     * does it.
     */
    private void shutdownRequested() {
        log.info("cache-engine on {}:{}: SHUTDOWN requested by a client", host, port);
        server.closeConnections();
        Thread.ofPlatform().name("cache-engine-shutdown").start(this::close);
    }
}
