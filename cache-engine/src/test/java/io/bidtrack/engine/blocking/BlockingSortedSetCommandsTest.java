package io.bidtrack.engine.blocking;

import io.bidtrack.engine.testing.RespClient;
import org.junit.jupiter.api.Test;

/** BZPOPMIN, BZPOPMAX, BZMPOP and ZMPOP with several connections, compared with redis-server. */
class BlockingSortedSetCommandsTest extends BlockingScenarioTest {

    @Test
    void servedAtOnceOrWhenASortedSetIsStored() {
        sameOnBoth(s -> {
            RespClient waiter = s.connect();
            RespClient writer = s.connect();
            s.call(writer, "ZADD z 1 a 2 b 3 c");
            s.call(waiter, "BZPOPMIN z 0");
            s.call(waiter, "BZPOPMAX z 0");
            s.call(waiter, "BZPOPMIN missing z 0");
            s.call(writer, "EXISTS z");
            s.block(waiter, "BZPOPMAX z y 0");
            s.call(writer, "ZADD y 5 five 6 six");
            s.read(waiter);
            s.block(waiter, "BZMPOP 0 2 x w MIN COUNT 5");
            s.call(writer, "ZADD x 1.5 p 2.5 q");
            s.read(waiter);
            s.call(writer, "ZRANGE y 0 -1 WITHSCORES");
            s.call(writer, "EXISTS x");
        });
    }

    @Test
    void keysStoredByOtherCommandsWakeWaiters() {
        sameOnBoth(s -> {
            RespClient waiter = s.connect();
            RespClient writer = s.connect();
            s.call(writer, "ZADD src 1 a 2 b");
            s.block(waiter, "BZPOPMIN dst 0");
            s.call(writer, "ZUNIONSTORE dst 1 src");
            s.read(waiter);
            s.block(waiter, "BZPOPMIN renamed 0");
            s.call(writer, "RENAME src renamed");
            s.read(waiter);
            s.block(waiter, "BZPOPMAX copy 0");
            s.call(writer, "COPY renamed copy");
            s.read(waiter);
            s.block(waiter, "BLPOP list 0");
            s.call(writer, "RPUSH other x y");
            s.call(writer, "RENAME other list");
            s.read(waiter);
            s.block(waiter, "BZPOPMIN moved 0");
            s.call(writer, "SELECT 1");
            s.call(writer, "ZADD moved 9 m");
            s.call(writer, "MOVE moved 0");
            s.read(waiter);
            s.block(waiter, "BZPOPMIN swapped 0");
            s.call(writer, "ZADD swapped 4 s");
            s.call(writer, "SWAPDB 0 1");
            s.read(waiter);
            s.call(writer, "FLUSHALL");
        });
    }

    @Test
    void wrongTypesAndTimeouts() {
        sameOnBoth(s -> {
            RespClient c = s.connect();
            RespClient writer = s.connect();
            s.call(writer, "SET str v");
            s.call(c, "BZPOPMIN str 0");
            s.call(c, "BZPOPMIN missing str 0");
            s.call(c, "BZMPOP 0 2 missing str MAX");
            s.call(c, "ZMPOP 2 missing str MAX");
            s.call(c, "BZPOPMIN z 0.05");
            s.call(c, "BZMPOP 0.05 1 z MIN");
            s.block(c, "BZPOPMIN z 0");
            s.call(writer, "SET z string");
            s.call(writer, "DEL z");
            s.call(writer, "ZADD z 1 one");
            s.read(c);
            c.call("HELLO", "3"); // not recorded: the connection ids differ
            s.call(c, "BZPOPMAX z 0.05");
            s.call(writer, "ZADD z 1 one 2 two");
            s.call(c, "BZPOPMAX z 0");
            s.call(c, "BZMPOP 0 1 z MIN COUNT 2");
            s.call(c, "ZMPOP 1 z MIN");
            s.call(c, "BZMPOP 0.05 1 z MIN");
        });
    }

    @Test
    void argumentErrors() {
        sameOnBoth(s -> {
            RespClient c = s.connect();
            for (String command : new String[] {"BZPOPMIN z -1", "BZPOPMIN z x", "BZPOPMIN z", "BZMPOP 0 0 z MIN",
                    "BZMPOP 0 1 z", "BZMPOP 0 1 z MIDDLE", "BZMPOP x 1 z MIN", "BZMPOP 0 1 z MIN COUNT 0",
                    "BZMPOP 0 1 z MIN COUNT 1 COUNT 2", "BZMPOP 0 5 z MIN", "BZMPOP -1 1 z MIN",
                    "ZMPOP 0 z MIN", "ZMPOP 1 z", "ZMPOP 1 z MAX COUNT", "ZMPOP 1 z MAX COUNT -3",
                    "ZMPOP 99999999999999999999 z MIN", "ZMPOP 9223372036854775807 z MIN"}) {
                s.call(c, command);
            }
        });
    }

    @Test
    void fairnessAndTransactions() {
        sameOnBoth(s -> {
            RespClient first = s.connect();
            RespClient second = s.connect();
            RespClient writer = s.connect();
            s.block(first, "BZPOPMIN z 0");
            s.block(second, "BZPOPMIN z 0");
            s.call(writer, "ZADD z 3 c 1 a 2 b");
            s.read(first);
            s.read(second);
            s.call(writer, "ZRANGE z 0 -1");
            s.call(writer, "MULTI");
            s.call(writer, "BZPOPMIN empty 0");
            s.call(writer, "BZMPOP 0 1 z MAX");
            s.call(writer, "EXEC");
        });
    }
}
