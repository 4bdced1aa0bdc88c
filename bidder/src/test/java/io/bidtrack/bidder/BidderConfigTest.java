package io.bidtrack.bidder;

import io.bidtrack.common.config.Env;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings: defaults, overrides, and errors that name the setting and its variable. */
class BidderConfigTest {
    @Test
    void defaultsAndOverrides() {
        BidderConfig defaults = BidderConfig.fromEnv(new Env(Map.of()));
        assertEquals(50_000, defaults.kafkaBufferRecords());
        assertEquals(Duration.ofMillis(250), defaults.pacingRefresh());
        assertEquals(65_536, defaults.bodyLimitBytes());
        assertEquals(Duration.ofMillis(250), defaults.storeTimeout());
        BidderConfig set = BidderConfig.fromEnv(new Env(Map.of("BIDTRACK_KAFKA_BUFFER_RECORDS", "10",
                "BIDTRACK_PACING_REFRESH", "1s", "BIDTRACK_TRACKER_BASE_URL", "https://t.example/")));
        assertEquals(10, set.kafkaBufferRecords());
        assertEquals(Duration.ofSeconds(1), set.pacingRefresh());
        assertEquals("https://t.example", set.trackerBaseUrl());
    }

    @Test
    void badSettingsNameTheKeyAndVariable() {
        assertProblem(Map.of("BIDTRACK_KAFKA_BUFFER_RECORDS", "0"), "kafka.buffer.records (BIDTRACK_KAFKA_BUFFER_RECORDS)");
        assertProblem(Map.of("BIDTRACK_KAFKA_BUFFER_RECORDS", "many"), "BIDTRACK_KAFKA_BUFFER_RECORDS");
        assertProblem(Map.of("BIDTRACK_PACING_REFRESH", "fast"), "pacing.refresh (BIDTRACK_PACING_REFRESH)");
        assertProblem(Map.of("BIDTRACK_PACING_REFRESH", "1ms"), "pacing.refresh");
        assertProblem(Map.of("BIDTRACK_STORE_TIMEOUT", "0ms"), "store.timeout");
        assertProblem(Map.of("BIDTRACK_REDIS_URL", "localhost:6379"), "redis.url");
        assertProblem(Map.of("BIDTRACK_HTTP_BODY_LIMIT", "10"), "http.body.limit");
    }

    private static void assertProblem(Map<String, String> env, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BidderConfig.fromEnv(new Env(env)));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }
}
