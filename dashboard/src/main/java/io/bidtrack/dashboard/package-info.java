/**
 * The live dashboard ({@link io.bidtrack.dashboard.DashboardService}): bids/s, events/s by tier,
 * cache hit ratios, the hot store's memory and keys, the cold sink's lag and newest partition, cold
 * lookup latency; read from each service's Prometheus {@code /metrics} and the hot store's INFO,
 * pushed to the page as Server-Sent Events.
 */
package io.bidtrack.dashboard;
