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
import org.junit.jupiter.api.Test;

/**
 * Blocking list commands with several connections: each scenario runs against redis-server and
 * the engine, and the transcripts of replies must be identical.
 */
class BlockingListCommandsTest extends BlockingScenarioTest {
    @Test
    void waiterGetsTheElementPushedByAnotherClient() {
        sameOnBoth(s -> {
            RespClient waiter = s.connect();
            RespClient pusher = s.connect();
            s.block(waiter, "BLPOP l 0");
            s.call(pusher, "RPUSH l a b");
            s.read(waiter);
            s.call(pusher, "LRANGE l 0 -1");
            // The waiter is served once the whole LPUSH completed: it gets the last pushed head.
            s.block(waiter, "BRPOP l2 5");
            s.call(pusher, "LPUSH l2 x y z");
            s.read(waiter);
            s.call(pusher, "LRANGE l2 0 -1");
        });
    }

    @Test
    void timeoutRepliesWithNullArrayInResp2AndNullInResp3() {
        sameOnBoth(s -> {
            RespClient c = s.connect();
            s.call(c, "BLPOP l 0.05");
            s.call(c, "BLMOVE l d LEFT LEFT 0.05");
            s.call(c, "BLMPOP 0.05 1 l LEFT");
            c.call("HELLO", "3"); // not recorded: the connection ids differ
            s.call(c, "BLPOP l 0.05");
            s.call(c, "BRPOPLPUSH l d 0.05");
            s.call(c, "BLMPOP 0.05 2 l m RIGHT COUNT 3");
        });
    }

    @Test
    void timeoutRunsOnTheEventLoopWithoutBlockingOthers() {
        try (Session s = new Session(engine.port())) {
            RespClient waiter = s.connect();
            RespClient other = s.connect();
            long start = System.nanoTime();
            waiter.send("BLPOP", "l", "0.3");
            assertEquals("PONG", other.call("PING").text());
            assertTrue(waiter.read().isNull());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 250 && millis < 3000, "timed out after " + millis + " ms");
        }
    }

    @Test
    void closingTheEngineEndsBlockedClients() {
        CacheEngine own = CacheEngine.start(EngineConfig.defaults().withPort(0));
        try (Session s = new Session(own.port())) {
            RespClient waiter = s.connect();
            s.block(waiter, "BLPOP l 0");
            s.block(s.connect(), "BLMOVE a b LEFT LEFT 100");
            long start = System.nanoTime();
            own.close();
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "close took too long");
            assertTrue(waiter.closedByPeerWithin(2_000));
        }
    }

    @Test
    void pipelinedCommandsWaitUntilTheClientIsUnblocked() {
        sameOnBoth(s -> {
            RespClient waiter = s.connect();
            RespClient pusher = s.connect();
            waiter.sendRaw(frames("BLPOP l 0", "LLEN l", "RPOP l"));
            s.awaitBlocked(1);
            s.call(pusher, "RPUSH l a b c");
            s.read(waiter);
            s.read(waiter);
            s.read(waiter);
            s.call(pusher, "LRANGE l 0 -1");
        });
    }

    @Test
    void pipelinedCommandsRunAfterATimeout() {
        sameOnBoth(s -> {
            RespClient waiter = s.connect();
            waiter.sendRaw(frames("BLPOP l 0.05", "RPUSH l a", "BRPOP l 0.05", "LLEN l"));
            for (int i = 0; i < 4; i++) {
                s.read(waiter);
            }
        });
    }

    @Test
    void blmoveToAKeyOfAnotherTypeFailsTheWaiter() {
        sameOnBoth(s -> {
            RespClient mover = s.connect();
            RespClient pusher = s.connect();
            s.block(mover, "BLMOVE src dst LEFT LEFT 0");
            s.call(pusher, "SET dst x");
            s.call(pusher, "RPUSH src a");
            s.read(mover);
            s.call(pusher, "LRANGE src 0 -1");
            s.call(mover, "PING");
        });
    }

    @Test
    void aKeyOfAnotherTypeNeitherServesNorFailsWaiters() {
        sameOnBoth(s -> {
            RespClient waiter = s.connect();
            RespClient writer = s.connect();
            s.block(waiter, "BLPOP k 0");
            s.call(writer, "SET k x");
            s.call(writer, "DEL k");
            s.call(writer, "HSET k f v");
            s.call(writer, "DEL k");
            s.call(writer, "RPUSH k a");
            s.read(waiter);
            s.call(writer, "EXISTS k");
        });
    }

    @Test
    void waitersAreServedInArrivalOrder() {
        sameOnBoth(s -> {
            RespClient first = s.connect();
            RespClient second = s.connect();
            RespClient third = s.connect();
            RespClient pusher = s.connect();
            s.block(first, "BLPOP l 0");
            s.block(second, "BRPOP l 0");
            s.block(third, "BLPOP other l 0");
            s.call(pusher, "RPUSH l a b");
            s.read(first);
            s.read(second);
            s.call(pusher, "RPUSH l c");
            s.read(third);
            s.call(pusher, "EXISTS l");
        });
    }

    @Test
    void waiterOnSeveralKeysIsServedFromTheFirstReadyOne() {
        sameOnBoth(s -> {
            RespClient waiter = s.connect();
            RespClient pusher = s.connect();
            s.block(waiter, "BLPOP k1 k2 k3 0");
            s.call(pusher, "RPUSH k3 c");
            s.read(waiter);
            s.call(pusher, "RPUSH k1 a");
            s.call(pusher, "LRANGE k1 0 -1");
            // Keys named twice, and in several databases: only the waiter's own database counts.
            s.call(waiter, "SELECT 1");
            s.block(waiter, "BLPOP d d 0");
            s.call(pusher, "RPUSH d db0");
            s.call(pusher, "SELECT 1");
            s.call(pusher, "RPUSH d db1");
            s.read(waiter);
            s.call(pusher, "EXISTS d");
        });
    }

    @Test
    void disconnectedWaiterIsForgotten() {
        sameOnBoth(s -> {
            RespClient waiter = s.connect();
            RespClient second = s.connect();
            RespClient pusher = s.connect();
            s.block(waiter, "BLPOP l 0");
            s.block(second, "BLPOP l 0");
            s.record(new Reply('+', infoField(pusher, "blocked_clients"), null));
            waiter.close();
            s.awaitBlocked(1);
            s.record(new Reply('+', infoField(pusher, "blocked_clients"), null));
            s.call(pusher, "RPUSH l a b");
            s.read(second);
            s.call(pusher, "LRANGE l 0 -1");
            s.record(new Reply('+', infoField(pusher, "blocked_clients"), null));
        });
    }

    @Test
    void blmoveAndChainedWaiters() {
        sameOnBoth(s -> {
            RespClient mover = s.connect();
            RespClient popper = s.connect();
            RespClient pusher = s.connect();
            s.block(mover, "BLMOVE src dst RIGHT LEFT 0");
            s.block(popper, "BLPOP dst 0");
            s.call(pusher, "RPUSH src a b");
            s.read(mover);
            s.read(popper);
            s.call(pusher, "LRANGE src 0 -1");
            s.call(pusher, "EXISTS dst");
            s.block(mover, "BRPOPLPUSH empty src 0");
            s.call(pusher, "LPUSH empty x");
            s.read(mover);
            s.call(pusher, "LRANGE src 0 -1");
            s.call(pusher, "EXISTS empty");
        });
    }

    @Test
    void blmpopAndResp3Shapes() {
        sameOnBoth(s -> {
            RespClient waiter = s.connect();
            RespClient pusher = s.connect();
            s.block(waiter, "BLMPOP 0 2 a b RIGHT COUNT 2");
            s.call(pusher, "RPUSH b 1 2 3");
            s.read(waiter);
            waiter.call("HELLO", "3"); // not recorded: the connection ids differ
            s.call(pusher, "DEL b");
            s.block(waiter, "BLPOP a b 0");
            s.call(pusher, "RPUSH a x");
            s.read(waiter);
            s.block(waiter, "BLMPOP 0 1 a LEFT");
            s.call(pusher, "RPUSH a y z");
            s.read(waiter);
        });
    }
}
