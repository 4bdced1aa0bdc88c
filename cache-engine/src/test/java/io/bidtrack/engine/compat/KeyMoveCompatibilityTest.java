package io.bidtrack.engine.compat;

import org.junit.jupiter.api.Test;

/** RENAME, RENAMENX, COPY, MOVE, SWAPDB: values, TTLs and databases (SELECT) travel as in Redis. */
class KeyMoveCompatibilityTest extends CompatibilityTest {

    @Test
    void renameKeepsTheTtl() {
        sameAll("RENAME missing x", "SET a 1", "RENAME a b", "GET a", "GET b", "SET c 3 EX 100", "RENAME c b",
                "TTL b", "GET b", "SET d 4", "RENAME d b", "TTL b", "RENAME b b", "GET b", "RENAME missing missing",
                "HSET h f v", "RENAME h b", "TYPE b", "HGET b f", "RENAME", "RENAME a", "RENAME a b c");
        same("SET e v PX 50000");
        same("RENAME e f");
        sameWithin("PTTL f", 100);
    }

    @Test
    void renamenx() {
        sameAll("RENAMENX missing x", "SET a 1", "SET b 2", "RENAMENX a b", "GET a", "RENAMENX a c", "GET c",
                "EXISTS a", "RENAMENX c c", "RENAMENX missing missing", "SET t v EX 100", "RENAMENX t u", "TTL u",
                "RENAMENX a");
    }

    @Test
    void renameOfAnExpiredKey() {
        sameAll("SET a v PX 10", "SET b keep");
        sleep(50);
        sameAll("RENAME a b", "GET b", "RENAMENX a c", "EXISTS c");
    }

    @Test
    void copyOfEveryTypeIsIndependentOfTheOriginal() {
        sameAll("RPUSH l a b c", "COPY l l2", "RPUSH l2 d", "LRANGE l 0 -1", "LRANGE l2 0 -1", "TYPE l2",
                "SADD s 3 1 2", "COPY s s2", "SREM s2 1", "SMEMBERS s", "SMEMBERS s2",
                "ZADD z 1 a 2 b", "COPY z z2 DB 1", "ZINCRBY z 5 a", "ZRANGE z 0 -1 WITHSCORES",
                "SELECT 1", "ZRANGE z2 0 -1 WITHSCORES", "OBJECT ENCODING z2", "SELECT 0",
                "HSET h f v", "COPY h h2", "HSET h2 g w", "HGETALL h",
                // Same-length strings are overwritten in place: a copy must not see it.
                "SET str abc", "COPY str str2", "SET str xyz", "GET str2", "SET n 100", "COPY n n2", "INCR n",
                "GET n2", "SET str2 def", "GET str");
    }

    @Test
    void objectEncodingOfListsSetsAndSortedSets() {
        sameAll("RPUSH l a", "OBJECT ENCODING l", "SADD ints 1 2 3", "OBJECT ENCODING ints",
                "SADD ints x", "OBJECT ENCODING ints", "ZADD z 1 a", "OBJECT ENCODING z",
                "ZADD z 2 " + "m".repeat(65), "OBJECT ENCODING z", "ZREM z " + "m".repeat(65), "OBJECT ENCODING z");
        for (int i = 0; i < 130; i++) {
            same("ZADD big " + i + " m" + i);
        }
        sameAll("OBJECT ENCODING big", "ZREMRANGEBYRANK big 0 100", "OBJECT ENCODING big", "COPY big big2",
                "OBJECT ENCODING big2");
    }

    @Test
    void copyWithinAndAcrossDatabases() {
        sameAll("COPY missing x", "SET a 1", "COPY a b", "GET b", "COPY a b", "COPY a b REPLACE", "COPY a a",
                "COPY a a DB 0", "COPY a a DB 1", "COPY a x DB 16", "COPY a x DB -1", "COPY a x DB abc",
                "COPY a x DB 99999999999", "COPY a x DB", "COPY a x FOO", "COPY a x REPLACE REPLACE",
                "SET t v EX 100", "COPY t u", "TTL u", "HSET h f1 v1 f2 v2", "COPY h h2", "HSET h2 f3 v3",
                "HGETALL h", "HGETALL h2", "OBJECT ENCODING h2", "COPY h a", "COPY h a REPLACE", "TYPE a",
                "SELECT 3", "KEYS *", "SELECT 0", "COPY h h DB 3", "COPY t t DB 3 REPLACE", "SELECT 3", "HGETALL h",
                "TTL t", "COPY h h DB 0", "COPY h h DB 0 REPLACE", "SELECT 0", "HGETALL h", "COPY", "COPY a");
    }

    @Test
    void copyOfLargeHashes() {
        for (int fields : new int[] {200, 512, 513, 600}) {
            StringBuilder hset = new StringBuilder("HSET big");
            for (int i = 0; i < fields; i++) {
                hset.append(" f").append(i).append(" v").append(i);
            }
            sameAll("DEL big big2", hset.toString(), "OBJECT ENCODING big", "COPY big big2", "OBJECT ENCODING big2",
                    "HGET big2 f150", "HDEL big2 f1", "HGET big f1", "HGET big2 f1");
        }
    }

    @Test
    void move() {
        sameAll("SET a 1", "MOVE a 1", "EXISTS a", "SELECT 1", "GET a", "MOVE a 1", "MOVE a 0", "SELECT 0", "GET a",
                "MOVE missing 1", "SET b 2 EX 100", "SET c 3", "SELECT 2", "SET c other", "SELECT 0", "MOVE c 2",
                "GET c", "MOVE b 2", "SELECT 2", "TTL b", "GET c", "MOVE b 16", "MOVE b -1", "MOVE b abc",
                "MOVE b 4294967296", "MOVE missing 0", "MOVE missing 99", "MOVE", "MOVE b");
    }

    @Test
    void swapdb() {
        sameAll("SET a db0", "SET t v EX 100", "SELECT 1", "SET b db1", "SWAPDB 0 1", "GET a", "GET b", "TTL t",
                "SELECT 0", "GET b", "DBSIZE", "SWAPDB 0 0", "GET b", "SWAPDB 0 16", "SWAPDB -1 0", "SWAPDB a 0",
                "SWAPDB 0 b", "SWAPDB 4294967296 0", "SWAPDB 0 4294967296", "SWAPDB 1.5 0", "SWAPDB 0",
                "SWAPDB 2 0", "DBSIZE", "KEYS *", "SWAPDB 0 2", "FLUSHDB", "SELECT 2", "DBSIZE");
    }

    @Test
    void expiredKeysNeitherMoveNorBlock() {
        sameAll("SET src v PX 10", "SET live v", "SELECT 1", "SET live old PX 10", "SET taken v PX 10", "SELECT 0",
                "SET taken new");
        sleep(50);
        sameAll("COPY src dst", "MOVE src 1", "EXISTS src dst", "MOVE live 1", "MOVE taken 1", "SELECT 1", "GET live",
                "GET taken", "TTL live", "DBSIZE", "SELECT 0", "COPY live x DB 1", "SWAPDB 0 1", "DBSIZE");
    }
}
