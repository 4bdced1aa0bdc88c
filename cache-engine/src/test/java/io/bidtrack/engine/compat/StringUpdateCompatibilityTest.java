package io.bidtrack.engine.compat;

import org.junit.jupiter.api.Test;

/** Differential tests of the string commands beyond GET/SET/INCR: multi-key, TTL-setting, ranges. */
class StringUpdateCompatibilityTest extends CompatibilityTest {

    @Test
    void getdelAndGetset() {
        sameAll("GETDEL missing", "SET k v EX 100", "GETDEL k", "EXISTS k", "HSET h f v", "GETDEL h", "EXISTS h",
                "GETDEL", "GETDEL a b",
                "GETSET k v1", "GETSET k v2", "GET k", "SET k v EX 100", "GETSET k v3", "TTL k", "GETSET h x",
                "HGET h f", "GETSET k", "GETSET");
    }

    @Test
    void mgetMsetMsetnx() {
        sameAll("MSET a 1 b 2 c 3", "MGET a b c missing a", "HSET h f v", "MGET h a", "MGET", "MSET a", "MSET a 1 b",
                "MSET", "MSET a x a y", "GET a", "SET t v EX 100", "MSET t w", "TTL t",
                "MSETNX a 1 new 2", "EXISTS new", "MSETNX n1 1 n2 2", "MGET n1 n2", "MSETNX n3", "MSETNX n3 1 n4",
                "MSETNX h 1", "MSETNX dup 1 dup 2", "GET dup");
    }

    @Test
    void setnxSetexPsetex() {
        sameAll("SETNX k v", "SETNX k w", "GET k", "SETNX k", "HSET h f v", "SETNX h v",
                "SETEX k 100 v", "TTL k", "GET k", "SETEX k 0 v", "SETEX k -1 v", "SETEX k abc v", "SETEX k 1.5 v",
                "SETEX k 9223372036854775807 v", "SETEX h 100 v", "TYPE h", "SETEX k 100", "PSETEX k 0 v",
                "PSETEX k -5 v", "PSETEX k x v", "PSETEX k 9223372036854775807 v", "PSETEX k 100000 w", "GET k",
                "PSETEX k", "SETEX");
        sameWithin("PTTL k", 100);
    }

    @Test
    void getexOptions() {
        sameAll("GETEX missing", "GETEX missing EX 10", "SET k v", "GETEX k", "TTL k", "GETEX k EX 100", "TTL k",
                "GETEX k PERSIST", "TTL k", "GETEX k PX 100000", "GETEX k EXAT 99999999999", "TTL k",
                "GETEX k PXAT 99999999999999", "GETEX k EX 0", "GETEX k EX -1", "GETEX k PX 0", "GETEX k EXAT 0",
                "GETEX k EX abc", "GETEX k EX", "GETEX k EX 10 PX 10", "GETEX k PERSIST EX 10", "GETEX k EX 10 PERSIST",
                "GETEX k KEEPTTL", "GETEX k EX 10 EX 20", "TTL k", "GETEX k PERSIST PERSIST", "TTL k", "GETEX k FOO",
                "GETEX k EX 9223372036854775807", "GETEX k EXAT 9223372036854775807", "HSET h f v", "GETEX h",
                "GETEX h EX 10", "TTL h", "GETEX", "GETEX k ex 100 NX", "GETEX missing FOO",
                "GETEX k EXAT 1", "EXISTS k", "SET k v", "GETEX k PXAT 1", "EXISTS k");
    }

    @Test
    void appendAndStrlen() {
        sameAll("STRLEN missing", "APPEND k hello", "APPEND k \" world\"", "GET k", "STRLEN k", "APPEND k \"\"",
                "SET n 10", "APPEND n 5", "INCR n", "SET t v EX 100", "APPEND t x", "TTL t", "HSET h f v",
                "APPEND h x", "STRLEN h", "APPEND k", "STRLEN", "STRLEN a b", "APPEND empty \"\"", "EXISTS empty");
    }

    @Test
    void getrange() {
        sameAll("SET k \"Hello World\"", "GETRANGE k 0 4", "GETRANGE k -5 -1", "GETRANGE k 0 -1", "GETRANGE k 0 100",
                "GETRANGE k 5 2", "GETRANGE k -1 -5", "GETRANGE k -100 -50", "GETRANGE k -100 2", "GETRANGE k 10 10",
                "GETRANGE k 11 20", "GETRANGE k 3 -100", "GETRANGE missing 0 -1", "GETRANGE k a 1", "GETRANGE k 0 b",
                "GETRANGE k 9223372036854775807 -9223372036854775808", "GETRANGE k -9223372036854775808 9223372036854775807",
                "HSET h f v", "GETRANGE h 0 1", "GETRANGE missing x 1", "GETRANGE k 0", "SET e \"\"", "GETRANGE e 0 -1",
                "SET n 12345", "GETRANGE n 1 2",
                "SUBSTR k 0 4", "SUBSTR k -3 -1", "SUBSTR missing 0 1", "SUBSTR h 0 1", "SUBSTR k x 1", "SUBSTR k 0");
    }

    @Test
    void setrange() {
        sameAll("SETRANGE k 0 hello", "SETRANGE k 6 world", "GET k", "SETRANGE k 1 a", "GET k", "SETRANGE k 2 \"\"",
                "SETRANGE missing 5 \"\"", "EXISTS missing", "SETRANGE pad 3 x", "GET pad", "SETRANGE k -1 x",
                "SETRANGE k abc x", "SETRANGE k 536870912 x", "SETRANGE k 536870911 xy",
                "SETRANGE k 9223372036854775807 x", "SETRANGE k 536870912 \"\"", "HSET h f v", "SETRANGE h 0 x",
                "SETRANGE h 0 \"\"", "SET t v EX 100", "SETRANGE t 0 w", "TTL t", "SET n 123", "SETRANGE n 1 9",
                "INCR n", "SETRANGE k 0", "SETRANGE nk -1 \"\"");
    }

    @Test
    void setOptionCombinations() {
        sameAll("SET k v EXAT 99999999999 GET", "TTL k", "SET k v2 KEEPTTL GET", "TTL k", "SET k v3 GET KEEPTTL XX",
                "TTL k", "SET k v4 PXAT 99999999999999 NX GET", "SET k v5 GET PX 100000 XX", "GET k",
                "SET k v6 KEEPTTL KEEPTTL", "SET k v7 GET GET NX", "SET k v8 KEEPTTL PXAT 99999999999999",
                "SET k v9 EXAT 0", "SET k v9 PXAT -1", "SET k v9 EXAT abc", "GET k", "SET new v KEEPTTL", "TTL new",
                "SET k v EXAT 92233720368547758", "SET k v PXAT 9223372036854775807", "TTL k");
        sameWithin("PTTL k", 100);
    }
}
