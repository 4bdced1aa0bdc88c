package io.bidtrack.tracker;

import io.bidtrack.common.config.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackerConfigTest {

    @Test
    void defaults() {
        TrackerConfig c = TrackerConfig.fromEnv(new Env(Map.of()));
        assertEquals(8081, c.httpPort());
        assertEquals(Duration.ofHours(1), c.hotWindow());
        assertEquals(Duration.ofHours(24), c.dedupeWindow());
        assertEquals(100_000, c.bidCache().maxEntries());
        assertEquals(Duration.ofMinutes(5), c.bidCache().ttl());
        assertEquals(50_000, c.kafkaBufferRecords());
        assertEquals(50_000, c.eventStream().bufferRecords());
        assertEquals(Duration.ofMinutes(62), c.hotTtl());
        assertEquals(Duration.ofSeconds(90), c.sinkLag(), "rotate 60s + registration lag 30s");
        assertEquals(Duration.ofMillis(15), c.coldBatch().window());
        assertEquals(2_000, c.coldBatch().maxIds());
        assertEquals(20_000, c.coldBatch().queueMax());
        assertEquals(Duration.ofSeconds(10), c.coldBatch().queryTimeout());
        assertEquals(4, c.coldBatch().workers());
        assertEquals(Duration.ofMinutes(10), c.coldRetry().retryFor());
        assertEquals(Duration.ofSeconds(1), c.coldRetry().firstBackoff());
        assertEquals(Duration.ofSeconds(30), c.coldRetry().maxBackoff());
    }

    @Test
    void coldSettingsAreRead() {
        TrackerConfig c = TrackerConfig.fromEnv(new Env(Map.of("BIDTRACK_COLD_BATCH_WINDOW", "20ms",
                "BIDTRACK_COLD_BATCH_MAX_IDS", "100", "BIDTRACK_COLD_QUEUE_MAX", "1000", "BIDTRACK_COLD_QUERY_TIMEOUT", "3s",
                "BIDTRACK_COLD_WORKERS", "2", "BIDTRACK_COLD_RETRY_FOR", "1h", "BIDTRACK_COLD_RETRY_BACKOFF", "500ms",
                "BIDTRACK_COLD_RETRY_BACKOFF_MAX", "1m", "BIDTRACK_ROTATE", "5m", "BIDTRACK_COLD_REGISTRATION_LAG", "1m")));
        assertEquals(Duration.ofMillis(20), c.coldBatch().window());
        assertEquals(100, c.coldBatch().maxIds());
        assertEquals(1000, c.coldBatch().queueMax());
        assertEquals(Duration.ofSeconds(3), c.coldBatch().queryTimeout());
        assertEquals(2, c.coldBatch().workers());
        assertEquals(Duration.ofHours(1), c.coldRetry().retryFor());
        assertEquals(Duration.ofMillis(500), c.coldRetry().firstBackoff());
        assertEquals(Duration.ofMinutes(1), c.coldRetry().maxBackoff());
        assertEquals(Duration.ofMinutes(6), c.sinkLag());
    }

    @Test
    void refusesToStartWhenBidsWouldLeaveTheHotStoreBeforeTheLakeServesThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrackerConfig.fromEnv(new Env(Map.of(
                "BIDTRACK_HOT_WINDOW", "1m", "BIDTRACK_HOT_MARGIN", "0s", "BIDTRACK_ROTATE", "1m"))));
        for (String variable : new String[]{"BIDTRACK_HOT_WINDOW", "BIDTRACK_HOT_MARGIN", "BIDTRACK_ROTATE", "BIDTRACK_COLD_REGISTRATION_LAG"}) {
            assertTrue(e.getMessage().contains(variable), e.getMessage());
        }
        assertTrue(e.getMessage().contains("(1m + 0s) must exceed"), e.getMessage());
        // The margin that closes the gap.
        assertEquals(Duration.ofSeconds(91), TrackerConfig.fromEnv(new Env(Map.of("BIDTRACK_HOT_WINDOW", "1m",
                "BIDTRACK_HOT_MARGIN", "31s", "BIDTRACK_ROTATE", "1m"))).hotTtl());
    }

    @Test
    void variablesOverTheConfigFileOverDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tracker.properties");
        Files.writeString(file, "dedupe.window=2h\nbid.cache.max.entries=500\nbid.cache.ttl=30s\nkafka.buffer.records=7\n");
        TrackerConfig c = TrackerConfig.fromEnv(Env.fromArgs(new String[]{"--config", file.toString()},
                Map.of("BIDTRACK_DEDUPE_WINDOW", "0s")));
        assertEquals(Duration.ZERO, c.dedupeWindow(), "the variable wins over the file");
        assertEquals(500, c.bidCache().maxEntries());
        assertEquals(Duration.ofSeconds(30), c.bidCache().ttl());
        assertEquals(7, c.kafkaBufferRecords());
    }

    @Test
    void badSettingsNameTheirVariable() {
        Map<String, String> bad = new HashMap<>(Map.of(
                "BIDTRACK_DEDUPE_WINDOW", "one day",
                "BIDTRACK_BID_CACHE_MAX_ENTRIES", "-1",
                "BIDTRACK_BID_CACHE_TTL", "0s",
                "BIDTRACK_KAFKA_BUFFER_RECORDS", "0",
                "BIDTRACK_HOT_WINDOW", "0m",
                "BIDTRACK_HTTP_PORT", "99999",
                "BIDTRACK_L1_TTL", "soon"));
        bad.putAll(Map.of(
                "BIDTRACK_COLD_BATCH_WINDOW", "0ms",
                "BIDTRACK_COLD_BATCH_MAX_IDS", "0",
                "BIDTRACK_COLD_QUEUE_MAX", "10",
                "BIDTRACK_COLD_QUERY_TIMEOUT", "never",
                "BIDTRACK_COLD_WORKERS", "0",
                "BIDTRACK_COLD_RETRY_BACKOFF", "0ms",
                "BIDTRACK_COLD_RETRY_BACKOFF_MAX", "10ms",
                "BIDTRACK_ROTATE", "0s",
                "BIDTRACK_COLD_REGISTRATION_LAG", "a while"));
        for (Map.Entry<String, String> e : bad.entrySet()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> TrackerConfig.fromEnv(new Env(Map.of(e.getKey(), e.getValue()))), e.getKey());
            String variable = e.getKey().startsWith("BIDTRACK_L1") ? "BIDTRACK_L1_" : e.getKey();
            assertTrue(error.getMessage().contains(variable), error.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Env.fromArgs(new String[]{"--port", "1"}, Map.of()));
    }
}
