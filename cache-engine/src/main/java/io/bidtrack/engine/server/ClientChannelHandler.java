package io.bidtrack.engine.server;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.ClientConnection;
import io.bidtrack.engine.command.CommandDispatcher;
import io.bidtrack.engine.command.EngineState;
import io.bidtrack.engine.resp.ProtocolException;
import io.bidtrack.engine.resp.ReplyWriter;
import io.bidtrack.engine.resp.RequestParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: turns the bytes of each read into commands, runs them, and sends all
 * replies of a read batch with one flush.
 *
 * <p>Commands are parsed in place from the read buffer (copied once into a heap array shared by all
 * connections of the engine thread); only an incomplete trailing command is copied into the
 * connection's own {@link QueryBuffer}.
 *
 * <p>Backpressure: when a client does not read its replies and the socket's send buffer fills up,
 * the connection stops executing and reading until it drains, so a pipelining client cannot make
 * the engine buffer replies without bound, even with no client-output-buffer-limit for its class
 * (Redis' default for normal clients). The limit, when set, is checked after every command, so a
 * single reply that exceeds the hard limit closes the connection as in Redis.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter implements ClientConnection, ReplyWriter.Sink {
    private static final Logger log = LoggerFactory.getLogger(ClientChannelHandler.class);
    /** Replies are sent early once this many bytes accumulate within one read batch. */
    private static final int FLUSH_THRESHOLD = 64 * 1024;
    private static final byte[] MAX_CLIENTS_REACHED =
            "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

    private final EngineState engine;
    private final CommandDispatcher dispatcher;
    private final InputScratch scratch;
    private final RequestParser parser;
    private final QueryBuffer pending;

    private ChannelHandlerContext ctx;
    private Client client;
    private ReplyWriter reply;
    /** Bytes were written to the channel since the last flush. */
    private boolean unflushed;
    private boolean flushScheduled;
    /** Execution is suspended until the client reads its replies. */
    private boolean paused;
    private boolean closed;

    ClientChannelHandler(EngineState engine, CommandDispatcher dispatcher, InputScratch scratch) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.scratch = scratch;
        this.parser = new RequestParser(engine.config().maxBulkLength(), engine.config().maxMultibulkLength());
        this.pending = new QueryBuffer(engine.config().queryBufferLimit());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        engine.stats().connectionReceived();
        if (engine.clients().size() >= engine.settings().maxClients) {
            engine.stats().connectionRejected();
            closed = true;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(MAX_CLIENTS_REACHED)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        reply = new ReplyWriter(ctx.alloc(), this);
        client = new Client(engine.clients().nextId(), engine, this, reply);
        engine.clients().add(client);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        engine.stats().readProcessed();
        try {
            if (!closed) {
                receive(in);
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!closed) {
            flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // Not inline: this event can fire from inside our own flush, in the middle of a batch.
        if (paused && ctx.channel().isWritable()) {
            ctx.executor().execute(this::resume);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (client != null) {
            client.unsubscribeAll();
            client.trackingOff();
            engine.blocking().disconnected(client);
            engine.pause().forget(client);
            client.transaction().unwatchAll();
            engine.clients().remove(client);
            reply.discard();
        }
        pending.release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing client {} after I/O error", remoteAddress(), cause);
        closed = true;
        ctx.close();
    }

    private void receive(ByteBuf in) {
        if (!pending.isEmpty() || paused) {
            if (!pending.append(in)) {
                queryBufferLimitExceeded();
                return;
            }
            if (!paused) {
                runPending();
            }
            return;
        }
        int length = in.readableBytes();
        byte[] data;
        int from;
        if (in.hasArray()) {
            data = in.array();
            from = in.arrayOffset() + in.readerIndex();
        } else {
            data = scratch.array(length);
            in.getBytes(in.readerIndex(), data, 0, length);
            from = 0;
        }
        int to = from + length;
        int stop = run(data, from, to);
        if (stop < to && !closed && !pending.append(data, stop, to)) {
            queryBufferLimitExceeded();
        }
    }

    private void runPending() {
        int stop = run(pending.array(), pending.start(), pending.end());
        pending.consumeTo(stop);
    }

    /** Runs the complete commands in {@code data[from, to)}; returns where it stopped. */
    private int run(byte[] data, int from, int to) {
        // CONFIG SET may have changed the limits; they apply to connections already open too.
        parser.maxBulkLength(engine.settings().maxBulkLength);
        pending.limit(engine.settings().queryBufferLimit);
        int position = from;
        // A blocked client (BLPOP, ...) runs nothing more until released; the rest stays pending.
        while (position < to && !paused && !closed && !client.isBlocked()) {
            int used;
            try {
                used = parser.parse(data, position, to);
            } catch (ProtocolException e) {
                log.debug("protocol error from {}: {}", remoteAddress(), e.getMessage());
                reply.error("ERR Protocol error: " + e.getMessage());
                closeAfterReplies();
                return to;
            }
            if (used == 0) {
                break; // incomplete command: the caller keeps the rest for the next read
            }
            if (engine.pause().isActive() && engine.pause().holds(client, parser.args())) {
                break; // CLIENT PAUSE: the command stays unconsumed and runs on unpause
            }
            position += used;
            if (parser.args().count() > 0) {
                dispatcher.execute(client, parser.args());
                if (client.isClosing()) {
                    closeAfterReplies();
                    return to;
                }
                if (client.enforceOutputBufferLimit()) {
                    return to; // closed: its reply alone went over client-output-buffer-limit
                }
            }
            // Large values bypass the reply buffer (see ReplyWriter.Sink), so the channel's own
            // writability is checked too: it counts everything written and not yet sent.
            if (reply.pendingBytes() >= FLUSH_THRESHOLD || !ctx.channel().isWritable()) {
                flush();
                if (!ctx.channel().isWritable()) {
                    paused = true;
                    ctx.channel().config().setAutoRead(false);
                }
            }
        }
        return position;
    }

    private void resume() {
        if (!paused || closed) {
            return;
        }
        paused = false;
        ctx.channel().config().setAutoRead(true);
        if (!pending.isEmpty()) {
            runPending();
        }
        flush();
    }

    private void flush() {
        ByteBuf out = reply.take();
        if (out != null) {
            ctx.write(out, ctx.voidPromise());
            unflushed = true;
        }
        if (unflushed) {
            engine.stats().writeProcessed();
            unflushed = false;
            ctx.flush();
        }
    }

    private void closeAfterReplies() {
        closed = true;
        ByteBuf out = reply.take();
        ctx.writeAndFlush(out != null ? out : Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Like Redis, close without a reply: the client is sending more than any command could need. */
    private void queryBufferLimitExceeded() {
        closeNow("query buffer limit of " + engine.settings().queryBufferLimit + " bytes exceeded");
    }

    @Override
    public void write(ByteBuf buffer) {
        if (buffer != null) {
            ctx.write(buffer, ctx.voidPromise());
            unflushed = true;
        }
    }

    @Override
    public void flushSoon() {
        if (!flushScheduled && !closed) {
            flushScheduled = true;
            ctx.executor().execute(() -> {
                flushScheduled = false;
                if (!closed) {
                    flush();
                }
            });
        }
    }

    @Override
    public Future<?> schedule(Runnable task, long delayMillis) {
        return ctx.executor().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Not inline: the release happens inside another client's command. */
    @Override
    public void unblocked() {
        ctx.executor().execute(() -> {
            if (closed || client.isBlocked()) {
                return;
            }
            if (!paused && !pending.isEmpty()) {
                runPending();
            }
            flush();
        });
    }

    @Override
    public long queuedOutputBytes() {
        ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
        return outbound == null ? 0 : outbound.totalPendingWriteBytes();
    }

    @Override
    public void closeNow(String reason) {
        if (closed) {
            return;
        }
        log.info("closing client {} ({}): {}", client == null ? "-" : client.id(), remoteAddress(), reason);
        closed = true;
        if (reply != null) {
            reply.discard();
        }
        ctx.close();
    }

    @Override
    public String remoteAddress() {
        return ctx == null ? "?" : hostAndPort(ctx.channel().remoteAddress());
    }

    @Override
    public String localAddress() {
        return ctx == null ? "?" : hostAndPort(ctx.channel().localAddress());
    }

    /** Redis' form, {@code 127.0.0.1:6379}, without the leading slash of InetSocketAddress.toString(). */
    private static String hostAndPort(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
