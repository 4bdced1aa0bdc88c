package io.bidtrack.engine.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.RedisServerProcess;
import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XREAD BLOCK and XREADGROUP BLOCK with several connections: each scenario runs against
 * redis-server and the engine, and the transcripts of replies must be identical. Entries use
 * explicit IDs so that the replies compare exactly.
 */
class BlockingStreamCommandsTest extends BlockingScenarioTest {
    @Test
    void xreadDollarWaitsForTheNextEntry() {
        sameOnBoth(s -> {
            RespClient reader = s.connect();
            RespClient writer = s.connect();
            s.call(writer, "XADD s 1-1 old 1");
            s.block(reader, "XREAD BLOCK 0 STREAMS s $");
            s.call(writer, "XADD s 2-1 new 2");
            s.read(reader);
            // From an explicit ID, on a key that does not exist yet.
            s.block(reader, "XREAD COUNT 5 BLOCK 5000 STREAMS missing 0-1");
            s.call(writer, "XADD missing 0-2 f v");
            s.read(reader);
            s.call(writer, "XLEN s");
        });
    }

    @Test
    void xreadOnSeveralKeysIsServedByTheFirstWrite() {
        sameOnBoth(s -> {
            RespClient reader = s.connect();
            RespClient writer = s.connect();
            s.call(writer, "XADD a 5-1 f v");
            s.block(reader, "XREAD BLOCK 0 STREAMS a b $ $");
            s.call(writer, "XADD b 1-1 g w");
            s.read(reader);
            // Two readers on the same key both get the entry.
            RespClient other = s.connect();
            s.block(reader, "XREAD BLOCK 0 STREAMS a 5-1");
            s.block(other, "XREAD BLOCK 0 STREAMS a $");
            s.call(writer, "XADD a 6-1 h x");
            s.read(reader);
            s.read(other);
        });
    }

    @Test
    void timeoutsAndNonStreamWrites() {
        sameOnBoth(s -> {
            RespClient c = s.connect();
            RespClient writer = s.connect();
            s.call(c, "XREAD BLOCK 50 STREAMS s $");
            s.call(c, "XGROUP CREATE g grp $ MKSTREAM");
            s.call(c, "XREADGROUP GROUP grp c BLOCK 50 STREAMS g >");
            // A list push on the awaited key does not serve the stream reader.
            s.block(c, "XREAD BLOCK 300 STREAMS l $");
            s.call(writer, "RPUSH l a");
            s.read(c);
            c.call("HELLO", "3");
            s.call(c, "XREAD BLOCK 50 STREAMS s $");
            s.block(c, "XREAD BLOCK 0 STREAMS s 0");
            s.call(writer, "XADD s 1-1 f v");
            s.read(c);
        });
    }

    @Test
    void xreadgroupWaitersShareTheNewEntries() {
        sameOnBoth(s -> {
            RespClient alice = s.connect();
            RespClient bob = s.connect();
            RespClient writer = s.connect();
            s.call(writer, "XGROUP CREATE s g $ MKSTREAM");
            s.block(alice, "XREADGROUP GROUP g alice BLOCK 0 STREAMS s >");
            s.block(bob, "XREADGROUP GROUP g bob COUNT 10 BLOCK 0 STREAMS s >");
            s.call(writer, "XADD s 1-1 a 1");
            s.read(alice);
            s.call(writer, "XADD s 2-1 b 2");
            s.read(bob);
            s.call(writer, "XPENDING s g");
            s.call(writer, "XINFO GROUPS s");
            s.block(alice, "XREADGROUP GROUP g alice NOACK BLOCK 0 STREAMS s >");
            s.call(writer, "XADD s 3-1 c 3");
            s.read(alice);
            s.call(writer, "XPENDING s g");
        });
    }

    @Test
    void historyIsServedAtOnceAndCountLimitsAServedWaiter() {
        sameOnBoth(s -> {
            RespClient c = s.connect();
            RespClient writer = s.connect();
            s.call(writer, "XGROUP CREATE s g $ MKSTREAM");
            s.call(c, "XREADGROUP GROUP g c BLOCK 0 STREAMS s 0");
            s.block(c, "XREAD COUNT 1 BLOCK 0 STREAMS s 0");
            s.call(writer, "XADD s 1-1 a 1");
            s.read(c);
            // A deleted and re-created stream without the group fails the group waiter.
            s.call(c, "XREADGROUP GROUP g c STREAMS s >");
            s.block(c, "XREADGROUP GROUP g c BLOCK 0 STREAMS s >");
            s.call(writer, "DEL s");
            s.call(writer, "XADD s 2-1 b 2");
            s.read(c);
        });
    }

    @Test
    void destroyingTheGroupFailsItsWaiters() {
        sameOnBoth(s -> {
            RespClient waiter = s.connect();
            RespClient writer = s.connect();
            s.call(writer, "XGROUP CREATE s g $ MKSTREAM");
            s.block(waiter, "XREADGROUP GROUP g c BLOCK 0 STREAMS s >");
            s.call(writer, "XGROUP DESTROY s g");
            s.read(waiter);
            s.call(waiter, "PING");
        });
    }

    @Test
    void insideMultiAWaitTimesOutAtOnce() {
        sameOnBoth(s -> {
            RespClient c = s.connect();
            s.call(c, "MULTI");
            s.call(c, "XREAD BLOCK 0 STREAMS s $");
            s.call(c, "XGROUP CREATE s g $ MKSTREAM");
            s.call(c, "XREADGROUP GROUP g c BLOCK 0 STREAMS s >");
            s.call(c, "EXEC");
        });
    }
}
