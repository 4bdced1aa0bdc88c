package io.bidtrack.engine.compat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** LCS (strings) and ZINTERCARD (sorted sets) against redis-server. */
class LcsAndIntercardCompatibilityTest extends CompatibilityTest {

    @Test
    void lcsOptionsAndErrors() {
        sameAll("SET a ohmytext", "SET b mynewtext", "LCS a b", "LCS a b LEN", "lcs a b len", "LCS a b IDX",
                "LCS a b IDX MINMATCHLEN 4", "LCS a b IDX MINMATCHLEN 4 WITHMATCHLEN", "LCS a b IDX WITHMATCHLEN",
                "LCS a b WITHMATCHLEN", "LCS a b IDX MINMATCHLEN -5", "LCS a b IDX MINMATCHLEN 0 MINMATCHLEN 3",
                "LCS a b LEN IDX", "LCS a b IDX LEN", "LCS a b MINMATCHLEN", "LCS a b MINMATCHLEN x",
                "LCS a b MINMATCHLEN 1.5", "LCS a b foo", "LCS a", "LCS a nosuch", "LCS nosuch a IDX",
                "LCS nosuch other IDX WITHMATCHLEN", "LCS a a IDX WITHMATCHLEN", "RPUSH l x", "LCS a l", "LCS l a",
                "LCS l a foo", "LCS l nosuch LEN IDX", "SET n 12345", "SET m 2345", "LCS n m IDX", "INCR n",
                "LCS n m", "SET c abcabcabcxyzabc", "SET d zzabcqqxyzcab", "LCS c d IDX WITHMATCHLEN",
                "LCS d c IDX WITHMATCHLEN", "LCS c d", "LCS d c", "SET e \"\"", "LCS e c IDX", "LCS c e");
        sameHello("HELLO 3");
        sameAll("LCS a b IDX WITHMATCHLEN", "LCS c d IDX", "LCS a b LEN");
    }

    /** Ties between equally long subsequences are broken as Redis walks its table. */
    @Test
    void lcsOfRandomStrings() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            String a = randomString(random, random.nextInt(30));
            String b = randomString(random, random.nextInt(30));
            sameArgs("SET", "a", a);
            sameArgs("SET", "b", b);
            sameAll("LCS a b", "LCS b a", "LCS a b LEN", "LCS a b IDX WITHMATCHLEN", "LCS b a IDX MINMATCHLEN 2");
        }
    }

    /** The table of (|a|+1) x (|b|+1) 32-bit cells may not exceed proto-max-bulk-len. */
    @Test
    void lcsTableIsBoundedByProtoMaxBulkLen() {
        sameArgs("SET", "a", "x".repeat(600));
        sameArgs("SET", "b", "y".repeat(600));
        sameArgs("SET", "c", "y".repeat(400));
        try {
            sameAll("CONFIG SET proto-max-bulk-len 1048576", "LCS a b LEN", "LCS a c LEN");
        } finally {
            sameAll("CONFIG SET proto-max-bulk-len 536870912");
        }
    }

    private static String randomString(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + random.nextInt(3)));
        }
        return sb.toString();
    }

    @Test
    void zintercard() {
        sameAll("ZADD z1 1 a 2 b 3 c", "ZADD z2 1 b 2 c 3 d", "SADD s1 c d e", "ZINTERCARD 2 z1 z2",
                "ZINTERCARD 3 z1 z2 s1", "ZINTERCARD 1 s1", "ZINTERCARD 2 z1 z2 LIMIT 1", "zintercard 2 z1 z2 limit 0",
                "ZINTERCARD 2 z1 z2 LIMIT 5", "ZINTERCARD 2 z1 z2 LIMIT -1", "ZINTERCARD 2 z1 z2 LIMIT x",
                "ZINTERCARD 2 z1 z2 LIMIT", "ZINTERCARD 2 z1 z2 WITHSCORES", "ZINTERCARD 2 z1 z2 WEIGHTS 1 2",
                "ZINTERCARD 2 z1 z2 AGGREGATE MAX", "ZINTERCARD 1 z1 LIMIT 2 LIMIT 5", "ZINTERCARD 0 z1",
                "ZINTERCARD x z1", "ZINTERCARD -1 z1", "ZINTERCARD 3 z1 z2", "ZINTERCARD 2 z1 nosuch",
                "ZINTERCARD 1 nosuch", "ZINTERCARD 1", "RPUSH l x", "ZINTERCARD 1 l", "ZINTERCARD 2 nosuch l",
                "ZINTERCARD 2 l nosuch LIMIT -1", "ZINTERCARD 1 z1 LIMIT 99999999999999999999",
                "COMMAND INFO zintercard lcs");
        for (int i = 0; i < 300; i++) {
            sameAll("ZADD big " + i + " m" + i, "SADD bigset m" + (i * 2));
        }
        sameAll("ZINTERCARD 2 big bigset", "ZINTERCARD 2 bigset big LIMIT 7", "ZINTERCARD 2 big z1");
    }
}
