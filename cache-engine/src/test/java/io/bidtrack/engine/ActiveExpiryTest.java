package io.bidtrack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.RespClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hot bids are written once with a TTL and mostly never read again. The periodic expiry cycle
 * must reclaim them anyway, or memory would only grow.
 */
class ActiveExpiryTest {

    @Test
    void keysThatAreNeverReadAreReclaimed() {
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
                RespClient client = RespClient.connect(engine.port())) {
            int keys = 20_000;
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < keys; i++) {
                String key = "bid:" + i;
                pipeline.append("*5\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
                        .append("\r\n$3\r\nval\r\n$2\r\nPX\r\n$4\r\n")
                        .append(1000 + i % 500).append("\r\n"); // 4 digits, 1.0 to 1.5 s
            }
            client.sendRaw(pipeline.toString().getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < keys; i++) {
                assertEquals("OK", client.read().text());
            }
            assertEquals("OK", client.call("SET", "no-ttl", "stays").text());
            long initial = client.call("DBSIZE").asLong();
            assertTrue(initial > keys / 2, "most keys should still exist right after writing, got " + initial);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long size = initial;
            while (size > 1 && System.nanoTime() < deadline) {
                sleep(50);
                size = client.call("DBSIZE").asLong();
            }
            assertEquals(1, size, "all expired keys reclaimed without being read");
            assertEquals("stays", client.call("GET", "no-ttl").text());
            String stats = client.call("INFO", "stats").text();
            assertTrue(stats.contains("expired_keys:" + keys + "\r\n"), stats);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
