package io.bidtrack.coldstore;

import io.bidtrack.coldstore.sink.SinkStep;
import io.bidtrack.common.config.Env;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColdStoreConfigTest {
    @Test
    void defaultsSuitTheLocalStack() {
        assertEquals(new ColdStoreConfig("127.0.0.1:9092", "cold-store", Path.of("./data/lake"),
                        "jdbc:trino://127.0.0.1:8090?user=bidtrack", Duration.ofSeconds(60), 1_000_000),
                ColdStoreConfig.fromEnv(new Env(Map.of())));
    }

    @Test
    void variablesOverrideEachSetting() {
        ColdStoreConfig config = ColdStoreConfig.fromEnv(new Env(Map.of(
                "BIDTRACK_KAFKA_BOOTSTRAP", "k:1", "BIDTRACK_COLD_GROUP_ID", "g", "BIDTRACK_LAKE_DIR", "/lake",
                "BIDTRACK_TRINO_JDBC_URL", "jdbc:trino://t:2?user=u", "BIDTRACK_ROTATE", "5m",
                "BIDTRACK_COLD_MAX_RECORDS_PER_FILE", "10", "BIDTRACK_COLD_MAX_BYTES_PER_FILE", "4096")));
        assertEquals(new ColdStoreConfig("k:1", "g", Path.of("/lake"), "jdbc:trino://t:2?user=u", Duration.ofMinutes(5), 10,
                4096, null, null), config);
    }

    @Test
    void instanceIdAndTheCrashTestsPauseStepAreReadToo() {
        ColdStoreConfig config = ColdStoreConfig.fromEnv(new Env(Map.of(
                "BIDTRACK_COLD_INSTANCE_ID", "cold-store-0", "BIDTRACK_COLD_PAUSE_AT", "renamed")));
        assertEquals("cold-store-0", config.instanceId());
        assertEquals(SinkStep.RENAMED, config.pauseAt());
        assertNull(ColdStoreConfig.fromEnv(new Env(Map.of())).pauseAt(), "never paused unless asked");
    }

    @Test
    void retentionDefaultsToTheAttributionWindowAndIsRead() {
        ColdStoreConfig defaults = ColdStoreConfig.fromEnv(new Env(Map.of()));
        assertEquals(Duration.ofDays(90), defaults.retention());
        assertEquals(Duration.ofHours(1), defaults.retentionCheckEvery());
        ColdStoreConfig config = ColdStoreConfig.fromEnv(new Env(Map.of(
                "BIDTRACK_COLD_RETENTION", "30d", "BIDTRACK_COLD_RETENTION_CHECK", "10m")));
        assertEquals(Duration.ofDays(30), config.retention());
        assertEquals(Duration.ofMinutes(10), config.retentionCheckEvery());
    }

    @Test
    void compactionIsOnByDefaultAndItsSettingsAreRead() {
        assertEquals(new ColdStoreConfig.Compaction(true, Duration.ofMinutes(10), Duration.ofMinutes(1)),
                ColdStoreConfig.fromEnv(new Env(Map.of())).compaction());
        ColdStoreConfig config = ColdStoreConfig.fromEnv(new Env(Map.of(
                "BIDTRACK_COLD_COMPACT", "false", "BIDTRACK_COLD_COMPACT_AFTER", "30m", "BIDTRACK_COLD_COMPACT_CHECK", "5m")));
        assertEquals(new ColdStoreConfig.Compaction(false, Duration.ofMinutes(30), Duration.ofMinutes(5)), config.compaction());
    }

    @Test
    void eachTableHasItsOwnGroupAndTheBidsKeepTheConfiguredOne() {
        ColdStoreConfig config = ColdStoreConfig.fromEnv(new Env(Map.of(
                "BIDTRACK_COLD_GROUP_ID", "cold", "BIDTRACK_COLD_INSTANCE_ID", "cold-0")));
        assertEquals("cold", config.groupIdOf("bids"));
        assertEquals("cold-events", config.groupIdOf("events"));
        assertEquals("cold-0", config.instanceIdOf("bids"));
        assertEquals("cold-0-events", config.instanceIdOf("events"));
        assertNull(ColdStoreConfig.fromEnv(new Env(Map.of())).instanceIdOf("events"));
    }

    @Test
    void theOpsPortDefaultsTo8084AndZeroMeansAnyFreePort() {
        assertEquals(8084, ColdStoreConfig.fromEnv(new Env(Map.of())).httpPort());
        assertEquals(0, ColdStoreConfig.fromEnv(new Env(Map.of("BIDTRACK_HTTP_PORT", "0"))).httpPort());
        assertEquals(9184, ColdStoreConfig.fromEnv(new Env(Map.of("BIDTRACK_HTTP_PORT", "9184"))).httpPort());
        assertEquals(0, ColdStoreConfig.fromEnv(new Env(Map.of())).withHttpPort(0).httpPort());
    }

    @Test
    void badValuesAreRejectedNamingTheirSetting() {
        assertNamed("BIDTRACK_HTTP_PORT", Map.of("BIDTRACK_HTTP_PORT", "eighty"));
        assertNamed("http.port", Map.of("BIDTRACK_HTTP_PORT", "65536"));
        assertNamed("http.port", Map.of("BIDTRACK_HTTP_PORT", "-1"));
        assertNamed("rotate", Map.of("BIDTRACK_ROTATE", "soon"));
        assertNamed("rotate", Map.of("BIDTRACK_ROTATE", "0s"));
        assertNamed("BIDTRACK_COLD_MAX_RECORDS_PER_FILE", Map.of("BIDTRACK_COLD_MAX_RECORDS_PER_FILE", "many"));
        assertNamed("cold.max.records.per.file", Map.of("BIDTRACK_COLD_MAX_RECORDS_PER_FILE", "0"));
        assertNamed("BIDTRACK_COLD_MAX_BYTES_PER_FILE", Map.of("BIDTRACK_COLD_MAX_BYTES_PER_FILE", "1GB"));
        assertNamed("cold.max.bytes.per.file", Map.of("BIDTRACK_COLD_MAX_BYTES_PER_FILE", "-1"));
        assertNamed("trino.jdbc.url", Map.of("BIDTRACK_TRINO_JDBC_URL", "http://127.0.0.1:8090"));
        assertNamed("BIDTRACK_COLD_PAUSE_AT", Map.of("BIDTRACK_COLD_PAUSE_AT", "flushed"));
        assertNamed("BIDTRACK_COLD_RETENTION", Map.of("BIDTRACK_COLD_RETENTION", "forever"));
        assertNamed("cold.retention", Map.of("BIDTRACK_COLD_RETENTION", "0d"));
        assertNamed("BIDTRACK_COLD_RETENTION_CHECK", Map.of("BIDTRACK_COLD_RETENTION_CHECK", "hourly"));
        assertNamed("cold.retention.check", Map.of("BIDTRACK_COLD_RETENTION_CHECK", "0s"));
        assertNamed("written, synced, renamed, registered, committed", Map.of("BIDTRACK_COLD_PAUSE_AT", "flushed"));
        assertNamed("BIDTRACK_COLD_COMPACT", Map.of("BIDTRACK_COLD_COMPACT", "sometimes"));
        assertNamed("cold.compact.check", Map.of("BIDTRACK_COLD_COMPACT_CHECK", "0s"));
        assertNamed("cold.compact.after", Map.of("BIDTRACK_COLD_COMPACT_AFTER", "-1m"));
    }

    private static void assertNamed(String name, Map<String, String> vars) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColdStoreConfig.fromEnv(new Env(vars)));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }
}
