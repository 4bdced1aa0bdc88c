/**
 * Stream commands (Redis 7.0): XADD and trimming, XSETID, ranges, XREAD, consumer groups with their
 * pending entries lists, claiming, and XINFO. XREAD BLOCK and XREADGROUP BLOCK wait through
 * {@link io.bidtrack.engine.blocking}; XADD signals its key, XGROUP DESTROY too (its waiters get
 * NOGROUP).
 *
 * <p>Data lives in {@link io.bidtrack.engine.keyspace.StreamValue}: a TreeMap of IDs to
 * field-value arrays, with Redis' listpack nodes simulated (entry count and estimated size) so that
 * {@code ~} trimming removes the same entries.
 */
package io.bidtrack.engine.command.streams;
