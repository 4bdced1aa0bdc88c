package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ACL users, rules and permission checks, against redis-server: ACL SETUSER/GETUSER/LIST/DELUSER/
 * USERS/WHOAMI/CAT/GENPASS/LOG/DRYRUN, NOPERM for commands, keys and channels, selectors, and
 * what happens to clients of changed or deleted users.
 *
 * <p>Every test leaves both servers as it found them: an admin user created before each test
 * resets the default user, deletes the others and empties the ACL LOG afterwards.
 */
class AclCompatibilityTest extends CompatibilityTest {
    private static final String ADMIN = "acl-test-admin";
    private static final String ADMIN_PASSWORD = "admin-pass";

    @BeforeEach
    void createAdmin() {
        same("ACL SETUSER " + ADMIN + " on >" + ADMIN_PASSWORD + " ~* &* +@all");
    }

    @AfterEach
    void resetAcl() {
        resetAcl(redis.port());
        resetAcl(engine.port());
    }

    /** Undoes whatever a test did to users, passwords and the log, from a fresh connection. */
    static void resetAcl(int port) {
        try (RespClient admin = RespClient.connect(port)) {
            assertEquals("OK", admin.call("AUTH", ADMIN, ADMIN_PASSWORD).text());
            admin.call("ACL", "SETUSER", "default", "reset", "on", "nopass", "~*", "&*", "+@all");
            admin.call("CONFIG", "SET", "requirepass", "");
            admin.call("CONFIG", "SET", "acllog-max-len", "128");
            for (Reply user : admin.call("ACL", "USERS").elements()) {
                if (!user.text().equals("default") && !user.text().equals(ADMIN)) {
                    admin.call("ACL", "DELUSER", user.text());
                }
            }
            admin.call("ACL", "LOG", "RESET");
            admin.call("ACL", "DELUSER", ADMIN);
        }
    }

    /** Runs the command on both servers through the given connections and compares the replies. */
    static Reply same(RespClient ref, RespClient sub, String command) {
        Reply expected = ref.call(words(command));
        Reply actual = sub.call(words(command));
        assertEquals(expected, actual, () -> "reply to " + command);
        return actual;
    }

    /** A pair of fresh connections: [0] to redis-server, [1] to the engine. */
    static RespClient[] connectPair() {
        return new RespClient[] {RespClient.connect(redis.port()), RespClient.connect(engine.port())};
    }

    @Test
    void setUserErrorsMatchRedis() {
        sameAll("ACL SETUSER", "ACL SETUSER x foo", "ACL SETUSER x +nosuch", "ACL SETUSER x +@nosuch",
                "ACL SETUSER x -@nosuch", "ACL SETUSER x ~* ~a", "ACL SETUSER x allkeys %R~a",
                "ACL SETUSER x &* &a", "ACL SETUSER x allchannels &a", "ACL SETUSER x <nopw",
                "ACL SETUSER x #abc", "ACL SETUSER x !abc", "ACL SETUSER x +client|list|x", "ACL SETUSER x +select|",
                "ACL SETUSER \"a b\"", "ACL SETUSER x (+get", "ACL SETUSER x on \"(+get\" ~a",
                "ACL SETUSER x %X~a", "ACL SETUSER x %RR~a", "ACL SETUSER x %~a", "ACL SETUSER x \"~a b\"",
                "ACL SETUSER x \"&a b\"", "ACL SETUSER x -client|nosuch", "ACL SETUSER x +client|nosuch",
                "ACL SETUSER x -select|0", "ACL SETUSER x + ", "ACL SETUSER x (on)", "ACL SETUSER x \"(+get foo)\"",
                "ACL SETUSER x #" + "A".repeat(64), "ACL SETUSER x !" + "a".repeat(64),
                "ACL USERS");
        // A failing rule changes nothing, not even the rules before it.
        sameAll("ACL SETUSER y on +get", "ACL SETUSER y off +set +nosuch", "ACL GETUSER y", "ACL GETUSER x",
                "ACL USERS");
    }

    @Test
    void getUserShowsRedis7Layout() {
        sameAll("ACL GETUSER default", "ACL GETUSER nosuch", "ACL GETUSER", "ACL GETUSER a b",
                "ACL SETUSER fresh", "ACL GETUSER fresh",
                "ACL SETUSER u on >pw1 >pw2 <pw1 #" + "0123456789abcdef".repeat(4) + " ~foo* %R~r* %W~w* %RW~rw*"
                        + " &ch* &news +get",
                "ACL GETUSER u", "ACL SETUSER u resetpass nopass allkeys allchannels", "ACL GETUSER u",
                "ACL SETUSER u !" + "0123456789abcdef".repeat(4), "ACL SETUSER u reset", "ACL GETUSER u",
                "ACL SETUSER u %R~a %W~a %R~b skip-sanitize-payload", "ACL GETUSER u",
                "ACL SETUSER u sanitize-payload %R", "ACL GETUSER u",
                "ACL SETUSER v on nopass -@all +client|id", "ACL GETUSER v",
                "ACL SETUSER v -@all +select|0 +select|1 +select|0", "ACL GETUSER v",
                "ACL LIST", "ACL USERS");
        sameHello("HELLO 3");
        sameAll("ACL GETUSER default", "ACL GETUSER u", "ACL GETUSER nosuch");
    }

    @Test
    void commandRulesAreDescribedByCategoriesLikeRedis() {
        for (String rules : List.of("+@all", "-@all", "+@all -@dangerous", "-@all +@read", "-@all +@hash",
                "-@all +@pubsub", "+@all -@write", "-@all +@connection", "+@all -@admin", "-@all +@set -smembers",
                "+@all -get", "-@all +@list +@hash", "allcommands -@slow", "nocommands +@transaction",
                "+@all -@keyspace", "-@all +@stream")) {
            sameAll("ACL SETUSER c reset " + rules, "ACL GETUSER c");
        }
        sameAll("ACL LIST");
    }

    @Test
    void singleCommandRulesMatchRedisAsSets() {
        // Redis lists single-command rules in its hash table's (random) order: compare them as sets.
        sameAll("ACL SETUSER s on nopass -@all +get +set +hget +lpush -@all +ping +echo +client|list +config");
        assertEquals(ruleSet(reference.call("ACL", "GETUSER", "s")), ruleSet(subject.call("ACL", "GETUSER", "s")));
        sameAll("ACL SETUSER s -@all +client|id +config|get +select|0 +select|1");
        assertEquals(ruleSet(reference.call("ACL", "GETUSER", "s")), ruleSet(subject.call("ACL", "GETUSER", "s")));
        sameAll("ACL SETUSER s +@all -flushall -flushdb -client|kill");
        assertEquals(ruleSet(reference.call("ACL", "GETUSER", "s")), ruleSet(subject.call("ACL", "GETUSER", "s")));
    }

    private static Set<String> ruleSet(Reply getUser) {
        String commands = getUser.element(5).text();
        return new TreeSet<>(Arrays.asList(commands.split(" ")));
    }

    @Test
    void permissionsAreEnforcedLikeRedis() {
        sameAll("SET k1 v", "SET r1 v", "SET w1 v", "SET other v",
                "ACL SETUSER w on >pw +@all -flushall ~k* %R~r* %W~w* &ch",
                "AUTH w wrong", "AUTH w pw", "ACL WHOAMI",
                "GET k1", "GET other", "SET r1 v", "GET r1", "SET w1 v", "SET w1 v GET", "SET k1 v GET", "GET w1", "DEL w1", "EXISTS w1 zz",
                "EXISTS k1 r1 w1", "TYPE r1", "STRLEN w1", "LMOVE k1 r1 LEFT RIGHT", "LMOVE k1 w1 LEFT RIGHT",
                "RENAME k1 r2", "COPY r1 w2", "COPY r1 k9", "MSET k2 1 w2 2", "MSET k2 1 r2 2", "MGET k1 r1",
                "APPEND w3 x", "INCR r1", "SINTERSTORE w5 r1 k1", "SINTERSTORE r5 k1", "SUNION r1 w1",
                "FLUSHALL", "SELECT 0", "PING", "ECHO x", "DBSIZE");
        sameAll("ZUNIONSTORE w9 2 r1 k1", "ZUNIONSTORE r9 1 k1", "ZUNION 2 r1 w1", "ZUNION 2 r1 k1", "ZUNION x r1",
                "LMPOP 2 k1 r1 LEFT", "LMPOP 1 k1 LEFT", "BLMPOP 0.01 1 w1 LEFT", "SINTERCARD 2 k1 w1",
                "XREAD STREAMS k1 w1 0 0", "XREAD COUNT 1 STREAMS r1 0", "XADD w8 1-1 f v", "XADD r8 1-1 f v",
                "XRANGE w8 - +", "XLEN w8");
        sameAll("PUBLISH ch x", "PUBLISH c2 x", "SUBSCRIBE c2", "PSUBSCRIBE ch*", "PSUBSCRIBE ch",
                "PUNSUBSCRIBE", "UNSUBSCRIBE", "PUBSUB CHANNELS");
        sameAll("AUTH default x", "ACL WHOAMI");
    }

    @Test
    void commandAndFirstArgumentRulesMatchRedis() {
        sameAll("ACL SETUSER f on nopass allkeys allchannels -@all +select|0 +client|id +config|get +get +ping",
                "AUTH f x", "SELECT 0", "SELECT 1", "select 0", "CLIENT GETNAME", "CONFIG GET hz",
                "CONFIG SET hz 10", "GET k", "SET k v", "PING");
        sameHello("HELLO 2 AUTH f x");
        same("QUIT");
        reference = RespClient.connect(redis.port());
        subject = RespClient.connect(engine.port());
        sameAll("ACL SETUSER g on nopass allkeys allchannels +@all -@keyspace -client|kill", "AUTH g x",
                "DEL k", "EXPIRE k 1", "GET k", "CLIENT KILL ID 1", "ACL SETUSER g -@all", "PING",
                "ACL WHOAMI", "RESET", "ACL WHOAMI");
    }

    @Test
    void selectorsGrantAlternativePermissions() {
        sameAll("ACL SETUSER sel on nopass -@all +get ~a* \"(+set ~b*)\" (+hset ~c* &x) clearselectors "
                        + "(+set ~b*) \"(+hset ~c*\" &x)",
                "ACL GETUSER sel", "ACL LIST", "AUTH sel x",
                "GET a1", "GET b1", "SET b1 v", "SET a1 v", "HSET c1 f v", "HSET b1 f v", "PUBLISH x m",
                "MSET b1 1", "ACL DRYRUN sel hset c1 f v", "ACL DRYRUN sel get c1");
        same("AUTH " + ADMIN + " " + ADMIN_PASSWORD);
        assertEquals(withoutTimes(reference.call("ACL", "LOG", "3")), withoutTimes(subject.call("ACL", "LOG", "3")));
    }

    @Test
    void transactionsCheckWhenQueuedAndAgainAtExec() {
        sameAll("ACL SETUSER m on >p +@all -get ~j* ~k* &*", "AUTH m p", "MULTI", "GET k", "SET zz 1", "SET k 1",
                "EXEC", "GET k");
        RespClient[] admin = connectPair();
        try {
            same(admin[0], admin[1], "AUTH " + ADMIN + " " + ADMIN_PASSWORD);
            sameAll("MULTI", "SET k 2", "PUBLISH x y", "SET j 1", "PING");
            same(admin[0], admin[1], "ACL SETUSER m -set resetchannels resetkeys ~j*");
            sameAll("EXEC");
            Reply ours = admin[1].call("ACL", "LOG", "2");
            assertEquals(withoutTimes(admin[0].call("ACL", "LOG", "2")), withoutTimes(ours));
            assertEquals(2, ours.elements().size());
        } finally {
            Arrays.stream(admin).forEach(RespClient::close);
        }
    }

    @Test
    void aclLogRecordsDenialsLikeRedis() {
        sameAll("ACL LOG", "ACL LOG -1", "ACL LOG abc", "ACL LOG 1 2", "ACL LOG RESET x", "ACL LOG reset",
                "ACL SETUSER lg on >p -@all +get ~k* resetchannels &c", "AUTH lg bad", "AUTH lg bad",
                "AUTH nosuch bad", "HELLO 2 AUTH lg bad", "auth lg bad", "AUTH lg p", "SET k v", "SET k v",
                "GET other", "GET k", "PUBLISH c x");
        sameAll("AUTH " + ADMIN + " " + ADMIN_PASSWORD);
        Reply expected = reference.call("ACL", "LOG");
        Reply actual = subject.call("ACL", "LOG");
        assertEquals(withoutTimes(expected), withoutTimes(actual));
        assertEquals(withoutTimes(reference.call("ACL", "LOG", "2")), withoutTimes(subject.call("ACL", "LOG", "2")));
        String info = actual.element(0).element(13).text();
        assertTrue(info.startsWith("id=") && info.contains(" cmd=publish ") && info.contains(" user=lg "), info);
        sameHello("HELLO 3");
        assertEquals(withoutTimes(reference.call("ACL", "LOG", "1")), withoutTimes(subject.call("ACL", "LOG", "1")));
        sameHello("HELLO 2");
        sameAll("CONFIG SET acllog-max-len 2", "CONFIG GET acllog-max-len", "CONFIG SET acllog-max-len -1",
                "AUTH a b", "AUTH c d", "AUTH e f");
        assertEquals(withoutTimes(reference.call("ACL", "LOG")), withoutTimes(subject.call("ACL", "LOG")));
        sameAll("ACL LOG RESET", "ACL LOG");
    }

    /** ACL LOG with each entry's age and client-info replaced (they differ by nature), checked for type. */
    private static Reply withoutTimes(Reply log) {
        List<Reply> entries = new ArrayList<>();
        for (Reply entry : log.elements()) {
            List<Reply> fields = new ArrayList<>(entry.elements());
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String name = fields.get(i).text();
                if (name.equals("age-seconds") || name.equals("client-info")) {
                    Reply value = fields.get(i + 1);
                    assertTrue(value.type() == '$' || value.type() == ',', value::toString);
                    if (name.equals("age-seconds")) {
                        assertTrue(Double.parseDouble(value.text()) < 60, value::toString);
                    }
                    fields.set(i + 1, new Reply(value.type(), "<" + name + ">", null));
                }
            }
            entries.add(new Reply(entry.type(), null, fields));
        }
        return new Reply(log.type(), null, entries);
    }

    @Test
    void dryRunMatchesRedis() {
        sameAll("ACL SETUSER d on nopass -@all +get +publish +client|list ~k* &c",
                "ACL DRYRUN d get k", "ACL DRYRUN d get x", "ACL DRYRUN d set k v", "ACL DRYRUN d publish x y",
                "ACL DRYRUN d publish c y", "ACL DRYRUN nouser get k", "ACL DRYRUN d nocmd k", "ACL DRYRUN d get",
                "ACL DRYRUN d client foo", "ACL DRYRUN d client list", "ACL DRYRUN d client", "ACL DRYRUN d",
                "ACL DRYRUN default flushall", "ACL LOG");
    }

    /** Keys found through numkeys and STREAMS key specs, and through the parsers Redis falls back to. */
    @Test
    void dryRunOfMovableKeyCommands() {
        sameAll("ACL SETUSER m on nopass +@all %R~r* %W~w* ~a*",
                "ACL DRYRUN m zunion 2 r1 a1", "ACL DRYRUN m zunion 2 r1 w1", "ACL DRYRUN m zunionstore w1 2 r1 a1",
                "ACL DRYRUN m zunionstore r2 1 r1", "ACL DRYRUN m zunionstore w1 1 w2", "ACL DRYRUN m zunion 2x r1 w1",
                "ACL DRYRUN m zunion 2x r1 b1", "ACL DRYRUN m zunionstore b 1x a1", "ACL DRYRUN m zunion 0 b",
                "ACL DRYRUN m zunion 3 a1 b1", "ACL DRYRUN m sintercard 2 r1 w1", "ACL DRYRUN m lmpop 1 r1 left",
                "ACL DRYRUN m lmpop 1 a1 left", "ACL DRYRUN m blmpop 0 2 a1 w1 left", "ACL DRYRUN m zmpop 1 a1 min",
                "ACL DRYRUN m bzmpop 0 1 r1 min", "ACL DRYRUN m xread streams r1 0", "ACL DRYRUN m xread streams w1 0",
                "ACL DRYRUN m xread count 1 streams a1 r1 b1 0 0 0", "ACL DRYRUN m xread count 1 streams a1 b1 0",
                "ACL DRYRUN m xread count 1 b1 0", "ACL DRYRUN m xreadgroup group g c streams r1 0",
                "ACL DRYRUN m xreadgroup group g c streams w1 0", "ACL DRYRUN m set w1 v", "ACL DRYRUN m set w1 v get",
                "ACL DRYRUN m set r1 v", "ACL DRYRUN m set a1 v GET");
    }

    @Test
    void smallSubcommandsMatchRedis() {
        sameAll("ACL", "ACL FOO", "ACL WHOAMI", "ACL WHOAMI x", "ACL USERS x", "ACL LIST x", "ACL CAT",
                "ACL CAT nosuch", "ACL CAT a b", "ACL GENPASS 0", "ACL GENPASS 4097", "ACL GENPASS abc",
                "ACL GENPASS 1 2", "ACL HELP", "ACL HELP x", "ACL DELUSER", "ACL DELUSER default",
                "ACL DELUSER nosuch x default", "ACL DELUSER nosuch", "ACL SAVE", "ACL LOAD", "ACL SAVE x",
                "CONFIG GET aclfile", "CONFIG SET aclfile x");
        for (String bits : List.of("1", "4", "5", "64", "255", "4096")) {
            assertEquals(reference.call("ACL", "GENPASS", bits).text().length(),
                    subject.call("ACL", "GENPASS", bits).text().length());
        }
        assertEquals(64, subject.call("ACL", "GENPASS").text().length());
        assertTrue(subject.call("ACL", "GENPASS").text().matches("[0-9a-f]+"));
        for (String category : List.of("keyspace", "read", "write", "string", "hash", "pubsub", "admin",
                "dangerous", "connection", "transaction", "fast", "slow", "blocking", "stream", "list", "set",
                "sortedset")) {
            Set<String> theirs = names(reference.call("ACL", "CAT", category));
            Set<String> ours = names(subject.call("ACL", "CAT", category));
            assertTrue(theirs.containsAll(ours), () -> "engine lists commands redis does not in @" + category
                    + ": " + ours.stream().filter(n -> !theirs.contains(n)).toList());
        }
        for (String name : List.of("auth", "acl", "acl|setuser", "acl|getuser", "acl|deluser", "acl|list",
                "acl|users", "acl|whoami", "acl|cat", "acl|genpass", "acl|log", "acl|dryrun", "acl|save",
                "acl|load", "acl|help")) {
            if (name.equals("acl")) {
                Reply expected = reference.call("COMMAND", "INFO", name).element(0);
                Reply actual = subject.call("COMMAND", "INFO", name).element(0);
                assertEquals(expected.elements().subList(0, 9), actual.elements().subList(0, 9));
            } else {
                same("COMMAND INFO " + name);
            }
        }
    }

    private static Set<String> names(Reply list) {
        Set<String> names = new TreeSet<>();
        list.elements().forEach(r -> names.add(r.text()));
        return names;
    }

    @Test
    void deletedUsersAreDisconnected() {
        sameAll("ACL SETUSER gone on >p +@all ~*");
        RespClient[] victim = connectPair();
        RespClient[] self = connectPair();
        try {
            same(victim[0], victim[1], "AUTH gone p");
            same(self[0], self[1], "AUTH gone p");
            same(victim[0], victim[1], "CLIENT SETNAME victim");
            String ours = subject.call("CLIENT", "LIST").text();
            assertTrue(ours.contains(" name=victim ") && ours.lines().anyMatch(l -> l.contains(" user=gone ")), ours);
            same("CLIENT KILL USER nobody");
            same(self[0], self[1], "ACL DELUSER gone");
            assertTrue(victim[0].closedByPeerWithin(2000));
            assertTrue(victim[1].closedByPeerWithin(2000));
            assertTrue(self[0].closedByPeerWithin(2000), "the caller gets its reply, then is closed");
            assertTrue(self[1].closedByPeerWithin(2000), "the caller gets its reply, then is closed");
            sameAll("ACL USERS", "AUTH gone p");
        } finally {
            Arrays.stream(victim).forEach(RespClient::close);
            Arrays.stream(self).forEach(RespClient::close);
        }
    }

    @Test
    void clientKillUserClosesThatUsersConnections() {
        sameAll("ACL SETUSER k1 on nopass +@all ~* &*", "ACL SETUSER k2 on nopass +@all ~* &*");
        RespClient[] one = connectPair();
        RespClient[] two = connectPair();
        try {
            same(one[0], one[1], "AUTH k1 x");
            same(two[0], two[1], "AUTH k2 x");
            same("CLIENT KILL USER k1");
            assertTrue(one[1].closedByPeerWithin(2000));
            same(two[0], two[1], "ACL WHOAMI");
        } finally {
            Arrays.stream(one).forEach(RespClient::close);
            Arrays.stream(two).forEach(RespClient::close);
        }
    }

    @Test
    void subscribersLosingTheirChannelsAreDisconnected() {
        sameAll("ACL SETUSER s on nopass +@all ~* &a &b &p*");
        RespClient[] keeps = connectPair();
        RespClient[] loses = connectPair();
        try {
            same(keeps[0], keeps[1], "AUTH s x");
            same(loses[0], loses[1], "AUTH s x");
            same(keeps[0], keeps[1], "SUBSCRIBE a");
            same(loses[0], loses[1], "PSUBSCRIBE p*");
            same("ACL SETUSER s resetchannels &a &b");
            assertTrue(loses[0].closedByPeerWithin(2000));
            assertTrue(loses[1].closedByPeerWithin(2000));
            assertFalse(keeps[1].closedByPeerWithin(300));
            same("PUBLISH a hello");
            same(keeps[0], keeps[1], "PING");
        } finally {
            Arrays.stream(keeps).forEach(RespClient::close);
            Arrays.stream(loses).forEach(RespClient::close);
        }
    }
}
