package io.bidtrack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Info;
import io.bidtrack.engine.testing.RespClient;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that try to exhaust the engine's memory or connections: connection churn, pipelines of
 * large reads that are never read, subscribers that never read, clients over their output buffer
 * soft limit. The engine runs in this JVM, so its memory is measured directly: what is left in use
 * after a full collection must stay near the baseline, during the abuse and after it.
 *
 * <p>Nothing here asserts how fast anything happens; waits have generous deadlines and only bound
 * how long a broken engine takes to fail the test.
 */
class ResourceAbuseTest {
    /** Headroom over the baseline: far less than unbounded buffering would take, far more than noise. */
    static final long MEMORY_SLACK = 64L * 1024 * 1024;
    static final String DEFAULT_LIMITS = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";
    static CacheEngine engine;

    @BeforeAll
    static void start() {
        // hz 50: the periodic output limit check runs often, so soft-limit tests wait less.
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0).withHz(50));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void engineStillServesAndLimitsAreReset() {
        try (RespClient client = RespClient.connect(engine.port())) {
            assertEquals("PONG", client.call("PING").text());
            assertEquals("OK", client.call("CONFIG", "SET", "client-output-buffer-limit", DEFAULT_LIMITS).text());
            client.call("FLUSHALL");
        }
    }

    @Test
    void thousandsOfConnectionsOpenedAndDroppedLeaveNoTrace() throws Exception {
        long baselineClients = clientsOtherThanTheCaller();
        long baselineMemory = usedMemory();
        long received;
        try (RespClient client = RespClient.connect(engine.port())) {
            received = Info.field(client, "stats", "total_connections_received");
        }
        int threads = 4;
        int wave = 100;
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int first = 0; first < 5000; first += wave) {
                List<Future<?>> tasks = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int from = first + t;
                    int to = first + wave;
                    tasks.add(pool.submit(() -> {
                        Random random = new Random(from);
                        for (int i = from; i < to; i += threads) {
                            try {
                                churn(i % 5, i % 10 == 0, random);
                            } catch (IOException e) {
                                failures.incrementAndGet();
                            }
                        }
                    }));
                }
                for (Future<?> task : tasks) {
                    task.get();
                }
                // Waves: connecting faster than a JVM on a busy machine accepts overflows the listen
                // queue, and the kernel then delays the next connection by a one-second SYN retry.
                long expected = received + first + wave;
                Info.awaitField(engine.port(), "stats", "total_connections_received", n -> n >= expected, 10_000);
                received++; // that poll was a connection too
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, failures.get(), "every connection must be accepted");
        long clients = Info.awaitField(engine.port(), "clients", "connected_clients", n -> n - 1 == baselineClients, 20_000);
        assertEquals(baselineClients, clients - 1, "connected_clients returns to the baseline");
        try (RespClient client = RespClient.connect(engine.port())) {
            assertEquals("OK", client.call("SET", "after", "churn").text());
            assertEquals("churn", client.call("GET", "after").text());
            assertEquals(0, client.call("PUBSUB", "NUMSUB", "churn").element(1).asLong(), "subscriptions were dropped");
        }
        assertMemoryNear(baselineMemory, "after 5,000 connections");
    }

    /**
     * One short-lived connection, in one of five ways of leaving. Most end with a reset: a clean
     * close leaves the port in TIME_WAIT for a minute, and thousands of those would exhaust this
     * machine's ephemeral ports for the tests that follow.
     */
    private void churn(int way, boolean cleanClose, Random random) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", engine.port())) {
            if (!cleanClose) {
                socket.setSoLinger(true, 0);
            }
            OutputStream out = socket.getOutputStream();
            switch (way) {
                case 0 -> { } // connect and leave at once
                case 1 -> out.write(ascii("*3\r\n$3\r\nSET\r\n$5\r\nchurn\r\n$100\r\nhalf")); // mid-command
                case 2 -> out.write(ascii("*2\r\n$9\r\nSUBSCRIBE\r\n$5\r\nchurn\r\n")); // subscribed, never reads
                case 3 -> { // a pipeline whose replies are never read
                    out.write(ascii("*3\r\n$5\r\nRPUSH\r\n$10\r\nchurn-list\r\n$1\r\nx\r\n".repeat(20)));
                    out.write(ascii("*4\r\n$6\r\nLRANGE\r\n$10\r\nchurn-list\r\n$1\r\n0\r\n$3\r\n999\r\n".repeat(20)));
                }
                default -> { // garbage
                    byte[] garbage = new byte[1 + random.nextInt(2000)];
                    random.nextBytes(garbage);
                    out.write(garbage);
                }
            }
        }
    }

    @Test
    void pipelinesOfLargeReadsThatAreNeverReadStayBounded() throws Exception {
        // The normal class is unlimited (Redis' default): only backpressure protects the engine.
        byte[] value = new byte[1024 * 1024];
        try (RespClient client = RespClient.connect(engine.port())) {
            assertEquals("OK", client.call(ascii("SET"), ascii("big"), value).text());
            String[] rpush = new String[2 + 10_000];
            rpush[0] = "RPUSH";
            rpush[1] = "long";
            java.util.Arrays.fill(rpush, 2, rpush.length, "e".repeat(100));
            assertEquals(10_000, client.call(rpush).asLong());
        }
        long baseline = usedMemory();
        long processedBefore = processed();
        // Each flooder asks for 2,000 replies of about 1 MB: 16 GB in all if the engine buffered them.
        byte[] getBig = ascii("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".repeat(2000));
        byte[] lrange = ascii("*4\r\n$6\r\nLRANGE\r\n$4\r\nlong\r\n$1\r\n0\r\n$2\r\n-1\r\n".repeat(2000));
        List<Socket> flooders = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket socket = new Socket("127.0.0.1", engine.port());
                socket.getOutputStream().write(i % 2 == 0 ? getBig : lrange);
                flooders.add(socket);
            }
            // Wait until the engine stopped executing for them, i.e. every flooder is paused.
            long processed = awaitStable();
            assertTrue(processed - processedBefore < 8 * 2000 / 2,
                    "the engine must stop executing for clients that do not read; it ran " + (processed - processedBefore));
            assertMemoryNear(baseline, "while 8 clients do not read 16,000 pipelined replies of 1 MB");
            try (RespClient other = RespClient.connect(engine.port())) {
                assertEquals(value.length, other.call("STRLEN", "big").asLong(), "others are still served");
            }
        } finally {
            for (Socket socket : flooders) {
                socket.close();
            }
        }
        Info.awaitField(engine.port(), "clients", "connected_clients", n -> n == 1, 10_000);
        assertMemoryNear(baseline, "after the non-reading clients left");
    }

    @Test
    void stalledReaderOverTheNormalSoftLimitIsDisconnected() throws Exception {
        try (RespClient admin = RespClient.connect(engine.port())) {
            admin.call(ascii("SET"), ascii("big"), new byte[512 * 1024]);
            assertEquals("OK", admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 0 256kb 1").text());
            long before = Info.field(admin, "stats", "client_output_buffer_limit_disconnections");
            try (Socket stalled = new Socket("127.0.0.1", engine.port())) {
                // Backpressure pauses this client with its output over the soft limit; no new output
                // arrives, so it is the periodic check that must notice it stayed there over 1 s.
                stalled.getOutputStream().write(ascii("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".repeat(200)));
                long after = Info.awaitField(engine.port(), "stats", "client_output_buffer_limit_disconnections",
                        n -> n > before, 20_000);
                assertEquals(before + 1, after, "the stalled reader is disconnected, and counted");
                assertClosed(stalled);
            }
        }
    }

    @Test
    void readerBrieflyOverTheSoftLimitKeepsItsConnection() {
        try (RespClient client = RespClient.connect(engine.port())) {
            client.call(ascii("SET"), ascii("big"), new byte[512 * 1024]);
            client.call("CONFIG", "SET", "client-output-buffer-limit", "normal 0 256kb 30");
            for (int i = 0; i < 40; i++) {
                client.send("GET", "big");
            }
            Info.sleep(300); // over the soft limit for a moment, far less than 30 s
            for (int i = 0; i < 40; i++) {
                assertEquals(512 * 1024, client.read().text().length());
            }
            assertEquals("PONG", client.call("PING").text());
        }
    }

    @Test
    void subscriberOverThePubsubSoftLimitTooLongIsDisconnected() {
        long hard = 64L * 1024 * 1024;
        try (RespClient admin = RespClient.connect(engine.port());
                RespClient subscriber = RespClient.connect(engine.port())) {
            admin.call("CONFIG", "SET", "client-output-buffer-limit", "pubsub " + hard + " 128kb 1");
            long before = Info.field(admin, "stats", "client_output_buffer_limit_disconnections");
            subscriber.call("SUBSCRIBE", "slow");
            // Publish at a bounded rate; the subscriber never reads. It must be dropped by the soft
            // limit (over 128 KB for more than a second) long before the hard limit is reached.
            String message = "m".repeat(16 * 1024);
            long published = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (admin.call("PUBLISH", "slow", message).asLong() == 1 && System.nanoTime() < deadline) {
                published += message.length();
                Info.sleep(2);
            }
            assertEquals(0, admin.call("PUBLISH", "slow", message).asLong(), "the slow subscriber was dropped");
            assertTrue(published < hard, "dropped by the soft limit, not the hard one: " + published + " bytes published");
            assertEquals(before + 1, Info.field(admin, "stats", "client_output_buffer_limit_disconnections"));
            assertTrue(subscriber.closedByPeerWithin(5000));
        }
    }

    @Test
    void subscriberOverThePubsubHardLimitIsDisconnectedAtOnce() {
        try (RespClient admin = RespClient.connect(engine.port());
                RespClient subscriber = RespClient.connect(engine.port())) {
            admin.call("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0");
            subscriber.call("SUBSCRIBE", "firehose");
            String message = "m".repeat(64 * 1024);
            long published = 0;
            // Loopback socket buffers take several MB before anything queues in the engine.
            while (admin.call("PUBLISH", "firehose", message).asLong() == 1) {
                published += message.length();
                assertTrue(published < 512L * 1024 * 1024, "never disconnected");
            }
            assertTrue(subscriber.closedByPeerWithin(5000));
        }
    }

    /** Waits until total_commands_processed stops moving: the flooders are all paused. */
    private static long awaitStable() {
        long last = -1;
        for (int i = 0; i < 200; i++) {
            long now = processed();
            if (now == last + 1) { // INFO itself is a command
                return now;
            }
            last = now;
            Info.sleep(100);
        }
        throw new AssertionError("commands kept running for clients that do not read");
    }

    private static long processed() {
        try (RespClient client = RespClient.connect(engine.port())) {
            return Info.field(client, "stats", "total_commands_processed");
        }
    }

    private static long clientsOtherThanTheCaller() {
        try (RespClient client = RespClient.connect(engine.port())) {
            return Info.field(client, "clients", "connected_clients") - 1;
        }
    }

    /** Heap after GC plus the direct memory Netty's allocator holds (where replies are encoded). */
    private static long usedMemory() {
        return Info.usedHeapAfterGc() + nettyDirectMemory();
    }

    private static long nettyDirectMemory() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider metrics
                ? metrics.metric().usedDirectMemory() : 0;
    }

    private static void assertMemoryNear(long baseline, String when) {
        long used = usedMemory();
        assertTrue(used < baseline + MEMORY_SLACK, String.format("%s: %,d bytes in use, baseline %,d (direct now %,d)",
                when, used, baseline, nettyDirectMemory()));
    }

    private static void assertClosed(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        byte[] sink = new byte[64 * 1024];
        try {
            while (socket.getInputStream().read(sink) >= 0) {
                // drain what was sent before the close
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection is still open", e);
        } catch (IOException reset) {
            // a reset means closed as well
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
