package io.bidtrack.infra.stack;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a server, for outage tests: it forwards bytes both ways until it is
 * {@link #cut()}, then closes every connection it holds and every new one as soon as it is
 * accepted (a server that went away), until {@link #restore()}.
 */
final class TcpProxy implements AutoCloseable {
    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean cut;

    private TcpProxy(Vertx vertx, String targetHost, int targetPort) {
        this.client = vertx.createNetClient();
        this.server = vertx.createNetServer().connectHandler(inbound -> {
            if (cut) {
                refused.incrementAndGet();
                inbound.close();
                return;
            }
            inbound.pause(); // hold what the client sends until the other side is connected
            client.connect(targetPort, targetHost).onComplete(connected -> {
                if (connected.failed()) {
                    inbound.close();
                    return;
                }
                NetSocket outbound = connected.result();
                track(inbound, outbound);
                track(outbound, inbound);
                inbound.pipeTo(outbound);
                outbound.pipeTo(inbound);
            });
        });
    }

    /** Forgets a socket once closed, and closes its peer with it. */
    private void track(NetSocket socket, NetSocket peer) {
        open.add(socket);
        socket.closeHandler(v -> {
            open.remove(socket);
            peer.close();
        });
        socket.exceptionHandler(e -> socket.close());
    }

    /** A proxy on a free port of 127.0.0.1, forwarding to {@code targetHost:targetPort}. */
    static TcpProxy start(Vertx vertx, String targetHost, int targetPort) {
        TcpProxy proxy = new TcpProxy(vertx, targetHost, targetPort);
        proxy.server.listen(0, "127.0.0.1").await();
        return proxy;
    }

    int port() {
        return server.actualPort();
    }

    /** Closes every forwarded connection and, until {@link #restore()}, every new one at once. */
    void cut() {
        cut = true;
        open.forEach(NetSocket::close);
    }

    void restore() {
        cut = false;
    }

    /** Connections closed on arrival while cut: proof that someone tried. */
    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        cut();
        server.close().await();
        client.close().await();
    }
}
