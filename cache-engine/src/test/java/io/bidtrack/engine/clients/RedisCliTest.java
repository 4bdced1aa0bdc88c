package io.bidtrack.engine.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** redis-cli, the tool people reach for first, run as a separate process against the engine. */
class RedisCliTest {
    static CacheEngine engine;

    @BeforeAll
    static void start() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void setGetPing() throws Exception {
        assertEquals("OK", cli("SET", "k", "v"));
        assertEquals("v", cli("GET", "k"));
        assertEquals("PONG", cli("PING"));
        assertEquals("", cli("GET", "missing"));
        assertEquals("1", cli("HSET", "campaign:1", "name", "spring sale"));
        assertEquals("name\nspring sale", cli("HGETALL", "campaign:1"));
        assertEquals("ERR unknown command 'NOSUCH', with args beginning with: 'x'", cli("NOSUCH", "x"));
    }

    @Test
    void resp3Mode() throws Exception {
        assertEquals("1", cli("HSET", "campaign:2", "a", "1"));
        assertEquals("1# \"a\" => \"1\"", cli("-3", "--no-raw", "HGETALL", "campaign:2"));
    }

    private static String cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Tools.require("redis-cli", "a client in the tests"),
                "-h", engine.host(), "-p", String.valueOf(engine.port())));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("redis-cli did not finish: " + command);
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
