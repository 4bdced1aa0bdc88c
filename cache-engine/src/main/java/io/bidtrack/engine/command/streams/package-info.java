/**
 * Stream commands (Redis 7.0): XADD and trimming, ranges, XREAD, consumer groups with their
 * pending entries lists, claiming, and XINFO. XREAD BLOCK and XREADGROUP BLOCK wait through
 * {@link io.bidtrack.engine.blocking}; XADD signals its key, XGROUP DESTROY too (its waiters get
 * NOGROUP).
 *
 * <p>Data lives in {@link io.bidtrack.engine.keyspace.StreamValue}: a TreeMap of IDs to
 * field-value arrays, with Redis' listpack nodes simulated by entry count so that {@code ~}
 * trimming removes the same entries (nodes closed at Redis' 4 KB size limit are not simulated:
 * with large entries, approximate trimming may remove fewer entries than Redis).
 */
package io.bidtrack.engine.command.streams;
