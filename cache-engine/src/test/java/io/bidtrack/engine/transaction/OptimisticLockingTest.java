package io.bidtrack.engine.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many clients increment one counter with WATCH / GET / MULTI / SET / EXEC, retrying when EXEC
 * aborts. If WATCH missed a concurrent write, two clients would write the same value and the final
 * count would fall short: it must equal the number of increments.
 */
class OptimisticLockingTest {
    private static final int CLIENTS = 8;
    private static final int INCREMENTS_EACH = 200;

    @Test
    void checkAndSetUnderContentionLosesNoIncrement() throws Exception {
        AtomicInteger aborted = new AtomicInteger();
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0))) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    runs.add(pool.submit(() -> {
                        try (RespClient client = RespClient.connect(engine.port())) {
                            for (int done = 0; done < INCREMENTS_EACH; ) {
                                client.call("WATCH", "counter");
                                Reply current = client.call("GET", "counter");
                                long value = current.isNull() ? 0 : Long.parseLong(current.text());
                                client.call("MULTI");
                                client.call("SET", "counter", Long.toString(value + 1));
                                if (client.call("EXEC").isNull()) {
                                    aborted.incrementAndGet();
                                } else {
                                    done++;
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdownNow();
            }
            try (RespClient client = RespClient.connect(engine.port())) {
                assertEquals(Integer.toString(CLIENTS * INCREMENTS_EACH), client.call("GET", "counter").text());
            }
        }
        // How many EXECs aborted depends on scheduling (usually hundreds); it is not asserted.
        System.out.println("optimistic increments: " + CLIENTS * INCREMENTS_EACH + ", aborted EXECs: " + aborted.get());
    }
}
