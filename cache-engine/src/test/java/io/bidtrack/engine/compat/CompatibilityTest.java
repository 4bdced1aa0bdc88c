package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RedisServerProcess;
import io.bidtrack.engine.testing.RespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the differential tests: every command runs against a real redis-server and against the
 * engine, and the replies must be identical (type and value, errors included).
 *
 * <p>Commands are written as text, split on spaces; {@code "..."} keeps spaces inside an argument
 * and {@code ""} is an empty argument. Binary arguments go through {@link #sameBytes}.
 */
abstract class CompatibilityTest {
    static RedisServerProcess redis;
    static CacheEngine engine;

    /** Connection to the reference redis-server. */
    RespClient reference;
    /** Connection to the engine under test. */
    RespClient subject;

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

    @BeforeEach
    void connectBoth() {
        reference = RespClient.connect(redis.port());
        subject = RespClient.connect(engine.port());
        same("FLUSHALL");
    }

    @AfterEach
    void disconnectBoth() {
        reference.close();
        subject.close();
    }

    /** Runs one command on both servers, asserts identical replies, returns the reply. */
    Reply same(String command) {
        return sameArgs(words(command));
    }

    /** Runs each command in turn, see {@link #same}. */
    void sameAll(String... commands) {
        for (String command : commands) {
            same(command);
        }
    }

    Reply sameArgs(String... args) {
        Reply expected = reference.call(args);
        Reply actual = subject.call(args);
        assertEquals(expected, actual, () -> "reply to " + String.join(" ", args));
        return actual;
    }

    Reply sameBytes(byte[]... args) {
        Reply expected = reference.call(args);
        Reply actual = subject.call(args);
        assertEquals(expected, actual, () -> "reply to a binary command starting with "
                + new String(args[0], StandardCharsets.ISO_8859_1));
        return actual;
    }

    /** Like {@link #same}, for HELLO: the connection ids in the replies are bound to differ. */
    Reply sameHello(String command) {
        Reply expected = withoutId(reference.call(words(command)));
        Reply actual = withoutId(subject.call(words(command)));
        assertEquals(expected, actual, () -> "reply to " + command);
        return actual;
    }

    private static Reply withoutId(Reply reply) {
        if (reply.elements() == null) {
            return reply;
        }
        List<Reply> elements = new ArrayList<>(reply.elements());
        for (int i = 0; i + 1 < elements.size(); i += 2) {
            if ("id".equals(elements.get(i).text())) {
                elements.set(i + 1, new Reply(':', "<id>", null));
            }
        }
        return new Reply(reply.type(), reply.text(), elements);
    }

    /** Both replies are integers within {@code tolerance} of each other (TTLs tick while we run). */
    void sameWithin(String command, long tolerance) {
        Reply expected = reference.call(words(command));
        Reply actual = subject.call(words(command));
        assertEquals(':', actual.type(), () -> command + " on the engine: " + actual);
        assertTrue(Math.abs(expected.asLong() - actual.asLong()) <= tolerance,
                () -> command + ": redis " + expected + ", engine " + actual);
    }

    /** Compares the whole SCAN iteration with these options, as a set (cursors and order differ). */
    void sameScanResult(String options) {
        assertEquals(scanAll(reference, options), scanAll(subject, options), () -> "SCAN 0 " + options);
    }

    static Set<String> scanAll(RespClient client, String options) {
        Set<String> keys = new TreeSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<String> args = new ArrayList<>(List.of("SCAN", cursor));
            if (!options.isBlank()) {
                args.addAll(List.of(words(options)));
            }
            Reply page = client.call(args.toArray(String[]::new));
            assertEquals('*', page.type(), () -> "SCAN reply " + page);
            assertEquals(2, page.elements().size(), () -> "SCAN reply " + page);
            cursor = page.element(0).text();
            for (Reply key : page.element(1).elements()) {
                keys.add(key.text());
            }
            assertTrue(++calls < 100_000, "SCAN did not terminate");
        } while (!cursor.equals("0"));
        return keys;
    }

    /** Splits a command line on spaces; double quotes group words, {@code ""} is an empty argument. */
    static String[] words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder current = null;
        boolean quoted = false;
        for (char c : command.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                if (current == null) {
                    current = new StringBuilder();
                }
            } else if (c == ' ' && !quoted) {
                if (current != null) {
                    words.add(current.toString());
                    current = null;
                }
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                current.append(c);
            }
        }
        if (current != null) {
            words.add(current.toString());
        }
        return words.toArray(String[]::new);
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
