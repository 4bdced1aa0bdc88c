package io.bidtrack.common.coredata;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a service's L1 campaign cache hears that a campaign changed in the store (setting
 * {@code l1.invalidation}).
 */
public enum InvalidationMode {
    /**
     * SUBSCRIBE to the {@code core-data} channel: each message carries the whole campaign, applied
     * without a read back. Only writers that publish (the updater, {@link CampaignStore#save}) are
     * heard; anything else is healed by the periodic resync.
     */
    PUBSUB,
    /**
     * Client-side caching, {@code CLIENT TRACKING ON BCAST PREFIX campaign:}: the store itself says
     * which {@code campaign:*} keys changed, whoever wrote them, and the cache re-reads those.
     */
    TRACKING;

    /** The setting's spelling: "pubsub", "tracking". */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a setting value, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static InvalidationMode parse(String value) {
        for (InvalidationMode mode : values()) {
            if (mode.settingValue().equalsIgnoreCase(value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values())
                .map(InvalidationMode::settingValue).collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }

    @Override
    public String toString() {
        return settingValue();
    }
}
