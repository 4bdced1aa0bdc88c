package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Sorted sets against redis-server; their replies are ordered, so most compare exactly. */
class SortedSetCommandsCompatibilityTest extends CompatibilityTest {

    @Test
    void addScoreRankRemove() {
        sameAll("ZADD z 1 a 2 b 3 c", "ZADD z 1 a 5 d", "ZCARD z", "ZSCORE z a", "ZSCORE z zz", "ZSCORE nokey a",
                "ZMSCORE z a zz d", "ZMSCORE nokey a", "ZRANK z a", "ZRANK z d", "ZRANK z zz", "ZREVRANK z a",
                "ZREVRANK nokey a", "ZREM z a zz", "ZCARD z", "ZRANGE z 0 -1 WITHSCORES", "ZREM z b c d",
                "EXISTS z", "ZREM nokey a", "ZCARD nokey");
    }

    @Test
    void scoreFormattingAndParsing() {
        sameAll("ZADD z 0.1 a 1e20 b inf c -0 d 1.5 e 4503599627370497 f 0.30000000000000004 g -inf h",
                "ZADD z 1e-310 i 0x10 j +5 k .5 l 5. m 1E3 n -1.25e-7 o 123456789012345678 p 3.14159265358979 q",
                "ZRANGE z 0 -1 WITHSCORES", "ZSCORE z a", "ZSCORE z b", "ZSCORE z c", "ZSCORE z h",
                "ZADD z nan x", "ZADD z 1e400 x", "ZADD z 1e-400 x", "ZADD z \" 1\" x", "ZADD z \"1 \" x",
                "ZADD z abc x", "ZADD z \"\" x", "ZADD z 1e x", "ZADD z - x", "ZADD z infinity x", "ZSCORE z x",
                "ZINCRBY z 0.1 a", "ZINCRBY z 1 new", "ZINCRBY z x a", "ZINCRBY z -inf c", "ZINCRBY z inf h");
    }

    @Test
    void zaddOptions() {
        sameAll("ZADD z NX 1 a", "ZADD z NX 2 a 3 b", "ZADD z XX 5 a 7 c", "ZADD z XX CH 6 a 7 c",
                "ZADD z CH 6 a 8 b 9 d", "ZADD z GT 1 a", "ZADD z GT CH 10 a", "ZADD z LT CH 20 a 1 b",
                "ZADD z INCR 2 a", "ZADD z INCR NX 2 a", "ZADD z INCR XX 2 nope", "ZADD z INCR GT -1 a",
                "ZADD z XX INCR 1 a", "ZRANGE z 0 -1 WITHSCORES", "ZADD z NX XX 1 a", "ZADD z GT LT 1 a",
                "ZADD z NX GT 1 a", "ZADD z INCR 1 a 2 b", "ZADD z 1", "ZADD z NX", "ZADD z 1 a 2",
                "ZADD z NX x a", "ZADD missing XX 1 a", "EXISTS missing", "ZADD missing XX INCR 1 a",
                "ZADD inf 0 a", "ZINCRBY inf inf a", "ZINCRBY inf -inf a", "ZSCORE inf a",
                "SET str v", "ZADD str 1 a", "ZINCRBY str 1 a", "ZADD", "ZINCRBY z 1");
    }

    @Test
    void rangesByRankScoreAndLex() {
        sameAll("ZADD z 1 a 2 b 2 c 3 d 4 e 5 f", "ZRANGE z 0 -1", "ZRANGE z 1 3 WITHSCORES", "ZRANGE z -2 -1",
                "ZRANGE z 5 1", "ZRANGE z 10 20", "ZRANGE z -100 100", "ZRANGE z 0 -1 REV", "ZREVRANGE z 0 2",
                "ZREVRANGE z 0 -1 WITHSCORES", "ZRANGE z 1 4 BYSCORE", "ZRANGE z (1 (4 BYSCORE WITHSCORES",
                "ZRANGE z -inf +inf BYSCORE LIMIT 1 2", "ZRANGE z +inf -inf BYSCORE REV LIMIT 0 3",
                "ZRANGE z 4 1 BYSCORE REV WITHSCORES", "ZRANGEBYSCORE z 2 2", "ZRANGEBYSCORE z (2 5 LIMIT 1 -1",
                "ZRANGEBYSCORE z -inf inf LIMIT -1 2", "ZRANGEBYSCORE z -inf inf LIMIT 2 0",
                "ZREVRANGEBYSCORE z 5 (2 WITHSCORES", "ZREVRANGEBYSCORE z 2 5", "ZRANGEBYSCORE z 3 1",
                "ZRANGEBYSCORE z (2 2", "ZCOUNT z 2 4", "ZCOUNT z (2 (4", "ZCOUNT z -inf +inf", "ZCOUNT z 10 20",
                "ZCOUNT z 3 1", "ZCOUNT nokey 1 2", "ZRANGE nokey 0 -1", "ZRANGEBYSCORE nokey 1 2");
        sameAll("ZADD l 0 a 0 b 0 c 0 d 0 e 0 ee", "ZRANGE l - + BYLEX", "ZRANGE l [b (d BYLEX",
                "ZRANGE l + - BYLEX REV LIMIT 1 2", "ZRANGEBYLEX l (b [e", "ZRANGEBYLEX l [e +",
                "ZREVRANGEBYLEX l [d -", "ZRANGEBYLEX l - + LIMIT 2 3", "ZLEXCOUNT l - +", "ZLEXCOUNT l (a [c",
                "ZLEXCOUNT l [z +", "ZLEXCOUNT l + -", "ZRANGEBYLEX l [c [a", "ZLEXCOUNT nokey - +");
    }

    @Test
    void rangeErrors() {
        sameAll("ZADD z 1 a", "SET str v", "ZRANGE z 0 1 LIMIT 0 1", "ZRANGE z a b BYSCORE", "ZRANGE z a b BYLEX",
                "ZRANGE z [a [b BYLEX WITHSCORES", "ZRANGE z 0 1 FOO", "ZRANGE z x 1", "ZRANGE z 0 1 LIMIT 0",
                "ZRANGE z 0 1 BYSCORE LIMIT x 1", "ZRANGEBYSCORE z 0 1 REV", "ZRANGEBYSCORE z 0 1 BYLEX",
                "ZREVRANGE z 0 1 REV", "ZRANGEBYLEX z a b", "ZRANGEBYLEX z [a b", "ZRANGEBYLEX z \"\" +",
                "ZRANGE str 0 1", "ZRANGE str a b", "ZRANGEBYSCORE str 0 1", "ZCOUNT z a b", "ZCOUNT str 0 1",
                "ZLEXCOUNT z a b", "ZLEXCOUNT str - +", "ZRANGE z", "ZRANGE z 0", "ZCOUNT z 1",
                "ZRANGEBYSCORE z nan 1", "ZRANGEBYSCORE z (nan 1", "ZRANGEBYSCORE z 1e400 inf",
                "ZREVRANGE z 0 1 LIMIT 0 1", "ZRANGE z 0 1 LIMIT 0 -1", "ZRANGESTORE d z 0 1 WITHSCORES");
    }

    @Test
    void rangeStoreAndRemoveRanges() {
        sameAll("ZADD z 1 a 2 b 3 c 4 d 5 e", "ZRANGESTORE d z 1 3", "ZRANGE d 0 -1 WITHSCORES",
                "ZRANGESTORE d z (1 4 BYSCORE LIMIT 1 5", "ZRANGE d 0 -1 WITHSCORES", "ZRANGESTORE d z 10 20",
                "EXISTS d", "ZRANGESTORE d nokey 0 -1", "SET d v", "ZRANGESTORE d z [a [c BYLEX REV", "TYPE d",
                "ZREMRANGEBYRANK z 0 0", "ZREMRANGEBYSCORE z (2 4", "ZRANGE z 0 -1 WITHSCORES",
                "ZREMRANGEBYLEX z - (b", "ZREMRANGEBYRANK z x 1", "ZREMRANGEBYSCORE z a 1", "ZREMRANGEBYLEX z a b",
                "ZREMRANGEBYRANK nokey 0 1", "ZREMRANGEBYRANK z 0 -1", "EXISTS z", "SET str v",
                "ZREMRANGEBYRANK str 0 1", "ZREMRANGEBYSCORE str 0 1");
    }

    @Test
    void popsAndRandomMembers() {
        sameAll("ZADD z 1 a 2 b 3 c 4 d", "ZPOPMIN z", "ZPOPMAX z", "ZPOPMIN z 0", "ZPOPMIN z 1", "ZPOPMAX z 5",
                "EXISTS z", "ZPOPMIN nokey", "ZPOPMIN nokey 2", "ZPOPMIN z -1", "ZPOPMIN z x", "ZPOPMIN z 1 2",
                "SET str v", "ZPOPMIN str", "ZPOPMAX str 0", "ZRANDMEMBER nokey", "ZRANDMEMBER nokey 3",
                "ZRANDMEMBER str", "ZRANDMEMBER str 1", "ZADD one 7 a", "ZRANDMEMBER one", "ZRANDMEMBER one 0",
                "ZRANDMEMBER one 1 WITHSCORES", "ZRANDMEMBER one -2 WITHSCORES", "ZRANDMEMBER one 3",
                "ZRANDMEMBER one 1 FOO", "ZRANDMEMBER one x", "ZRANDMEMBER one 1 WITHSCORES x",
                "ZRANDMEMBER one -9223372036854775808", "ZRANDMEMBER one 9223372036854775807 WITHSCORES");
        for (RespClient client : List.of(reference, subject)) {
            for (int i = 0; i < 20; i++) {
                client.call("ZADD", "r", String.valueOf(i), "m" + i);
            }
            Reply five = client.call("ZRANDMEMBER", "r", "5", "WITHSCORES");
            assertEquals(10, five.elements().size());
            Map<String, String> picked = new TreeMap<>();
            for (int i = 0; i < 10; i += 2) {
                picked.put(five.element(i).text(), five.element(i + 1).text());
            }
            assertEquals(5, picked.size(), "distinct " + five);
            picked.forEach((m, s) -> assertEquals("m" + s, m));
            assertEquals(20, client.call("ZRANDMEMBER", "r", "100").elements().size());
            Reply repeated = client.call("ZRANDMEMBER", "r", "-30");
            assertEquals(30, repeated.elements().size());
            assertTrue(new HashSet<>(repeated.elements()).size() <= 20);
            assertTrue(client.call("ZRANDMEMBER", "r").text().startsWith("m"));
        }
    }

    @Test
    void unionInterDiff() {
        sameAll("ZADD a 1 x 2 y 3 z", "ZADD b 10 y 20 z 30 w", "SADD s x w q", "ZUNION 2 a b WITHSCORES",
                "ZUNION 2 a b WEIGHTS 2 0.5 WITHSCORES", "ZUNION 3 a b s AGGREGATE MAX WITHSCORES",
                "ZUNION 2 a b AGGREGATE MIN", "ZINTER 2 a b WITHSCORES", "ZINTER 2 a b AGGREGATE MAX WITHSCORES",
                "ZINTER 3 a b s", "ZINTER 2 a s WITHSCORES", "ZINTER 2 a nokey", "ZDIFF 2 a b WITHSCORES",
                "ZDIFF 3 b a s", "ZDIFF 1 nokey", "ZUNIONSTORE d 2 a b WEIGHTS 1 -1", "ZRANGE d 0 -1 WITHSCORES",
                "ZINTERSTORE d 2 a b AGGREGATE MIN", "ZRANGE d 0 -1 WITHSCORES", "ZDIFFSTORE d 2 a b",
                "ZRANGE d 0 -1 WITHSCORES", "ZINTERSTORE d 2 a nokey", "EXISTS d", "ZADD i inf x",
                "ZUNION 2 i a WEIGHTS 0 1 WITHSCORES", "ZADD ni -inf x", "ZUNION 2 i ni WITHSCORES",
                "ZUNIONSTORE a 2 a b", "ZRANGE a 0 -1 WITHSCORES", "ZADD p 0.1 m", "ZADD q 0.2 m 1 n",
                "ZADD r 0.3 m 1 n 2 o", "ZUNION 3 r q p WITHSCORES", "ZUNION 3 p q r WITHSCORES",
                "ZINTER 3 r p q WEIGHTS 3 0.7 1.1 WITHSCORES");
    }

    @Test
    void algebraErrors() {
        sameAll("ZADD a 1 x", "SET str v", "ZUNION 0 a", "ZUNION -1 a", "ZUNION x a", "ZUNION 3 a",
                "ZUNIONSTORE d 0 a", "ZINTERSTORE d 0 a", "ZDIFFSTORE d 0 a", "ZDIFF 0 a", "ZUNION 2 a str",
                "ZUNION 1 a WEIGHTS", "ZUNION 1 a WEIGHTS x", "ZUNION 1 a AGGREGATE FOO", "ZUNION 1 a FOO",
                "ZDIFF 1 a WEIGHTS 1", "ZDIFF 1 a AGGREGATE SUM", "ZUNIONSTORE d 1 a WITHSCORES",
                "ZUNION 1 a AGGREGATE", "ZUNIONSTORE d", "ZUNION 1");
    }

    @Test
    void zscanAndLargeSets() {
        for (int i = 0; i < 300; i++) {
            same("ZADD big " + (i % 17) + " member" + i);
        }
        sameAll("ZADD small 1 a 2 b 1.5 c", "ZSCAN small 0", "ZSCAN small 0 MATCH a*", "ZSCAN nokey 0",
                "ZSCAN small x", "ZSCAN small 0 COUNT 0", "ZRANGE big 100 120 WITHSCORES", "ZRANK big member77",
                "ZREVRANK big member77", "ZCOUNT big 3 (9", "ZRANGEBYSCORE big 16 +inf LIMIT 3 4",
                "ZREVRANGE big 0 5 WITHSCORES", "ZREMRANGEBYRANK big 10 40", "ZRANGE big 5 15 WITHSCORES",
                "ZREMRANGEBYSCORE big 5 6", "ZCARD big", "ZRANK big member299", "ZPOPMAX big 3");
        for (String options : List.of("", "COUNT 7", "MATCH member1*")) {
            assertEquals(zscanAll(reference, "big", options), zscanAll(subject, "big", options), options);
        }
    }

    static Map<String, String> zscanAll(RespClient client, String key, String options) {
        Map<String, String> members = new TreeMap<>();
        String cursor = "0";
        do {
            List<String> args = new java.util.ArrayList<>(List.of("ZSCAN", key, cursor));
            if (!options.isBlank()) {
                args.addAll(List.of(words(options)));
            }
            Reply page = client.call(args.toArray(String[]::new));
            cursor = page.element(0).text();
            List<Reply> items = page.element(1).elements();
            for (int i = 0; i < items.size(); i += 2) {
                members.put(items.get(i).text(), items.get(i + 1).text());
            }
        } while (!cursor.equals("0"));
        return members;
    }

    @Test
    void commandInfoMatchesRedis() {
        for (String name : List.of("zrangestore", "zunion", "zinter", "zdiff", "zunionstore", "zinterstore",
                "zdiffstore", "zintercard", "zmpop", "bzmpop", "zadd", "zincrby", "zrem", "zcard", "zscore", "zmscore", "zrank", "zrevrank",
                "zscan", "zrange", "zrevrange", "zrangebyscore", "zrevrangebyscore", "zrangebylex", "zrevrangebylex",
                "zcount", "zlexcount", "zremrangebyrank", "zremrangebyscore", "zremrangebylex", "zpopmin", "zpopmax",
                "zrandmember")) {
            same("COMMAND INFO " + name);
        }
    }

    @Test
    void resp3DoublesAndPairs() {
        sameHello("HELLO 3");
        sameAll("ZADD z 1.5 a 2 b inf c", "ZSCORE z a", "ZSCORE z c", "ZSCORE z nope", "ZINCRBY z 1 a",
                "ZADD z INCR 1 b", "ZADD z XX INCR 1 nope", "ZMSCORE z a nope", "ZRANGE z 0 -1 WITHSCORES",
                "ZRANGE z 0 -1", "ZRANGEBYSCORE z -inf +inf WITHSCORES", "ZUNION 1 z WITHSCORES",
                "ZADD one 4 x", "ZRANDMEMBER one 1 WITHSCORES", "ZRANDMEMBER one -2 WITHSCORES", "ZRANK z a", "ZSCAN z 0", "ZPOPMIN z", "ZPOPMAX z 1",
                "ZPOPMIN z 5", "ZPOPMIN nokey", "ZRANGE nokey 0 -1");
    }
}
