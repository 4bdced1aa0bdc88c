package io.bidtrack.common.web;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a service's Vert.x instance is made. On Linux it runs on Netty's native epoll
 * transport: fewer system calls and no JDK selector wake-ups per event-loop turn, which matters
 * when every request is a few small socket reads and writes. Where the native library cannot load,
 * Vert.x falls back to NIO and this says so once.
 */
public final class VertxFactory {
    private static final Logger LOG = LoggerFactory.getLogger(VertxFactory.class);

    private VertxFactory() {
    }

    public static Vertx create() {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        if (!vertx.isNativeTransportEnabled()) {
            LOG.info("native transport unavailable, using NIO: {}", String.valueOf(vertx.unavailableNativeTransportCause()));
        }
        return vertx;
    }
}
