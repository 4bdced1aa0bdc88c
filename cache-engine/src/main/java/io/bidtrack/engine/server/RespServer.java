package io.bidtrack.engine.server;

import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.command.CommandDispatcher;
import io.bidtrack.engine.command.EngineState;
import io.bidtrack.engine.keyspace.ActiveExpiry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The network side of the engine: a Netty server whose single event-loop thread accepts
 * connections, runs every command and the background expiry cycle.
 *
 * <p>One thread, as in Redis: the keyspace needs no locks, each command is atomic, and on a small
 * machine a second thread would mostly add hand-off costs. Throughput comes from pipelining and
 * batching (many commands per read, one flush per batch), not from parallelism.
 */
public final class RespServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel serverChannel;
    /** Every open client connection, so that close() can end each one with a FIN. */
    private final ChannelGroup clients;

    private RespServer(EventLoopGroup group, Channel serverChannel, ChannelGroup clients) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.clients = clients;
    }

    /** Binds and starts serving; returns once the port is listening. */
    public static RespServer start(EngineConfig config, EngineState engine) throws InterruptedException {
        // Native epoll where it loads (Linux), the JDK's selector elsewhere; INFO shows which.
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cache-engine", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        engine.transport(epoll ? "epoll" : "nio");
        CommandDispatcher dispatcher = engine.dispatcher();
        InputScratch scratch = new InputScratch();
        ChannelGroup clients = new DefaultChannelGroup("cache-engine-clients", GlobalEventExecutor.INSTANCE);
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 511)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            clients.add(channel); // removed again by the group when it closes
                            channel.pipeline().addLast(new ClientChannelHandler(engine, dispatcher, scratch));
                        }
                    });
            Channel channel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
            engine.port(((InetSocketAddress) channel.localAddress()).getPort());
            engine.tracking().executor(channel.eventLoop());
            scheduleExpiry(channel.eventLoop(), engine, new ActiveExpiry(engine.keyspace(), 0));
            return new RespServer(group, channel, clients);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /**
     * Runs the expiry cycle, the output buffer limit check and the client-side caching table limit
     * (as Redis' serverCron does) {@code hz} times a second. Each run schedules the next, so CONFIG SET
     * hz takes effect from the next run; Redis gives the cycle at most 25% of the time between runs.
     */
    private static void scheduleExpiry(EventLoop loop, EngineState engine, ActiveExpiry expiry) {
        long periodMillis = Math.max(1, 1000 / engine.settings().hz);
        loop.schedule(() -> {
            expiry.budgetNanos(TimeUnit.MILLISECONDS.toNanos(periodMillis) / 4);
            expiry.run();
            engine.tracking().limitTableSize(engine.settings().trackingTableMaxKeys);
            engine.stats().sampleOps(System.currentTimeMillis());
            engine.clients().enforceOutputBufferLimits();
            if (!loop.isShuttingDown()) {
                scheduleExpiry(loop, engine, expiry);
            }
        }, periodMillis, TimeUnit.MILLISECONDS);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Stops listening and starts closing every connection, without waiting: callable on the engine
     * thread (SHUTDOWN), where {@link #close} would wait for itself.
     */
    public void closeConnections() {
        serverChannel.close();
        clients.close();
    }

    /** Stops listening, closes every connection and stops the thread; blocks until done. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        // Shutting the event loop down alone does not reliably close accepted channels: clients
        // would then see no FIN and hang on a half-dead connection instead of reconnecting.
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
