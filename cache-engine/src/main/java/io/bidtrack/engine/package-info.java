/**
 * The bundled Redis-compatible engine: {@link io.bidtrack.engine.CacheEngine} embeds it,
 * {@link io.bidtrack.engine.EngineMain} runs it standalone, {@link io.bidtrack.engine.EngineConfig}
 * sets its limits.
 *
 * <p>How a request travels: {@code server} reads bytes from the socket, {@code resp} parses them
 * into commands in place, {@code command} checks and runs them against {@code keyspace} and
 * {@code pubsub}, and {@code resp} encodes the replies that {@code server} flushes once per batch.
 */
package io.bidtrack.engine;
