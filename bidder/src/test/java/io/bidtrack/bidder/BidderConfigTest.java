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
        assertProblem(Map.of("BIDTRACK_ROTATE", "soon"), "rotate (BIDTRACK_ROTATE)");
        assertProblem(Map.of("BIDTRACK_ROTATE", "0s"), "rotate (BIDTRACK_ROTATE) must be positive");
        assertProblem(Map.of("BIDTRACK_COLD_REGISTRATION_LAG", "later"), "cold.registration.lag (BIDTRACK_COLD_REGISTRATION_LAG)");
    }

    @Test
    void refusesAHotTtlThatEndsBeforeTheLakeCanServeTheBid() {
        BidderConfig defaults = BidderConfig.fromEnv(new Env(Map.of()));
        assertEquals(Duration.ofSeconds(60), defaults.rotate());
        assertEquals(Duration.ofSeconds(30), defaults.coldRegistrationLag());

        // 1h + 2m against 60s + 30s by default; a rotation of 2h leaves a gap.
        String named = "BIDTRACK_HOT_WINDOW + BIDTRACK_HOT_MARGIN (1h + 2m) must exceed BIDTRACK_ROTATE + "
                + "BIDTRACK_COLD_REGISTRATION_LAG (2h + 30s)";
        assertProblem(Map.of("BIDTRACK_ROTATE", "2h"), named);
        // Equal is a gap too: the bid expires the moment it becomes queryable.
        assertProblem(Map.of("BIDTRACK_HOT_WINDOW", "1m", "BIDTRACK_HOT_MARGIN", "30s", "BIDTRACK_ROTATE", "1m",
                "BIDTRACK_COLD_REGISTRATION_LAG", "30s"), "must exceed");
        BidderConfig tight = BidderConfig.fromEnv(new Env(Map.of("BIDTRACK_HOT_WINDOW", "1m", "BIDTRACK_HOT_MARGIN", "31s",
                "BIDTRACK_ROTATE", "1m", "BIDTRACK_COLD_REGISTRATION_LAG", "30s")));
        assertEquals(Duration.ofSeconds(91), tight.hotTtl());
    }

    private static void assertProblem(Map<String, String> env, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BidderConfig.fromEnv(new Env(env)));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }
}
