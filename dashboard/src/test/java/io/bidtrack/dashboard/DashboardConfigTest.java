package io.bidtrack.dashboard;

import io.bidtrack.common.config.Env;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardConfigTest {
    @Test
    void defaultsPointAtTheLocalStack() {
        assertEquals(new DashboardConfig(8083, "http://127.0.0.1:8080", "http://127.0.0.1:8081", "http://127.0.0.1:8084",
                "redis://dashboard:dashboard-demo@127.0.0.1:6379", Duration.ofSeconds(1)), DashboardConfig.fromEnv(new Env(Map.of())));
    }

    @Test
    void variablesOverrideEachSetting() {
        DashboardConfig config = DashboardConfig.fromEnv(new Env(Map.of(
                "BIDTRACK_HTTP_PORT", "0",
                "BIDTRACK_DASHBOARD_BIDDER_URL", "http://bidder:8080/",
                "BIDTRACK_DASHBOARD_TRACKER_URL", "https://tracker.example",
                "BIDTRACK_DASHBOARD_COLDSTORE_URL", "http://cold-store:8084",
                "BIDTRACK_REDIS_URL", "redis://dashboard:secret@engine:6379",
                "BIDTRACK_DASHBOARD_INTERVAL", "250ms")));
        assertEquals(new DashboardConfig(0, "http://bidder:8080", "https://tracker.example", "http://cold-store:8084",
                "redis://dashboard:secret@engine:6379", Duration.ofMillis(250)), config);
        assertEquals("http://bidder:8080", config.bidderUrl(), "no trailing slash: paths are appended");
    }

    @Test
    void badValuesAreRejectedNamingTheirVariable() {
        assertNamed("BIDTRACK_HTTP_PORT", Map.of("BIDTRACK_HTTP_PORT", "http"));
        assertNamed("BIDTRACK_HTTP_PORT", Map.of("BIDTRACK_HTTP_PORT", "70000"));
        assertNamed("BIDTRACK_DASHBOARD_BIDDER_URL", Map.of("BIDTRACK_DASHBOARD_BIDDER_URL", "bidder:8080"));
        assertNamed("BIDTRACK_DASHBOARD_TRACKER_URL", Map.of("BIDTRACK_DASHBOARD_TRACKER_URL", "ftp://tracker"));
        assertNamed("BIDTRACK_DASHBOARD_COLDSTORE_URL", Map.of("BIDTRACK_DASHBOARD_COLDSTORE_URL", "http://bad host"));
        assertNamed("BIDTRACK_REDIS_URL", Map.of("BIDTRACK_REDIS_URL", "http://engine:6379"));
        assertNamed("BIDTRACK_DASHBOARD_INTERVAL", Map.of("BIDTRACK_DASHBOARD_INTERVAL", "often"));
        assertNamed("BIDTRACK_DASHBOARD_INTERVAL", Map.of("BIDTRACK_DASHBOARD_INTERVAL", "10ms"));
        assertNamed("BIDTRACK_DASHBOARD_INTERVAL", Map.of("BIDTRACK_DASHBOARD_INTERVAL", "5m"));
    }

    private static void assertNamed(String variable, Map<String, String> vars) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DashboardConfig.fromEnv(new Env(vars)));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }
}
