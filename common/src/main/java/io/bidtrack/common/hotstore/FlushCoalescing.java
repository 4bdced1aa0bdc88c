package io.bidtrack.common.hotstore;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.impl.PooledRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;

/**
 * Makes the commands one event-loop turn sends on a store connection leave in one socket write.
 * <p>
 * vertx-redis-client writes and flushes every command as it is sent. A bidder event loop that
 * handles ten requests in one turn thus makes ten write system calls to the store, and the store
 * ten reads and ten reply writes, each a trip through the loopback or network stack. With Netty's
 * {@link FlushConsolidationHandler} on the connection, a flush outside a read is put off to the end
 * of the event loop's current turn, so the turn's commands go out together (measured with
 * {@code ./bidtrack bench hotpath} at 16,000–20,000 bids/s: the engine's CPU fell by about 40% and
 * the bidder's median latency by about half). A lone command waits only for the rest of the turn, microseconds.
 * <p>
 * The client offers no hook on its connections' channels, so this reaches the socket through one
 * private field of the client's connection class. Should a client upgrade rename it, the connection
 * works as before, only unbatched: the store stays correct, a warning says so, and
 * {@code PipelinedRedisTest} fails.
 */
final class FlushCoalescing {
    private static final Logger LOG = LoggerFactory.getLogger(FlushCoalescing.class);
    /** Flush anyway after this many deferred flushes, to bound how much waits in a long turn. */
    private static final int MAX_DEFERRED_FLUSHES = 256;
    private static final String HANDLER_NAME = "bidtrack-flush-coalescing";
    private static volatile boolean warned;

    private FlushCoalescing() {
    }

    /** Installs the coalescing on a pooled connection's channel; false (with one warning) when it cannot. */
    static boolean install(RedisConnection connection) {
        try {
            ChannelPipeline pipeline = pipelineOf(connection);
            if (pipeline.get(HANDLER_NAME) == null) {
                // First in the pipeline: it sees the flushes of every handler after it.
                pipeline.addFirst(HANDLER_NAME, new FlushConsolidationHandler(MAX_DEFERRED_FLUSHES, true));
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("store commands are flushed one by one: cannot reach the connection's channel ({})", e.toString());
            }
            return false;
        }
    }

    private static ChannelPipeline pipelineOf(RedisConnection connection) throws ReflectiveOperationException {
        Object actual = ((PooledRedisConnection) connection).actual();
        Field socket = actual.getClass().getDeclaredField("netSocket");
        socket.setAccessible(true);
        return ((NetSocketInternal) socket.get(actual)).channelHandlerContext().pipeline();
    }
}
