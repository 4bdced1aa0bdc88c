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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request-path client on the real engine and on redis-server: pipelining, batches, healing, one write per turn. */
class PipelinedRedisTest {
    private static final int TURN_COMMANDS = 200;
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
    void thousandsOfCommandsInFlightOnTwoConnectionsAllAnswered() throws Exception {
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
             RedisServerProcess redis = RedisServerProcess.start()) {
            for (int port : new int[]{engine.port(), redis.port()}) {
                Redis client = HotStore.pipelinedClient(vertx, "redis://127.0.0.1:" + port, 2);
                List<Future<Response>> sets = new ArrayList<>();
                for (int i = 0; i < 5000; i++) {
                    sets.add(client.send(Request.cmd(Command.SET).arg("k" + i).arg("v" + i)));
                }
                Future.all(sets).await(10, TimeUnit.SECONDS);
                List<Response> batch = client.batch(List.of(Request.cmd(Command.INCRBY).arg("n").arg(5),
                        Request.cmd(Command.GET).arg("k4999"), Request.cmd(Command.DBSIZE))).await(5, TimeUnit.SECONDS);
                assertEquals(5, batch.get(0).toLong());
                assertEquals("v4999", batch.get(1).toString());
                assertEquals(5001, batch.get(2).toLong());
                client.close().await();
            }
        }
    }

    @Test
    void aRestartedStoreIsReachedAgainWithoutRecreatingTheClient() throws Exception {
        CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        int port = engine.port();
        Redis client = HotStore.pipelinedClient(vertx, "redis://127.0.0.1:" + port, 2);
        assertEquals("PONG", client.send(Request.cmd(Command.PING)).await(5, TimeUnit.SECONDS).toString());
        engine.close();
        try (CacheEngine restarted = CacheEngine.start(EngineConfig.defaults().withPort(port))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int answered = 0;
            // Commands on a connection that died fail; the next ones open a new connection.
            while (answered < 10 && System.nanoTime() < deadline) {
                try {
                    client.send(Request.cmd(Command.SET).arg("after").arg("restart")).await(1, TimeUnit.SECONDS);
                    answered++;
                } catch (Exception lostConnection) {
                    Thread.sleep(50);
                }
            }
            assertEquals(10, answered, "the client did not reconnect to the restarted store");
            assertTrue(client.send(Request.cmd(Command.GET).arg("after")).await(1, TimeUnit.SECONDS).toString().equals("restart"));
        } finally {
            client.close().await();
        }
    }

    /**
     * The commands of one event-loop turn reach the store in one socket read ({@link FlushCoalescing}),
     * counted by the store itself ({@code total_reads_processed}). (With the coalescing switched
     * off, the engine counted 37 reads for the same turn here, so the bound below can fail.)
     */
    @Test
    void oneTurnOfCommandsIsOneReadAtTheStore() throws Exception {
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
             RedisServerProcess redis = RedisServerProcess.start()) {
            for (int port : new int[]{engine.port(), redis.port()}) {
                Redis coalescing = HotStore.pipelinedClient(vertx, "redis://127.0.0.1:" + port, 1);
                long coalescedReads = readsForOneTurn(coalescing, port);
                assertTrue(coalescedReads <= 10, TURN_COMMANDS + " commands of one turn took " + coalescedReads + " reads at port " + port);
                coalescing.close().await();
            }
        }
    }

    /** The store's reads while {@code client} sends {@link #TURN_COMMANDS} SETs from one event-loop turn. */
    private long readsForOneTurn(Redis client, int port) throws Exception {
        try (RespClient info = RespClient.connect(port)) {
            // Opens the connection first, so the measured turn only writes commands.
            onEventLoop(() -> client.send(Request.cmd(Command.PING))).await(5, TimeUnit.SECONDS);
            long before = Info.field(info, "stats", "total_reads_processed");
            List<Response> replies = onEventLoop(() -> {
                List<Future<Response>> sets = new ArrayList<>();
                for (int i = 0; i < TURN_COMMANDS; i++) {
                    sets.add(client.send(Request.cmd(Command.SET).arg("k" + i).arg("v" + i)));
                }
                return Future.all(sets).map(all -> all.<Response>list());
            }).await(10, TimeUnit.SECONDS);
            assertEquals(TURN_COMMANDS, replies.stream().filter(r -> r.toString().equals("OK")).count());
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
