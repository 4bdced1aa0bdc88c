package io.bidtrack.common.coredata;

import io.bidtrack.common.model.Campaign;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The messages on the hot store's {@code core-data} pub/sub channel, and the documents on the Kafka
 * topic {@code core-data} that the updater applies (same format; there the record key is the
 * campaign id). The format, one JSON object per message:
 * <ul>
 *   <li>upsert: the campaign document itself, exactly {@link Campaign#toJson()}
 *       ({@code {"id":"c1","name":..,"active":true,"bidCpm":2.5,...}});</li>
 *   <li>delete: {@code {"id":"c1","deleted":true}}.</li>
 * </ul>
 * An upsert carries the whole campaign so that subscribers apply it without a read back to the
 * engine; the engine's {@code campaign:{id}} hash is written before the message is published, so
 * a subscriber that misses the message still finds the same state on its next resync.
 */
public sealed interface CoreDataMessage {

    String campaignId();

    /** A campaign created or changed. */
    record Upsert(Campaign campaign) implements CoreDataMessage {
        @Override
        public String campaignId() {
            return campaign.id();
        }
    }

    /** A campaign removed from the store. */
    record Deletion(String campaignId) implements CoreDataMessage {
    }

    static String upsert(Campaign campaign) {
        return campaign.toJson().encode();
    }

    static String deletion(String campaignId) {
        return new JsonObject().put("id", campaignId).put("deleted", true).encode();
    }

    /**
     * Reads a message from the channel.
     *
     * @throws IllegalArgumentException (an {@link Campaign.InvalidCampaignException} for a bad
     *                                  campaign) when the payload is not a valid message
     */
    static CoreDataMessage parse(String payload) {
        JsonObject json;
        try {
            json = new JsonObject(payload);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("core-data message is not a JSON object");
        }
        Object deleted = json.getValue("deleted");
        if (deleted != null && !(deleted instanceof Boolean)) {
            throw new Campaign.InvalidCampaignException("deleted", "must be a boolean");
        }
        if (Boolean.TRUE.equals(deleted)) {
            Object id = json.getValue("id");
            if (!(id instanceof String s) || s.isEmpty()) {
                throw new Campaign.InvalidCampaignException("id", "is required");
            }
            return new Deletion(s);
        }
        return new Upsert(Campaign.fromJson(json));
    }
}
