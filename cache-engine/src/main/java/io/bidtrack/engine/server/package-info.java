/** The network layer: a single-threaded Netty server, per-connection input handling and backpressure. */
package io.bidtrack.engine.server;
