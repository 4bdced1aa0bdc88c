package io.bidtrack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed, hostile and misbehaving clients: each gets an error or a closed connection, and the
 * engine keeps serving everyone else. Limits are set low so they are reached quickly.
 */
class HostileInputTest {
    static final int QUERY_BUFFER_LIMIT = 1024 * 1024;
    static CacheEngine engine;

    @BeforeAll
    static void start() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0)
                .withQueryBufferLimit(QUERY_BUFFER_LIMIT)
                .withMaxMultibulkLength(1000)
                .withOutputBufferLimits(OutputBufferLimits.defaults().with(List.of("pubsub", "256kb", "0", "0"))));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void engineStillServesOthers() {
        try (RespClient other = RespClient.connect(engine.port())) {
            assertEquals("PONG", other.call("PING").text());
        }
    }

    @Test
    void hugeDeclaredBulkLength() {
        expectProtocolError("*1\r\n$1099511627776\r\n", "-ERR Protocol error: invalid bulk length");
    }

    @Test
    void tooManyArguments() {
        expectProtocolError("*1001\r\n", "-ERR Protocol error: invalid multibulk length");
    }

    @Test
    void unterminatedFrameLeavesNoTrace() {
        try (RespClient client = RespClient.connect(engine.port())) {
            client.sendRaw(ascii("*3\r\n$3\r\nSET\r\n$10\r\nhalf-frame\r\n$10\r\nabc"));
        }
        try (RespClient client = RespClient.connect(engine.port())) {
            assertTrue(client.call("GET", "half-frame").isNull(), "an incomplete command must not run");
        }
    }

    @Test
    void queryBufferLimitClosesTheConnection() {
        // A legal declared length (below proto-max-bulk-len), but more unprocessed data than allowed.
        try (Socket socket = new Socket("127.0.0.1", engine.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000000\r\n"));
            byte[] chunk = new byte[64 * 1024];
            boolean closed = false;
            for (int sent = 0; sent < 4 * QUERY_BUFFER_LIMIT && !closed; sent += chunk.length) {
                try {
                    out.write(chunk);
                } catch (IOException e) {
                    closed = true; // the engine hung up on us
                }
            }
            socket.setSoTimeout(5000);
            assertEquals(-1, closed ? -1 : readOrEof(socket), "connection must be closed without a reply");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void randomBytesGetOnlyErrors() {
        Random random = new Random(20240601);
        for (int round = 0; round < 20; round++) {
            byte[] garbage = new byte[1 + random.nextInt(100_000)];
            random.nextBytes(garbage);
            try (RespClient client = RespClient.connect(engine.port())) {
                client.sendRaw(garbage);
                client.soTimeout(300);
                for (Reply reply : readUntilQuiet(client)) {
                    assertTrue(reply.isError(), "garbage produced a non-error reply: " + reply);
                }
            }
        }
    }

    @Test
    void manyHalfOpenCommands() {
        List<RespClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                RespClient client = RespClient.connect(engine.port());
                client.sendRaw(ascii("*2\r\n$3\r\nGET\r\n$5\r\nab"));
                clients.add(client);
            }
            try (RespClient other = RespClient.connect(engine.port())) {
                assertEquals("PONG", other.call("PING").text());
            }
            clients.getFirst().sendRaw(ascii("cde\r\n"));
            assertTrue(clients.getFirst().read().isNull(), "completing the command runs it");
        } finally {
            clients.forEach(RespClient::close);
        }
    }

    @Test
    void clientThatNeverReadsIsThrottled() throws Exception {
        byte[] big = new byte[512 * 1024]; // below the query buffer limit, so it can be stored
        try (RespClient writer = RespClient.connect(engine.port())) {
            assertEquals("OK", writer.call(ascii("SET"), ascii("big"), big).text());
        }
        // 4,000 GETs of 512 KB: 2 GB of replies, far beyond the test JVM's memory if they were buffered.
        byte[] get = ascii("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n");
        Socket flooder = new Socket("127.0.0.1", engine.port());
        CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = flooder.getOutputStream();
                for (int i = 0; i < 4000; i++) {
                    out.write(get);
                }
            } catch (IOException closedByTest) {
                // expected once the test closes the socket
            }
        });
        try {
            Thread.sleep(500);
            long processed = commandsProcessed();
            assertTrue(processed < 2000, "the engine must stop executing for a client that does not read; "
                    + "it ran " + processed + " commands");
            long start = System.nanoTime();
            try (RespClient other = RespClient.connect(engine.port())) {
                assertEquals("PONG", other.call("PING").text());
                assertEquals(big.length, other.call("GET", "big").bytes().length);
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "engine stayed responsive");
        } finally {
            flooder.close();
            flood.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void subscriberThatNeverReadsIsDisconnected() {
        try (RespClient subscriber = RespClient.connect(engine.port());
                RespClient publisher = RespClient.connect(engine.port())) {
            subscriber.call("SUBSCRIBE", "firehose");
            String message = "m".repeat(64 * 1024);
            long lastCount = -1;
            for (int i = 0; i < 400 && lastCount != 0; i++) {
                lastCount = publisher.call("PUBLISH", "firehose", message).asLong();
            }
            assertEquals(0, lastCount, "the slow subscriber must be dropped once over its output limit");
            assertTrue(subscriber.closedByPeerWithin(5000), "the slow subscriber's connection is closed");
        }
    }

    @Test
    void maxClientsIsEnforced() {
        try (CacheEngine small = CacheEngine.start(EngineConfig.defaults().withPort(0).withMaxClients(2));
                RespClient first = RespClient.connect(small.port());
                RespClient second = RespClient.connect(small.port())) {
            assertEquals("PONG", first.call("PING").text());
            assertEquals("PONG", second.call("PING").text());
            try (RespClient third = RespClient.connect(small.port())) {
                assertEquals(new Reply('-', "ERR max number of clients reached", null), third.read());
                assertTrue(third.closedByPeerWithin(2000));
            }
            second.close();
            awaitFreeSlot(small);
        }
    }

    /** total_commands_processed from INFO stats. */
    private static long commandsProcessed() {
        try (RespClient client = RespClient.connect(engine.port())) {
            String info = client.call("INFO", "stats").text();
            for (String line : info.split("\r\n")) {
                if (line.startsWith("total_commands_processed:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1));
                }
            }
            throw new AssertionError("no total_commands_processed in " + info);
        }
    }

    private static void awaitFreeSlot(CacheEngine small) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (RespClient next = RespClient.connect(small.port())) {
                Reply reply = next.call("PING");
                if ("PONG".equals(reply.text())) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // the engine may not have noticed the closed connection yet
            }
        }
        throw new AssertionError("a slot should free up once a client disconnects");
    }

    private static void expectProtocolError(String input, String expectedLine) {
        try (RespClient client = RespClient.connect(engine.port())) {
            client.sendRaw(ascii(input));
            Reply reply = client.read();
            assertTrue(reply.isError(), () -> "expected an error, got " + reply);
            assertEquals(expectedLine, "-" + reply.text());
            assertTrue(client.closedByPeerWithin(2000), "connection closed after a protocol error");
        }
    }

    private static List<Reply> readUntilQuiet(RespClient client) {
        List<Reply> replies = new ArrayList<>();
        try {
            while (true) {
                replies.add(client.read());
            }
        } catch (UncheckedIOException quietOrClosed) {
            return replies;
        }
    }

    private static int readOrEof(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (IOException reset) {
            return -1;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
