package io.bidtrack.common.coredata;

import io.bidtrack.common.config.Env;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** L1Settings as the services read them. */
class CampaignCacheSettingsTest {

    @Test
    void defaultsArePubSubWithAFiveSecondHeartbeat() {
        L1Settings defaults = L1Settings.defaults();
        assertEquals(InvalidationMode.PUBSUB, defaults.invalidation());
        assertEquals(Duration.ofMinutes(10), defaults.ttl());
        assertEquals(100_000, defaults.maxEntries());
        assertEquals(Duration.ofSeconds(5), defaults.effectiveHeartbeat());
        assertEquals(defaults, L1Settings.fromEnv(new Env(Map.of())));
    }

    @Test
    void readsTheInvalidationModeCaseInsensitively() {
        L1Settings s = L1Settings.fromEnv(new Env(Map.of("BIDTRACK_L1_INVALIDATION", "Tracking",
                "BIDTRACK_L1_TTL", "2s", "BIDTRACK_L1_HEARTBEAT", "500ms")));
        assertEquals(InvalidationMode.TRACKING, s.invalidation());
        assertEquals(Duration.ofMillis(500), s.effectiveHeartbeat());
        assertEquals(InvalidationMode.PUBSUB,
                L1Settings.fromEnv(new Env(Map.of("BIDTRACK_L1_INVALIDATION", "pubsub"))).invalidation());
    }

    @Test
    void rejectsAnUnknownModeNamingTheVariableAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> L1Settings.fromEnv(new Env(Map.of("BIDTRACK_L1_INVALIDATION", "polling"))));
        assertTrue(e.getMessage().contains("BIDTRACK_L1_INVALIDATION"), e.getMessage());
        assertTrue(e.getMessage().contains("pubsub, tracking"), e.getMessage());
        assertTrue(e.getMessage().contains("'polling'"), e.getMessage());
    }

    @Test
    void heartbeatIsNeverSlowerThanTheTtl() {
        L1Settings s = new L1Settings(Duration.ofMillis(300), 10);
        assertEquals(Duration.ofMillis(300), s.effectiveHeartbeat());
        assertThrows(IllegalArgumentException.class, () -> s.withHeartbeat(Duration.ZERO));
    }
}
