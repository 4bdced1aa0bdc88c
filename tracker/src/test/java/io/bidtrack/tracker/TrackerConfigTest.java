package io.bidtrack.tracker;

import io.bidtrack.common.config.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        Map<String, String> bad = Map.of(
                "BIDTRACK_DEDUPE_WINDOW", "one day",
                "BIDTRACK_BID_CACHE_MAX_ENTRIES", "-1",
                "BIDTRACK_BID_CACHE_TTL", "0s",
                "BIDTRACK_KAFKA_BUFFER_RECORDS", "0",
                "BIDTRACK_HOT_WINDOW", "0m",
                "BIDTRACK_HTTP_PORT", "99999",
                "BIDTRACK_L1_TTL", "soon");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> TrackerConfig.fromEnv(new Env(Map.of(e.getKey(), e.getValue()))), e.getKey());
            String variable = e.getKey().startsWith("BIDTRACK_L1") ? "BIDTRACK_L1_" : e.getKey();
            assertTrue(error.getMessage().contains(variable), error.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Env.fromArgs(new String[]{"--port", "1"}, Map.of()));
    }
}
