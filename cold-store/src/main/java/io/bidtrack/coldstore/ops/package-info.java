/**
 * The cold store's health, readiness and Prometheus metrics, served on {@code http.port} (default
 * 8084) by {@link io.bidtrack.coldstore.ops.ColdStoreOps}: what the sinks have consumed and committed,
 * how far they lag behind Kafka and behind the clock, and the newest lake partition Trino knows.
 */
package io.bidtrack.coldstore.ops;
