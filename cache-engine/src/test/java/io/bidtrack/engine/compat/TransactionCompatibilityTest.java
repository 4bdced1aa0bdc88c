package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import org.junit.jupiter.api.Test;

/** MULTI, EXEC, DISCARD, WATCH, UNWATCH against redis-server, replies compared exactly. */
class TransactionCompatibilityTest extends CompatibilityTest {

    @Test
    void queuedCommandsRunInOrderIntoOneArray() {
        sameAll("MULTI", "SET a 1", "INCR a", "GET a", "HSET h f v", "HGETALL h", "EXEC", "GET a");
    }

    @Test
    void aRuntimeErrorIsOneElementAndTheRestStillRuns() {
        sameAll("SET s text", "MULTI", "INCR s", "SET t 1", "LPUSH s x", "EXEC", "GET t", "GET s");
    }

    @Test
    void aQueueingErrorAbortsExec() {
        sameAll("MULTI", "SET a 1", "NOSUCHCOMMAND x", "GET", "EXEC", "EXISTS a");
        sameAll("MULTI", "SET a 1", "GET a b c", "EXEC", "EXISTS a");
    }

    @Test
    void controlCommandsOutsideAndInsideMulti() {
        sameAll("EXEC", "DISCARD", "MULTI", "MULTI", "WATCH k", "SET k 1", "DISCARD", "EXISTS k",
                "UNWATCH", "MULTI", "EXEC", "MULTI", "DISCARD", "EXEC");
    }

    @Test
    void watchedKeyWrittenByAnotherClientAbortsExec() {
        try (RespClient otherRedis = RespClient.connect(redis.port());
                RespClient otherEngine = RespClient.connect(engine.port())) {
            sameAll("SET k 1", "WATCH k");
            assertEquals(otherRedis.call("SET", "k", "2"), otherEngine.call("SET", "k", "2"));
            sameAll("MULTI", "SET k 3", "EXEC", "GET k");
            // After EXEC the key is no longer watched: the next transaction goes through.
            sameAll("MULTI", "SET k 4", "EXEC", "GET k");
        }
    }

    @Test
    void watchedKeyUntouchedLetsExecRunAndUnwatchForgets() {
        try (RespClient otherRedis = RespClient.connect(redis.port());
                RespClient otherEngine = RespClient.connect(engine.port())) {
            sameAll("WATCH k other", "MULTI", "SET k 1", "EXEC", "WATCH k", "UNWATCH");
            assertEquals(otherRedis.call("SET", "k", "2"), otherEngine.call("SET", "k", "2"));
            sameAll("MULTI", "SET k 3", "EXEC", "GET k");
            // Writes in another database do not touch the watched key of this one.
            sameAll("WATCH k");
            assertEquals(otherRedis.call("SELECT", "3"), otherEngine.call("SELECT", "3"));
            assertEquals(otherRedis.call("SET", "k", "9"), otherEngine.call("SET", "k", "9"));
            sameAll("MULTI", "GET k", "EXEC");
        }
    }

    @Test
    void ownWritesBeforeMultiAndDeletionsCount() {
        sameAll("SET k 1", "WATCH k", "SET k 2", "MULTI", "GET k", "EXEC");
        sameAll("SET k 1", "WATCH k", "DEL k", "MULTI", "GET k", "EXEC");
    }

    @Test
    void flushOfAWatchedExistingKeyAbortsButOfAMissingOneDoesNot() {
        sameAll("SET k 1", "WATCH k", "FLUSHDB", "MULTI", "PING", "EXEC");
        sameAll("WATCH missing", "FLUSHALL", "MULTI", "PING", "EXEC");
    }

    @Test
    void expiryOfAWatchedKeyAbortsExec() {
        sameAll("SET k 1 PX 50", "WATCH k");
        sleep(120);
        sameAll("MULTI", "PING", "EXEC");
    }

    @Test
    void blockingCommandsInsideExecDoNotWait() {
        sameAll("MULTI", "BLPOP empty 0", "RPUSH l a", "BLPOP l 0", "EXEC");
    }

    @Test
    void resp3Replies() {
        sameHello("HELLO 3");
        try (RespClient otherRedis = RespClient.connect(redis.port());
                RespClient otherEngine = RespClient.connect(engine.port())) {
            sameAll("MULTI", "SET a 1", "GET a", "HSET h f v", "HGETALL h", "EXEC", "WATCH a");
            Reply r = otherRedis.call("SET", "a", "2");
            assertEquals(r, otherEngine.call("SET", "a", "2"));
            sameAll("MULTI", "GET a", "EXEC");
        }
    }
}
