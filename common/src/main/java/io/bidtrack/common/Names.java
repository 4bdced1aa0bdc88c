package io.bidtrack.common;

import java.util.List;

/** The names the services agree on: Kafka topics, hot-store keys and the pub/sub channel. */
public final class Names {
    /** Kafka topic of stored bids, key = bid id, value = BidRecord protobuf. */
    public static final String BIDS_TOPIC = "bids";
    /** Kafka topic of attributed tracking events, key = bid id, value = TrackingEvent protobuf. */
    public static final String TRACKING_EVENTS_TOPIC = "tracking-events";
    /** Kafka topic of core-data updates (campaign JSON). */
    public static final String CORE_DATA_TOPIC = "core-data";
    /** Kafka topic of core-data documents the updater could not apply, with the reason in a header. */
    public static final String CORE_DATA_DLQ_TOPIC = "core-data-dlq";
    /** The topics a stack creates before its services start (the local stack and the compose stack alike). */
    public static final List<String> STACK_TOPICS = List.of(BIDS_TOPIC, TRACKING_EVENTS_TOPIC, CORE_DATA_TOPIC, CORE_DATA_DLQ_TOPIC);
    /**
     * Partitions of each of the {@link #STACK_TOPICS}: three lets a group of up to three sink,
     * tracker or updater instances share the work.
     */
    public static final int TOPIC_PARTITIONS = 3;
    /** Pub/sub channel on the hot store on which core-data changes are pushed to every service. */
    public static final String CORE_DATA_CHANNEL = "core-data";
    /** Key prefix of bids in the hot store. */
    public static final String BID_KEY_PREFIX = "bid:";
    /** Key prefix of campaign hashes in the hot store. */
    public static final String CAMPAIGN_KEY_PREFIX = "campaign:";
    /** Key prefix of the tracker's dedupe marks: {@code seen:{event type}:{bid id}}. */
    public static final String DEDUPE_KEY_PREFIX = "seen:";
    /** Key prefix of the daily spend counters: {@code spend:{campaign id}:{yyyy-MM-dd}}, micro-USD. */
    public static final String SPEND_KEY_PREFIX = "spend:";
    /** Trino catalog, schema and tables of the cold bids and tracking events. */
    public static final String LAKE_CATALOG = "lake";
    public static final String LAKE_SCHEMA = "bidtrack";
    public static final String BIDS_TABLE = "bids";
    public static final String EVENTS_TABLE = "events";

    private Names() {
    }

    public static String bidKey(String bidId) {
        return BID_KEY_PREFIX + bidId;
    }

    public static String campaignKey(String campaignId) {
        return CAMPAIGN_KEY_PREFIX + campaignId;
    }
}
