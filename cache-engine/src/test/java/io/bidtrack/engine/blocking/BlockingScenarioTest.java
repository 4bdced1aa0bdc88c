package io.bidtrack.engine.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.RedisServerProcess;
import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the blocking-command tests: a scenario with several connections runs against
 * redis-server and against the engine, and the transcripts of replies must be identical.
 */
abstract class BlockingScenarioTest {
    /** How long to wait for a server to register a blocked or disconnected client. */
    private static final long SETTLE_LIMIT_MILLIS = 5_000;

    static RedisServerProcess redis;
    static CacheEngine engine;

    @BeforeAll
    static void startServers() {
        redis = RedisServerProcess.start();
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stopServers() {
        if (engine != null) {
            engine.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** A scenario writes what it observes into the transcript, given a way to open connections. */
    interface Scenario {
        void run(Session s);
    }

    /** Connections to one server and the replies seen, in order. */
    static final class Session implements AutoCloseable {
        final int port;
        final List<String> transcript = new ArrayList<>();
        final List<RespClient> clients = new ArrayList<>();
        /** Watches INFO blocked_clients, so scenarios wait for the server rather than sleep. */
        final RespClient observer;

        Session(int port) {
            this.port = port;
            this.observer = RespClient.connect(port);
        }

        int blockedClients() {
            return Integer.parseInt(infoField(observer, "blocked_clients").substring("blocked_clients:".length()));
        }

        /** Waits until the server counts {@code expected} blocked clients. */
        void awaitBlocked(int expected) {
            long deadline = System.currentTimeMillis() + SETTLE_LIMIT_MILLIS;
            while (blockedClients() != expected) {
                assertTrue(System.currentTimeMillis() < deadline, "blocked_clients never became " + expected);
                pause(5);
            }
        }

        RespClient connect() {
            RespClient c = RespClient.connect(port);
            clients.add(c);
            return c;
        }

        /** Sends a command that blocks, and gives the server time to register it. */
        void block(RespClient c, String command) {
            int before = blockedClients();
            c.send(command.split(" "));
            awaitBlocked(before + 1);
        }

        Reply call(RespClient c, String command) {
            return record(c.call(command.split(" ")));
        }

        Reply read(RespClient c) {
            return record(c.read());
        }

        Reply record(Reply r) {
            transcript.add(r.toString());
            return r;
        }

        @Override
        public void close() {
            clients.forEach(RespClient::close);
            observer.close();
        }
    }

    static List<String> transcript(int port, Scenario scenario) {
        try (Session s = new Session(port)) {
            s.connect().call("FLUSHALL");
            scenario.run(s);
            return s.transcript;
        }
    }

    static void sameOnBoth(Scenario scenario) {
        List<String> expected = transcript(redis.port(), scenario);
        List<String> actual = transcript(engine.port(), scenario);
        assertEquals(expected, actual);
    }

    static String infoField(RespClient c, String name) {
        for (String line : c.call("INFO", "clients").text().split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line;
            }
        }
        return name + " missing";
    }

    static byte[] frames(String... commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String command : commands) {
            String[] words = command.split(" ");
            out.writeBytes(("*" + words.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String w : words) {
                out.writeBytes(("$" + w.length() + "\r\n" + w + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
