package io.bidtrack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.RespClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The redis.conf-style file of the standalone engine, and how the command line overrides it. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSupportedDirectivesWithRedisUnitsQuotesAndComments() throws IOException {
        EngineConfig c = ConfigFile.read(file("""
                # a comment, then settings as redis.conf writes them
                port 7001
                bind "10.0.0.5" 127.0.0.1
                databases 4
                proto-max-bulk-len 1mb
                client-query-buffer-limit 2k
                maxclients 50
                hz 20
                client-output-buffer-limit pubsub 8mb 2mb 60
                   save ""
                appendonly no
                """), EngineConfig.defaults());
        assertEquals(7001, c.port());
        assertEquals("10.0.0.5", c.bindAddress());
        assertEquals(4, c.databases());
        assertEquals(1024 * 1024, c.maxBulkLength());
        assertEquals(2000, c.queryBufferLimit());
        assertEquals(50, c.maxClients());
        assertEquals(20, c.hz());
        assertEquals(new OutputBufferLimits.Limit(8L << 20, 2L << 20, 60), c.outputBufferLimits().pubsub());
    }

    @Test
    void outputBufferLimitsReachTheStandaloneEngine() throws IOException {
        Path conf = file("""
                port 0
                client-output-buffer-limit normal 1mb 512kb 10
                # classes not named keep Redis' defaults; several groups may share a line, as in Redis
                client-output-buffer-limit pubsub 4mb 1mb 5 PUBSUB 8mb 2mb 30
                """);
        EngineMain main = new EngineMain();
        new CommandLine(main).parseArgs("--config", conf.toString());
        EngineConfig config = main.configuration();
        assertEquals(new OutputBufferLimits.Limit(1L << 20, 512L << 10, 10), config.outputBufferLimits().normal());
        try (CacheEngine engine = CacheEngine.start(config);
                RespClient client = RespClient.connect(engine.port())) {
            assertEquals("normal 1048576 524288 10 slave 268435456 67108864 60 pubsub 8388608 2097152 30",
                    client.call("CONFIG", "GET", "client-output-buffer-limit").element(1).text());
        }

        for (String bad : List.of("client-output-buffer-limit master 1 2 3", "client-output-buffer-limit normal 1 2",
                "client-output-buffer-limit normal 1mb 1x 3", "client-output-buffer-limit normal 1 2 -3")) {
            Path badFile = file("port 0\n" + bad + "\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConfigFile.read(badFile, EngineConfig.defaults()));
            assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("buffer limit configuration"),
                    e.getMessage());
        }
    }

    @Test
    void unknownDirectivesAndBadValuesNameTheirLine() throws IOException {
        Path unknown = file("port 7001\nappendonly yes\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigFile.read(unknown, EngineConfig.defaults()));
        assertTrue(e.getMessage().contains("line 2 (appendonly yes)"), e.getMessage());

        Path badSize = file("proto-max-bulk-len 12xb\n");
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(badSize, EngineConfig.defaults()));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("not a size"), e.getMessage());

        Path badPort = file("port 70000\n");
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(badPort, EngineConfig.defaults()));
        assertTrue(e.getMessage().contains("port must be 0..65535"), e.getMessage());

        Path quote = file("bind \"127.0.0.1\n");
        e = assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(quote, EngineConfig.defaults()));
        assertTrue(e.getMessage().contains("unterminated quote"), e.getMessage());
    }

    @Test
    void memoryUnitsFollowRedis() {
        assertEquals(1000, ConfigFile.memory("1k"));
        assertEquals(1024, ConfigFile.memory("1KB"));
        assertEquals(3_000_000_000L, ConfigFile.memory("3g"));
        assertEquals(1L << 30, ConfigFile.memory("1gb"));
        assertEquals(List.of("a", "b c", "", "d"), ConfigFile.split("a 'b c' \"\"  d"));
    }

    @Test
    void commandLineOptionsOverrideTheFile() throws IOException {
        Path conf = file("port 7001\nmaxclients 50\n");
        EngineMain main = new EngineMain();
        new CommandLine(main).parseArgs("--config", conf.toString(), "--port", "7002");
        EngineConfig c = main.configuration();
        assertEquals(7002, c.port());
        assertEquals(50, c.maxClients());
    }

    @Test
    void aBadFileStopsTheStandaloneEngineWithExitCode2() throws IOException {
        Path conf = file("no-such-directive 1\n");
        assertEquals(2, new CommandLine(new EngineMain()).execute("--config", conf.toString()));
        assertEquals(2, new CommandLine(new EngineMain()).execute("--config", dir.resolve("missing.conf").toString()));
    }

    private Path file(String text) throws IOException {
        Path f = Files.createTempFile(dir, "engine", ".conf");
        Files.writeString(f, text);
        return f;
    }
}
