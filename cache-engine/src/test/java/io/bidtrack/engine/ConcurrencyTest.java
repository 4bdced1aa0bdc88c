package io.bidtrack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Info;
import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once, each on its own connection and thread: the engine runs every command on
 * one thread, so each command and each MULTI/EXEC must appear atomic, nothing may be lost or
 * delivered twice, and keys expiring meanwhile must not disturb the others. Only results are
 * asserted, never how long anything took.
 */
class ConcurrencyTest {
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

    @BeforeEach
    void flush() {
        try (RespClient client = RespClient.connect(engine.port())) {
            client.call("FLUSHALL");
        }
    }

    @Test
    void pipelinedMixedCommandsWhileKeysExpire() throws Exception {
        int threads = 32;
        int rounds = 40;
        runAll(threads, t -> () -> {
            Random random = new Random(t);
            String p = "t" + t + ":";
            try (RespClient c = RespClient.connect(engine.port())) {
                for (int r = 1; r <= rounds; r++) {
                    // One pipeline per round: send everything, then read every reply in order.
                    c.send("INCR", p + "counter");
                    c.send("RPUSH", p + "list", "e" + r);
                    c.send("HSET", p + "hash", "f" + r, String.valueOf(r));
                    c.send("SADD", p + "set", "m" + r);
                    c.send("ZADD", p + "zset", String.valueOf(r), "m" + r);
                    c.send("SET", p + "tmp" + r, "x", "PX", String.valueOf(1 + random.nextInt(20)));
                    c.send("GET", p + "tmp" + (r - 1));
                    c.send("INCR", "shared:counter");
                    c.send("SET", "shared:" + (r % 8), p);
                    c.send("GET", p + "counter");
                    c.send("LLEN", p + "list");
                    c.send("HLEN", p + "hash");
                    c.send("SCARD", p + "set");
                    c.send("ZSCORE", p + "zset", "m" + r);
                    c.send("LINDEX", p + "list", "-1");
                    assertEquals(r, c.read().asLong(), "INCR");
                    assertEquals(r, c.read().asLong(), "RPUSH");
                    assertEquals(1, c.read().asLong(), "HSET");
                    assertEquals(1, c.read().asLong(), "SADD");
                    assertEquals(1, c.read().asLong(), "ZADD");
                    assertEquals("OK", c.read().text(), "SET PX");
                    Reply tmp = c.read();
                    assertTrue(tmp.isNull() || "x".equals(tmp.text()), "an expiring key is either there or gone: " + tmp);
                    assertTrue(c.read().asLong() > 0, "shared INCR");
                    assertEquals("OK", c.read().text(), "shared SET");
                    assertEquals(String.valueOf(r), c.read().text(), "GET counter");
                    assertEquals(r, c.read().asLong(), "LLEN");
                    assertEquals(r, c.read().asLong(), "HLEN");
                    assertEquals(r, c.read().asLong(), "SCARD");
                    assertEquals(String.valueOf(r), c.read().text(), "ZSCORE");
                    assertEquals("e" + r, c.read().text(), "LINDEX");
                }
            }
            return null;
        });
        try (RespClient c = RespClient.connect(engine.port())) {
            assertEquals(String.valueOf(threads * rounds), c.call("GET", "shared:counter").text());
            // Every expiring key goes away (actively, as nobody reads them); all the others stay.
            long persistent = threads * 5L + 1 + 8;
            assertEquals(persistent, dbsize(c, persistent), "only the keys without a TTL remain");
            for (int t = 0; t < threads; t++) {
                assertEquals(rounds, c.call("ZCARD", "t" + t + ":zset").asLong());
            }
        }
    }

    @Test
    void pubsubDeliversEveryMessageOnceAndInOrderPerPublisher() throws Exception {
        int publishers = 4;
        int messages = 1000;
        int subscribers = 6;
        CountDownLatch subscribed = new CountDownLatch(subscribers);
        ExecutorService pool = Executors.newFixedThreadPool(publishers + subscribers);
        try {
            List<Future<int[]>> received = new ArrayList<>();
            for (int s = 0; s < subscribers; s++) {
                boolean byPattern = s % 2 == 1;
                received.add(pool.submit(() -> {
                    try (RespClient c = RespClient.connect(engine.port())) {
                        Reply confirmation = byPattern ? c.call("PSUBSCRIBE", "bids.*") : c.call("SUBSCRIBE", "bids.eu");
                        assertEquals(3, confirmation.elements().size());
                        subscribed.countDown();
                        int[] next = new int[publishers]; // per publisher: the sequence number expected next
                        for (int i = 0; i < publishers * messages; i++) {
                            Reply m = c.read();
                            String payload = m.element(m.elements().size() - 1).text();
                            String[] parts = payload.split(":");
                            int publisher = Integer.parseInt(parts[0]);
                            int sequence = Integer.parseInt(parts[1]);
                            assertEquals(next[publisher], sequence, "publisher " + publisher + "'s messages in order, once");
                            next[publisher]++;
                        }
                        c.soTimeout(200);
                        assertTrue(nothingMoreArrives(c), "no message is delivered twice");
                        return next;
                    }
                }));
            }
            assertTrue(subscribed.await(10, TimeUnit.SECONDS));
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int publisher = p;
                sent.add(pool.submit(() -> {
                    try (RespClient c = RespClient.connect(engine.port())) {
                        for (int i = 0; i < messages; i += 50) {
                            for (int k = i; k < i + 50; k++) {
                                c.send("PUBLISH", "bids.eu", publisher + ":" + k);
                            }
                            for (int k = i; k < i + 50; k++) {
                                assertEquals(subscribers, c.read().asLong(), "every subscriber receives it");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            for (Future<int[]> f : received) {
                int[] counts = f.get();
                for (int count : counts) {
                    assertEquals(messages, count);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blockingConsumersTakeEveryElementExactlyOnce() throws Exception {
        int producers = 4;
        int elements = 1000;
        int consumers = 8;
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
        try {
            List<Future<?>> consuming = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                consuming.add(pool.submit(() -> {
                    try (RespClient client = RespClient.connect(engine.port())) {
                        while (true) {
                            // BLPOP serves its keys in order: jobs-urgent first, and the stop elements
                            // go last into jobs, so nobody stops while work is queued.
                            Reply popped = client.call("BLPOP", "jobs-urgent", "jobs", "20");
                            assertTrue(!popped.isNull(), "producers keep the queues fed until the stop elements");
                            String element = popped.element(1).text();
                            if (element.equals("stop")) {
                                return null;
                            }
                            if (!consumed.add(element)) {
                                duplicates.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            List<Future<?>> producing = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                producing.add(pool.submit(() -> {
                    try (RespClient client = RespClient.connect(engine.port())) {
                        String queue = producer % 2 == 0 ? "jobs" : "jobs-urgent";
                        for (int i = 0; i < elements; i += 10) {
                            List<String> args = new ArrayList<>(List.of("RPUSH", queue));
                            for (int k = i; k < i + 10; k++) {
                                args.add(producer + ":" + k);
                            }
                            assertTrue(client.call(args.toArray(String[]::new)).asLong() > 0);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : producing) {
                f.get();
            }
            try (RespClient client = RespClient.connect(engine.port())) {
                // Behind every element already queued, so a consumer stops only once the queue is drained.
                String[] stops = new String[2 + consumers];
                stops[0] = "RPUSH";
                stops[1] = "jobs";
                java.util.Arrays.fill(stops, 2, stops.length, "stop");
                client.call(stops);
                for (Future<?> f : consuming) {
                    f.get();
                }
                assertEquals(0, client.call("EXISTS", "jobs", "jobs-urgent").asLong(), "queues drained");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, duplicates.get(), "no element is popped twice");
        assertEquals(producers * elements, consumed.size(), "every element is popped");
    }

    @Test
    void counterUnderContentionIsExact() throws Exception {
        int threads = 32;
        int batches = 10;
        runAll(threads, t -> () -> {
            try (RespClient c = RespClient.connect(engine.port())) {
                for (int b = 0; b < batches; b++) {
                    for (int i = 0; i < 50; i++) {
                        c.send(i % 5 == 0 ? new String[] {"INCRBY", "hits", "3"} : new String[] {"INCR", "hits"});
                    }
                    for (int i = 0; i < 50; i++) {
                        assertTrue(c.read().asLong() > 0);
                    }
                }
            }
            return null;
        });
        try (RespClient c = RespClient.connect(engine.port())) {
            // Per batch of 50: 10 INCRBY 3 and 40 INCR.
            assertEquals(String.valueOf(threads * batches * (10 * 3 + 40)), c.call("GET", "hits").text());
        }
    }

    @Test
    void transfersInsideMultiKeepTheSumForConcurrentReaders() throws Exception {
        try (RespClient c = RespClient.connect(engine.port())) {
            c.call("MSET", "a", "1000", "b", "1000");
        }
        int writers = 8;
        int readers = 8;
        int transfers = 200;
        AtomicLong movedToB = new AtomicLong();
        AtomicLong checks = new AtomicLong();
        runAll(writers + readers, t -> () -> {
            Random random = new Random(t);
            try (RespClient c = RespClient.connect(engine.port())) {
                for (int i = 0; i < transfers; i++) {
                    if (t < writers) {
                        long amount = random.nextInt(21) - 10;
                        assertEquals("OK", c.call("MULTI").text());
                        assertEquals("QUEUED", c.call("DECRBY", "a", String.valueOf(amount)).text());
                        assertEquals("QUEUED", c.call("INCRBY", "b", String.valueOf(amount)).text());
                        assertEquals(2, c.call("EXEC").elements().size());
                        movedToB.addAndGet(amount);
                    } else {
                        Reply exec;
                        if (i % 2 == 0) {
                            c.call("MULTI");
                            c.call("GET", "a");
                            c.call("GET", "b");
                            exec = c.call("EXEC");
                        } else {
                            exec = c.call("MGET", "a", "b");
                        }
                        long sum = Long.parseLong(exec.element(0).text()) + Long.parseLong(exec.element(1).text());
                        assertEquals(2000, sum, "a reader saw half a transfer");
                        checks.incrementAndGet();
                    }
                }
            }
            return null;
        });
        assertEquals((long) readers * transfers, checks.get());
        try (RespClient c = RespClient.connect(engine.port())) {
            assertEquals(String.valueOf(1000 - movedToB.get()), c.call("GET", "a").text());
            assertEquals(String.valueOf(1000 + movedToB.get()), c.call("GET", "b").text());
        }
    }

    /** Runs {@code threads} tasks at once and rethrows the first failure. */
    private static void runAll(int threads, java.util.function.IntFunction<Callable<Void>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(task.apply(t)));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls DBSIZE until it reaches {@code expected} (expired keys are removed in the background). */
    private static long dbsize(RespClient c, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long size;
        while ((size = c.call("DBSIZE").asLong()) != expected && System.nanoTime() < deadline) {
            Info.sleep(20);
        }
        return size;
    }

    private static boolean nothingMoreArrives(RespClient c) {
        try {
            c.read();
            return false;
        } catch (java.io.UncheckedIOException timeout) {
            return true;
        }
    }
}
