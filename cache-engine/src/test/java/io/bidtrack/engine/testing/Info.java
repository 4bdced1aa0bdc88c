package io.bidtrack.engine.testing;

import java.lang.management.ManagementFactory;
import java.util.function.LongPredicate;

/** Reads numbers the tests watch: INFO fields of a server, and this JVM's memory. */
public final class Info {
    private Info() {
    }

    /** A numeric field of INFO, e.g. {@code field(client, "clients", "connected_clients")}. */
    public static long field(RespClient client, String section, String name) {
        String info = client.call("INFO", section).text();
        return info.lines()
                .filter(line -> line.startsWith(name + ":"))
                .mapToLong(line -> Long.parseLong(line.substring(name.length() + 1).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in INFO " + section + ": " + info));
    }

    /**
     * Polls a field until it satisfies {@code condition} or {@code timeoutMillis} pass; returns the
     * last value read, so the caller's assertion can show it. Waits for asynchronous effects (a
     * disconnect being noticed), it does not measure time.
     */
    public static long awaitField(int port, String section, String name, LongPredicate condition, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        try (RespClient client = RespClient.connect(port)) {
            while (true) {
                long value = field(client, section, name);
                if (condition.test(value) || System.nanoTime() > deadline) {
                    return value;
                }
                sleep(20);
            }
        }
    }

    /**
     * Heap in use after full collections: what survives, not garbage awaiting collection. Several
     * rounds, since one System.gc() may leave objects that only become unreachable in the next.
     */
    public static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
