package io.bidtrack.engine.compat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ListCommandsCompatibilityTest extends CompatibilityTest {

    @Test
    void pushAndRange() {
        sameAll("LPUSH l a b c", "RPUSH l d e", "LRANGE l 0 -1", "LLEN l", "TYPE l", "LRANGE l 1 2",
                "LRANGE l -2 -1", "LRANGE l -100 100", "LRANGE l 3 1", "LRANGE l 5 10", "LRANGE l -1 -2",
                "LRANGE l 0 0", "LRANGE nokey 0 -1", "LLEN nokey", "LRANGE l x 1", "LRANGE l 0 y",
                "LPUSHX l x", "RPUSHX l y z", "LPUSHX nokey a", "RPUSHX nokey a", "EXISTS nokey",
                "LRANGE l 0 -1", "RPUSH e \"\"", "LRANGE e 0 -1");
    }

    @Test
    void popsWithAndWithoutCount() {
        sameAll("RPUSH l a b c d e", "LPOP l", "RPOP l", "LPOP l 0", "LPOP l 2", "RPOP l 5", "EXISTS l",
                "LPOP l", "RPOP l", "LPOP l 2", "RPOP l 0", "RPUSH l a b", "LPOP l -1", "LPOP l x",
                "RPOP l 1 2", "RPOP l 10", "EXISTS l", "RPUSH l a b c", "RPOP l 2", "LPOP l 1");
    }

    @Test
    void indexAndSet() {
        sameAll("RPUSH l a b c", "LINDEX l 0", "LINDEX l -1", "LINDEX l 3", "LINDEX l -4", "LINDEX l x",
                "LINDEX nokey 0", "LINDEX nokey x", "LSET l 1 B", "LSET l -1 C", "LSET l 3 x", "LSET l -4 x",
                "LSET nokey 0 x", "LSET l x y", "LSET nokey x y", "LRANGE l 0 -1");
    }

    @Test
    void insertRemoveTrim() {
        sameAll("RPUSH l a b a c a", "LINSERT l BEFORE a x", "LINSERT l after a y", "LINSERT l before zz q",
                "LINSERT l middle a q", "LINSERT nokey before a b", "LRANGE l 0 -1", "LREM l 1 a",
                "LRANGE l 0 -1", "LREM l -1 a", "LRANGE l 0 -1", "RPUSH l a a a", "LREM l 0 a", "LRANGE l 0 -1",
                "LREM l x a", "LREM nokey 0 a", "LREM l 0 nothere", "RPUSH t 0 1 2 3 4 5 6 7 8 9",
                "LTRIM t 1 -2", "LRANGE t 0 -1", "LTRIM t -3 100", "LRANGE t 0 -1", "LTRIM t 0 0",
                "LRANGE t 0 -1", "LTRIM t 5 1", "EXISTS t", "LTRIM nokey 0 1", "LTRIM t x 1", "RPUSH r a b",
                "LREM r 0 a", "LREM r 0 b", "EXISTS r");
    }

    @Test
    void lposOptions() {
        sameAll("RPUSH l a b c 1 2 3 c c", "LPOS l c", "LPOS l c RANK 2", "LPOS l c RANK -1", "LPOS l c RANK -3",
                "LPOS l c RANK 4", "LPOS l c COUNT 2", "LPOS l c COUNT 0", "LPOS l c COUNT 0 RANK -2",
                "LPOS l c COUNT 0 MAXLEN 7", "LPOS l c MAXLEN 2", "LPOS l c RANK -1 MAXLEN 1", "LPOS l zz",
                "LPOS l zz COUNT 1", "LPOS nokey a", "LPOS nokey a COUNT 2", "LPOS l c RANK 0",
                "LPOS l c COUNT -1", "LPOS l c MAXLEN -1", "LPOS l c RANK x", "LPOS l c COUNT x",
                "LPOS l c RANK", "LPOS l c FOO 1", "LPOS l c RANK -9223372036854775808", "LPOS l c rank 1 count 1");
    }

    @Test
    void moves() {
        sameAll("RPUSH s a b c", "LMOVE s d LEFT RIGHT", "LMOVE s d RIGHT LEFT", "LRANGE s 0 -1", "LRANGE d 0 -1",
                "LMOVE s s LEFT RIGHT", "LRANGE s 0 -1", "LMOVE s d UP LEFT", "LMOVE nokey d LEFT LEFT",
                "RPOPLPUSH d s", "LRANGE s 0 -1", "RPOPLPUSH nokey s", "LMOVE s d LEFT LEFT", "EXISTS s",
                "RPUSH one x", "RPOPLPUSH one one", "LRANGE one 0 -1");
    }

    @Test
    void lmpop() {
        sameAll("RPUSH b 1 2 3 4", "LMPOP 2 a b LEFT", "LMPOP 2 a b RIGHT COUNT 2", "LMPOP 1 b left count 10",
                "EXISTS b", "LMPOP 2 a b LEFT", "LMPOP 0 a LEFT", "LMPOP x a LEFT", "LMPOP 3 a b LEFT",
                "LMPOP 1 a UP", "LMPOP 1 a LEFT COUNT 0", "LMPOP 1 a LEFT COUNT x", "LMPOP 1 a LEFT COUNT 1 COUNT 1",
                "LMPOP 1 a LEFT FOO", "LMPOP -1 a LEFT", "LMPOP 1 a", "LMPOP 9223372036854775807 a LEFT",
                "LMPOP 9223372036854775806 a LEFT", "BLMPOP 0 9223372036854775807 a LEFT", "LMPOP 2 a LEFT");
    }

    @Test
    void wrongType() {
        sameAll("SET s v", "LPUSH s a", "RPUSH s a", "LPUSHX s a", "RPUSHX s a", "LPOP s", "RPOP s 2", "LLEN s",
                "LRANGE s 0 -1", "LINDEX s 0", "LSET s 0 a", "LINSERT s BEFORE a b", "LREM s 0 a", "LTRIM s 0 1",
                "LPOS s a", "LMOVE s d LEFT LEFT", "RPUSH l a", "LMOVE l s LEFT LEFT", "LRANGE l 0 -1",
                "RPOPLPUSH s l", "LMPOP 2 nokey s LEFT", "LMPOP 2 l s LEFT", "BLPOP s 1", "BLPOP nokey s 1",
                "BLMOVE s l LEFT LEFT 1", "BLMPOP 1 1 s LEFT", "HSET h f v", "BRPOP h 0", "GET l");
    }

    @Test
    void arityAndSyntaxErrors() {
        sameAll("LPUSH l", "RPUSH", "LPOP", "LLEN", "LLEN a b", "LRANGE l 0", "LINDEX l", "LSET l 0",
                "LINSERT l before a", "LREM l 0", "LTRIM l 0", "LPOS l", "LMOVE a b LEFT", "RPOPLPUSH a",
                "LMPOP 1 a", "BLPOP l", "BRPOP", "BLMOVE a b LEFT RIGHT", "BRPOPLPUSH a b", "BLMPOP 0 1 a");
    }

    @Test
    void blockingCommandsWithDataReplyAtOnce() {
        sameAll("RPUSH a 1 2 3 4 5", "BLPOP nokey a 0", "BRPOP nokey a 0", "BLMOVE a d RIGHT LEFT 0", "LRANGE d 0 -1",
                "BRPOPLPUSH a d 0", "EXISTS a", "RPUSH a x y", "BLMPOP 0 2 nokey a RIGHT COUNT 5", "EXISTS a");
    }

    @Test
    void timeoutArguments() {
        sameAll("BLPOP l -1", "BLPOP l x", "BLPOP l 1x", "BLPOP l \" 1\"", "BLPOP l \"\"", "BLPOP l 1e40",
                "BLMOVE a b LEFT LEFT -1", "BLMOVE a b UP LEFT x", "BRPOPLPUSH a b nan",
                "BLMPOP -1 1 a LEFT", "BLMPOP x 0 a LEFT", "BLMPOP 0.01 0 a LEFT");
    }

    @Test
    void shortTimeoutsReplyNull() {
        sameAll("BLPOP l 0.01", "BRPOP l m 0.01", "BLMOVE l d LEFT LEFT 0.01", "BRPOPLPUSH l d 0.01",
                "BLMPOP 0.01 2 l m LEFT", "RPUSH x 1", "LRANGE x 0 -1");
    }

    @Test
    void resp3Shapes() {
        sameHello("HELLO 3");
        sameAll("LPOP nokey", "LPOP nokey 2", "LMPOP 1 nokey LEFT", "LPOS nokey a", "LINDEX nokey 0",
                "RPUSH l a b c", "LMPOP 1 l RIGHT COUNT 2", "BLPOP l 0", "BLPOP l 0.01", "BLMPOP 0.01 1 l LEFT",
                "BLMOVE l d LEFT LEFT 0.01", "LMOVE nokey d LEFT LEFT", "LPOS l zz");
    }

    @Test
    void commandInfoMatchesRedis() {
        for (String name : new String[] {"lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "llen", "lrange",
                "lindex", "lset", "linsert", "lrem", "ltrim", "lpos", "blpop", "brpop"}) {
            same("COMMAND INFO " + name);
        }
    }

    @Test
    void listsShrinkAndGrowAgain() {
        StringBuilder push = new StringBuilder("RPUSH q");
        for (int i = 0; i < 1000; i++) {
            push.append(' ').append(i);
        }
        sameAll(push.toString(), "LPOP q 990", "LRANGE q 0 -1", push.toString(), "RPOP q 995", "LPUSH q x y",
                "LRANGE q 0 -1", "LREM q 0 5", "LTRIM q 1 -1", "LRANGE q 0 -1", "LLEN q");
    }

    /** Random operations on a few small lists; any divergence in a reply or the contents fails. */
    @Test
    void randomOperationsAgree() {
        Random random = new Random(42);
        String[] commands = {"LPUSH", "RPUSH", "LPOP", "RPOP", "LINSERT", "LREM", "LTRIM", "LSET", "LMOVE",
            "LPOS", "LMPOP", "LINDEX", "LRANGE"};
        for (int n = 0; n < 1500; n++) {
            String key = "k" + random.nextInt(3);
            String other = "k" + random.nextInt(3);
            String value = "v" + random.nextInt(6);
            String side = random.nextBoolean() ? "LEFT" : "RIGHT";
            int a = random.nextInt(14) - 7;
            int b = random.nextInt(14) - 7;
            String command = switch (commands[random.nextInt(commands.length)]) {
                case "LPUSH" -> "LPUSH " + key + " " + value + " v" + random.nextInt(6);
                case "RPUSH" -> "RPUSH " + key + " " + value;
                case "LPOP" -> "LPOP " + key + (random.nextBoolean() ? "" : " " + random.nextInt(4));
                case "RPOP" -> "RPOP " + key + (random.nextBoolean() ? "" : " " + random.nextInt(4));
                case "LINSERT" -> "LINSERT " + key + (random.nextBoolean() ? " BEFORE " : " AFTER ") + value + " n";
                case "LREM" -> "LREM " + key + " " + a + " " + value;
                case "LTRIM" -> "LTRIM " + key + " " + a + " " + b;
                case "LSET" -> "LSET " + key + " " + a + " s";
                case "LMOVE" -> "LMOVE " + key + " " + other + " " + side + (random.nextBoolean() ? " LEFT" : " RIGHT");
                case "LPOS" -> "LPOS " + key + " " + value + " RANK " + (a == 0 ? 1 : a) + " COUNT " + random.nextInt(3);
                case "LMPOP" -> "LMPOP 2 " + key + " " + other + " " + side + " COUNT " + (1 + random.nextInt(3));
                case "LINDEX" -> "LINDEX " + key + " " + a;
                default -> "LRANGE " + key + " " + a + " " + b;
            };
            same(command);
        }
        sameAll("LRANGE k0 0 -1", "LRANGE k1 0 -1", "LRANGE k2 0 -1");
    }

    @Test
    void extremeIndexesAndCounts() {
        String min = "-9223372036854775808";
        String max = "9223372036854775807";
        sameAll("RPUSH l a b c a", "LRANGE l " + min + " " + max, "LRANGE l " + max + " " + min, "LINDEX l " + min,
                "LINDEX l " + max, "LSET l " + min + " x", "LREM l " + min + " a", "LRANGE l 0 -1", "LPOP l " + max,
                "RPUSH l a b c", "LPOS l a MAXLEN " + max + " COUNT " + max, "LPOS l a RANK " + max,
                "LRANGE l 0 9223372036854775808", "LTRIM l " + min + " " + max, "LRANGE l 0 -1",
                "LMPOP 1 l LEFT COUNT " + max, "EXISTS l");
    }

    @Test
    void binarySafeElements() {
        byte[] odd = {0, '\r', '\n', (byte) 0xff, ' '};
        sameBytes(bytes("RPUSH"), bytes("b"), odd, bytes(""), odd);
        sameBytes(bytes("LRANGE"), bytes("b"), bytes("0"), bytes("-1"));
        sameBytes(bytes("LPOS"), bytes("b"), odd, bytes("COUNT"), bytes("0"));
        sameBytes(bytes("LREM"), bytes("b"), bytes("1"), odd);
        sameBytes(bytes("LINSERT"), bytes("b"), bytes("BEFORE"), bytes(""), odd);
        sameBytes(bytes("LRANGE"), bytes("b"), bytes("0"), bytes("-1"));
    }

    @Test
    void largeListsKeepOrder() {
        StringBuilder left = new StringBuilder("LPUSH big");
        StringBuilder right = new StringBuilder("RPUSH big");
        for (int i = 0; i < 300; i++) {
            left.append(" l").append(i);
            right.append(" r").append(i);
        }
        sameAll(left.toString(), right.toString(), "LRANGE big 0 -1", "LINDEX big 150", "LINDEX big -150",
                "LINSERT big BEFORE r10 x", "LINSERT big AFTER l5 y", "LREM big -2 r1", "LPOP big 7",
                "RPOP big 9", "LTRIM big 20 -20", "LRANGE big 0 -1", "LLEN big", "LPOS big r100");
    }
}
