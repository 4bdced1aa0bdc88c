package io.bidtrack.bidder.pacing;

import io.bidtrack.common.Names;

import java.time.LocalDate;

/** The units and keys of daily spend: micro-USD per campaign per UTC day. */
public final class DailySpend {
    public static final long DAY_MILLIS = 86_400_000L;
    /** A day's counter outlives the day long enough for reports of yesterday, then expires. */
    public static final long KEY_TTL_SECONDS = 2 * 24 * 3600;

    private DailySpend() {
    }

    /** What one bid at {@code cpm} USD costs: a thousandth of the CPM, in micro-USD (2.5 CPM → 2500). */
    public static long bidMicros(double cpm) {
        return Math.round(cpm * 1000);
    }

    public static long budgetMicros(double dailyUsd) {
        return Math.round(dailyUsd * 1_000_000);
    }

    public static long epochDay(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MILLIS);
    }

    /** How much of the UTC day has passed, in [0, 1). */
    public static double elapsedFraction(long epochMillis) {
        return Math.floorMod(epochMillis, DAY_MILLIS) / (double) DAY_MILLIS;
    }

    /** {@code spend:{campaignId}:{yyyy-MM-dd}}. */
    public static String key(String campaignId, long epochDay) {
        return Names.SPEND_KEY_PREFIX + campaignId + ":" + LocalDate.ofEpochDay(epochDay);
    }
}
