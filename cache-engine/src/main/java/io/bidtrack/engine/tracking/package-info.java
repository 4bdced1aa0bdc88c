/**
 * Client-side caching (CLIENT TRACKING), as in Redis 7.0: which clients may hold which keys in a
 * local cache, and the invalidation messages sent when those keys change, expire or are flushed.
 * {@link io.bidtrack.engine.tracking.Tracking} is the engine-wide state; each tracking client has a
 * {@link io.bidtrack.engine.tracking.ClientTracking}.
 */
package io.bidtrack.engine.tracking;
