/**
 * Sorted-set commands on {@link io.bidtrack.engine.keyspace.SortedSetValue} (a score map plus a skip list
 * with spans). Scores are read with strtod rules and printed with %.17g, as Redis 7.0 does.
 * BZPOPMIN/BZPOPMAX come with the shared blocking infrastructure.
 */
package io.bidtrack.engine.command.sortedsets;
