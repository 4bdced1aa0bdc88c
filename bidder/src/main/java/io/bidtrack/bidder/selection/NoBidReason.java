package io.bidtrack.bidder.selection;

import java.util.Locale;

/**
 * Why a valid request got no bid (HTTP 204), as counted in {@code bidtrack_no_bids_total{reason}}.
 * When several campaigns were candidates, the reason is the one that stopped the best of them
 * (the campaign that would have won), which is the one worth looking at.
 */
public enum NoBidReason {
    /** cur without USD, or an imp floored in another currency (no conversion). */
    CURRENCY,
    /** No campaign targets the imp's format in the device's country. */
    NO_CAMPAIGN,
    PAUSED,
    /** Outside the campaign's flight dates. */
    FLIGHT,
    OS,
    DEVICE_TYPE,
    /** The app's or site's content categories. */
    CATEGORY,
    /** The floor is above the campaign's maximum CPM. */
    FLOOR,
    /** bcat blocks one of the creative's categories. */
    BCAT,
    /** badv blocks the advertiser. */
    BADV,
    /** The daily budget is spent. */
    BUDGET,
    /** EVEN pacing: the campaign is ahead of its line for this time of day. */
    PACING,
    /** The Kafka buffer is full: load is shed before any work (see BidRoutes). */
    SHED,
    /** The hot-store write timed out: a bid the tracker cannot find is not served. */
    STORE_TIMEOUT,
    /** The hot-store write failed. */
    STORE_ERROR;

    /** The metric tag: "device_type". */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
