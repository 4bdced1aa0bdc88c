package io.bidtrack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.RespClient;
import org.junit.jupiter.api.Test;

/** Settings changed at runtime and the statistics dashboards read, on the engine alone. */
class RuntimeSettingsTest {

    @Test
    void expiryKeepsRunningAtTheNewHz() throws InterruptedException {
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
                RespClient client = RespClient.connect(engine.port())) {
            assertEquals("OK", client.call("CONFIG", "SET", "hz", "100").text());
            assertEquals("100", client.call("INFO", "server").text().lines()
                    .filter(l -> l.startsWith("hz:")).findFirst().orElseThrow().substring(3));
            client.call("SET", "bid", "1", "PX", "30");
            long deadline = System.currentTimeMillis() + 2000;
            while (client.call("DBSIZE").asLong() != 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, client.call("DBSIZE").asLong(), "the key expired without being read");
        }
    }

    @Test
    void instantaneousOpsPerSecondReflectsLoad() {
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
                RespClient client = RespClient.connect(engine.port())) {
            long end = System.currentTimeMillis() + 600;
            long ops = 0;
            while (System.currentTimeMillis() < end) {
                client.call("INCR", "n");
                ops++;
            }
            String stats = client.call("INFO", "stats").text();
            long perSecond = Long.parseLong(stats.lines().filter(l -> l.startsWith("instantaneous_ops_per_sec:"))
                    .findFirst().orElseThrow().split(":")[1]);
            assertTrue(perSecond > 0, stats);
            long processed = Long.parseLong(stats.lines().filter(l -> l.startsWith("total_commands_processed:"))
                    .findFirst().orElseThrow().split(":")[1]);
            assertTrue(processed >= ops, stats);
        }
    }
}
