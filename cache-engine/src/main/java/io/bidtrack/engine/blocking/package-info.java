/**
 * Clients blocked on keys (BLPOP, BLMOVE, ...): who waits on which key, in arrival order, and the
 * ready keys to serve once the command that wrote them completes, as Redis does.
 */
package io.bidtrack.engine.blocking;
