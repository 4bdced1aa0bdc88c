package io.bidtrack.common.hotstore;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.Info;
import io.bidtrack.engine.testing.RedisServerProcess;
import io.bidtrack.engine.testing.RespClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands of one event-loop turn reach the store in one socket read: counted by the store
 * itself ({@code total_reads_processed}), on the engine and on redis-server. (With the coalescing
 * switched off, the engine counted 37 reads for the same turn here, so the bound below can fail.)
 */
class FlushCoalescingTest {
    private static final int COMMANDS = 200;
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void oneTurnOfCommandsIsOneReadAtTheStore() throws Exception {
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
             RedisServerProcess redis = RedisServerProcess.start()) {
            for (int port : new int[]{engine.port(), redis.port()}) {
                Redis coalescing = HotStore.pipelinedClient(vertx, "redis://127.0.0.1:" + port, 1);
                long coalescedReads = readsForOneTurn(coalescing, port);
                assertTrue(coalescedReads <= 10, COMMANDS + " commands of one turn took " + coalescedReads + " reads at port " + port);
                coalescing.close().await();
            }
        }
    }

    /** The store's reads while {@code client} sends {@link #COMMANDS} SETs from one event-loop turn. */
    private long readsForOneTurn(Redis client, int port) throws Exception {
        try (RespClient info = RespClient.connect(port)) {
            // Opens the connection first, so the measured turn only writes commands.
            onEventLoop(() -> client.send(Request.cmd(Command.PING))).await(5, TimeUnit.SECONDS);
            long before = Info.field(info, "stats", "total_reads_processed");
            List<Response> replies = onEventLoop(() -> {
                List<Future<Response>> sets = new ArrayList<>();
                for (int i = 0; i < COMMANDS; i++) {
                    sets.add(client.send(Request.cmd(Command.SET).arg("k" + i).arg("v" + i)));
                }
                return Future.all(sets).map(all -> all.<Response>list());
            }).await(10, TimeUnit.SECONDS);
            assertEquals(COMMANDS, replies.stream().filter(r -> r.toString().equals("OK")).count());
            // minus one: the INFO that reads the count after
            return Info.field(info, "stats", "total_reads_processed") - before - 1;
        }
    }

    private <T> Future<T> onEventLoop(Supplier<Future<T>> work) {
        Promise<T> result = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> work.get().onComplete(result));
        return result.future();
    }
}
