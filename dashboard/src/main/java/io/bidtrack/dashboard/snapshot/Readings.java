package io.bidtrack.dashboard.snapshot;

import io.bidtrack.dashboard.prometheus.Scrape;
import io.bidtrack.dashboard.sources.EngineFigures;
import io.bidtrack.dashboard.sources.Reading;

import java.time.Instant;

/**
 * What one poll read from every source, each up or down on its own.
 *
 * @param at when the poll started (shown on the page)
 */
public record Readings(Instant at, Reading<Scrape> bidder, Reading<Scrape> tracker, Reading<Scrape> coldStore,
                       Reading<EngineFigures> engine) {
}
