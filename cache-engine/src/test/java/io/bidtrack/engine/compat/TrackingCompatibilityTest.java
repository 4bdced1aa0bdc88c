package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client-side caching (CLIENT TRACKING) against redis-server. {@code reference}/{@code subject}
 * are the tracking clients; a second pair of connections ({@code writer}) modifies keys, and
 * redirect targets are further pairs. Invalidation pushes and messages are read off both servers
 * and compared; a PING on the tracking connection afterwards proves no extra invalidation came
 * (it would be read in place of the PONG).
 */
class TrackingCompatibilityTest extends CompatibilityTest {
    /** The same connection opened on both servers. */
    record Pair(RespClient ref, RespClient sub, long refId, long subId) {
        Pair(RespClient ref, RespClient sub) {
            this(ref, sub, id(ref), id(sub));
        }

        static Pair open() {
            return new Pair(RespClient.connect(redis.port()), RespClient.connect(engine.port()));
        }

        Reply same(String command) {
            Reply expected = ref.call(words(command));
            Reply actual = sub.call(words(command));
            assertEquals(expected, actual, () -> "reply to " + command);
            return actual;
        }

        void sameAll(String... commands) {
            for (String c : commands) {
                same(c);
            }
        }

        /** Reads {@code count} replies or pushes from both and compares them. */
        void sameNext(int count) {
            for (int i = 0; i < count; i++) {
                assertEquals(ref.read(), sub.read(), "message " + i);
            }
        }

        void close() {
            ref.close();
            sub.close();
        }
    }

    Pair tracker;
    Pair writer;
    final List<Pair> extra = new ArrayList<>();

    @BeforeEach
    void connectWriters() {
        tracker = new Pair(reference, subject);
        writer = Pair.open();
    }

    @AfterEach
    void disconnectWriters() {
        writer.close();
        extra.forEach(Pair::close);
    }

    private Pair open() {
        Pair p = Pair.open();
        extra.add(p);
        return p;
    }

    private static long id(RespClient c) {
        return c.call("CLIENT", "ID").asLong();
    }

    /** Runs {@code CLIENT TRACKING ON REDIRECT <id of target> options} on each server's tracker. */
    private void trackRedirectedTo(Pair target, String options) {
        String refCommand = "CLIENT TRACKING ON REDIRECT " + target.refId + " " + options;
        String subCommand = "CLIENT TRACKING ON REDIRECT " + target.subId + " " + options;
        assertEquals(reference.call(words(refCommand)), subject.call(words(subCommand)));
    }

    private void resp3() {
        sameHello("HELLO 3");
    }

    @Test
    void errorsMatchRedis() {
        sameAll("CLIENT TRACKING", "CLIENT TRACKING maybe", "CLIENT TRACKING ON foo", "CLIENT TRACKING ON REDIRECT",
                "CLIENT TRACKING ON PREFIX", "CLIENT TRACKING ON REDIRECT x", "CLIENT TRACKING ON REDIRECT 999999",
                "CLIENT TRACKING ON REDIRECT 0", "CLIENT TRACKING OFF BCAST foo", "CLIENT TRACKING ON PREFIX a",
                "CLIENT TRACKING ON OPTIN OPTOUT", "CLIENT TRACKING ON BCAST OPTIN", "CLIENT TRACKING ON BCAST OPTOUT",
                "CLIENT TRACKING ON BCAST PREFIX x PREFIX xy", "CLIENT TRACKING ON BCAST PREFIX ab PREFIX a",
                "CLIENT TRACKING ON BCAST PREFIX a PREFIX a", "CLIENT TRACKING ON REDIRECT 999998 REDIRECT 999999",
                "CLIENT CACHING", "CLIENT CACHING yes", "CLIENT CACHING no", "CLIENT CACHING maybe",
                "CLIENT CACHING yes no", "CLIENT TRACKINGINFO x", "CLIENT GETREDIR x", "CLIENT TRACKING OFF PREFIX a",
                "CLIENT TRACKINGINFO");
        sameAll("CLIENT TRACKING ON BCAST PREFIX a", "CLIENT TRACKING ON BCAST PREFIX a",
                "CLIENT TRACKING ON BCAST PREFIX abc", "CLIENT TRACKING ON BCAST PREFIX b PREFIX \"\"",
                "CLIENT TRACKING ON", "CLIENT TRACKING ON BCAST OPTIN", "CLIENT CACHING yes", "CLIENT TRACKINGINFO",
                "CLIENT TRACKING OFF", "CLIENT TRACKING ON OPTIN", "CLIENT TRACKING ON OPTOUT", "CLIENT CACHING no",
                "CLIENT CACHING maybe", "CLIENT TRACKING ON BCAST", "CLIENT TRACKINGINFO");
    }

    @Test
    void trackingInfoAndGetRedirInBothProtocols() {
        for (String hello : List.of("HELLO 2", "HELLO 3")) {
            sameHello(hello);
            sameAll("CLIENT TRACKINGINFO", "CLIENT GETREDIR", "CLIENT TRACKING ON", "CLIENT TRACKINGINFO",
                    "CLIENT GETREDIR", "CLIENT TRACKING OFF", "CLIENT TRACKING ON BCAST PREFIX b PREFIX a NOLOOP",
                    "CLIENT TRACKING ON BCAST PREFIX c", "CLIENT TRACKINGINFO", "CLIENT TRACKING OFF",
                    "CLIENT TRACKINGINFO", "CLIENT TRACKING ON BCAST", "CLIENT TRACKINGINFO", "CLIENT TRACKING OFF",
                    "CLIENT TRACKING ON OPTIN", "CLIENT TRACKINGINFO", "CLIENT CACHING YES", "CLIENT TRACKINGINFO",
                    "PING", "CLIENT TRACKINGINFO", "CLIENT TRACKING OFF", "CLIENT TRACKING ON OPTOUT NOLOOP",
                    "CLIENT CACHING NO", "CLIENT TRACKINGINFO", "CLIENT TRACKING OFF", "CLIENT GETREDIR");
        }
    }

    @Test
    void clientListShowsTrackingFlagsAndRedirect() {
        Pair target = open();
        same("CLIENT TRACKING ON");
        assertEquals(field(reference.call("CLIENT", "INFO").text(), "flags"),
                field(subject.call("CLIENT", "INFO").text(), "flags"));
        assertEquals("0", field(subject.call("CLIENT", "INFO").text(), "redir"));
        same("CLIENT TRACKING OFF");
        same("CLIENT TRACKING ON BCAST");
        assertEquals(field(reference.call("CLIENT", "INFO").text(), "flags"),
                field(subject.call("CLIENT", "INFO").text(), "flags"));
        same("CLIENT TRACKING OFF");
        trackRedirectedTo(target, "");
        assertEquals(String.valueOf(target.subId), field(subject.call("CLIENT", "INFO").text(), "redir"));
        assertEquals(String.valueOf(target.subId), subject.call("CLIENT", "GETREDIR").text());
        assertEquals(String.valueOf(target.refId), field(reference.call("CLIENT", "INFO").text(), "redir"));
        same("RESET");
        assertEquals(field(reference.call("CLIENT", "INFO").text(), "flags"),
                field(subject.call("CLIENT", "INFO").text(), "flags"));
        assertEquals("-1", field(subject.call("CLIENT", "INFO").text(), "redir"));
        same("CLIENT TRACKINGINFO");
    }

    @Test
    void defaultModeInvalidatesKeysReadWhenAnotherClientWritesThem() {
        resp3();
        writer.sameAll("SET k v", "HSET h f v", "SET n 1");
        sameAll("CLIENT TRACKING ON", "GET k", "HGET h f", "GET h", "MGET a b", "EXISTS n", "GET missing");
        writer.sameAll("SET k v2");
        tracker.sameNext(1);
        same("PING");
        // Writes that change nothing invalidate nothing in Redis.
        sameAll("GET k");
        writer.sameAll("SET k x NX", "SETNX k y", "HDEL h nosuch", "HSETNX h f other", "DEL missing",
                "EXPIRE missing 10", "PERSIST n", "SET missing v XX", "GETDEL missing", "SREM missing m");
        same("PING");
        // WRONGTYPE reads are remembered too; a key invalidated once is forgotten until read again.
        writer.sameAll("HSET h g v", "SET h s", "MSET a 1 b 2 c 3", "INCR n", "SET k again", "SET k more");
        tracker.sameNext(5);
        same("PING");
        same("GET k");
        writer.sameAll("APPEND k !", "APPEND k !");
        tracker.sameNext(1);
        same("PING");
        // A key written into a missing key is invalidated as Redis does it: on creation.
        writer.sameAll("SET missing now");
        tracker.sameNext(1);
        same("PING");
    }

    @Test
    void listAndSetWritesInvalidateOnlyKeysTheyChange() {
        resp3();
        writer.sameAll("RPUSH l a b c", "RPUSH l2 x", "SADD s m");
        sameAll("CLIENT TRACKING ON", "LRANGE l 0 -1", "LLEN l2", "SMEMBERS s", "LLEN empty", "LLEN q",
                "SINTERCARD 2 s l2", "ZUNION 1 z");
        writer.sameAll("SADD s m", "LREM l 0 nosuch", "LMPOP 1 empty LEFT", "BLPOP empty 0.01", "SREM s nosuch",
                "LMOVE empty l LEFT RIGHT");
        same("PING");
        writer.sameAll("LMOVE l l2 LEFT RIGHT", "LMPOP 2 empty l RIGHT COUNT 5", "SADD s n", "ZADD z 1 m");
        tracker.sameNext(4); // l2 then l (destination first), then s, z
        same("PING");
        // A client blocked on q is served by a push: q is invalidated once.
        Pair blocked = open();
        blocked.ref.send("BLPOP", "q", "0");
        blocked.sub.send("BLPOP", "q", "0");
        sleep(50);
        writer.same("LPUSH q 1");
        blocked.sameNext(1);
        tracker.sameNext(1);
        same("PING");
    }

    @Test
    void watchSeesTheSameModifiedKeysAsTracking() {
        // The key-modified signal drives WATCH too: writes that change nothing do not abort EXEC.
        sameAll("SET k v", "SADD s m", "WATCH k s missing");
        writer.sameAll("SET k x NX", "SADD s m", "DEL missing", "EXPIRE missing 5", "SREM s nosuch");
        sameAll("MULTI", "GET k", "EXEC", "WATCH k");
        writer.same("SET k x XX");
        sameAll("MULTI", "GET k", "EXEC");
    }

    @Test
    void keysAreTrackedByNameAcrossDatabasesAndSwapdbInvalidatesNothing() {
        resp3();
        sameAll("CLIENT TRACKING ON", "GET k", "SELECT 2", "GET j", "SELECT 0");
        writer.sameAll("SELECT 1", "SET k other-db", "SET j other-db");
        tracker.sameNext(2);
        same("PING");
        sameAll("GET k");
        writer.sameAll("SWAPDB 0 1");
        same("PING");
    }

    @Test
    void ownWritesAreInvalidatedAfterTheReplyUnlessNoloop() {
        resp3();
        sameAll("CLIENT TRACKING ON", "GET k");
        tracker.sameAll("SET k 1");
        tracker.sameNext(1);
        sameAll("PING", "GET k", "GET j", "MULTI", "SET k 2", "GET k", "SET j 1", "EXEC");
        tracker.sameNext(2);
        same("PING");
        // GET k inside the transaction remembered k again.
        writer.sameAll("SET k 3");
        tracker.sameNext(1);
        sameAll("CLIENT TRACKING ON NOLOOP", "GET k", "GET j", "SET k 4", "PING");
        writer.sameAll("SET j 2");
        tracker.sameNext(1);
        sameAll("PING", "CLIENT TRACKINGINFO");
    }

    @Test
    void optinCachesOnlyAfterCachingYesAndOptoutSkipsAfterCachingNo() {
        resp3();
        sameAll("CLIENT TRACKING ON OPTIN", "GET a", "CLIENT CACHING YES", "GET b", "GET c",
                "CLIENT CACHING YES", "CLIENT GETNAME", "GET d", "CLIENT CACHING YES", "PING", "GET e",
                "CLIENT CACHING YES", "MULTI", "GET f", "GET g", "EXEC", "GET h");
        writer.sameAll("MSET a 1 b 1 c 1 d 1 e 1 f 1 g 1 h 1");
        tracker.sameNext(4); // b, d, f, g
        same("PING");
        sameAll("CLIENT TRACKING OFF", "CLIENT TRACKING ON OPTOUT", "GET a", "CLIENT CACHING NO", "GET b", "GET c",
                "CLIENT CACHING NO", "MULTI", "GET d", "EXEC", "GET e");
        writer.sameAll("MSET a 2 b 2 c 2 d 2 e 2");
        tracker.sameNext(3); // a, c, e
        same("PING");
    }

    @Test
    void bcastSendsEveryModifiedKeyWithAPrefixBatchedPerPrefix() {
        resp3();
        sameAll("CLIENT TRACKING ON BCAST PREFIX b PREFIX a");
        writer.sameAll("MSET b2 1 a1 1 c 1 a0 2 ab 3");
        tracker.sameNext(2);
        same("PING");
        writer.sameAll("MULTI", "SET a9 1", "DEL a9", "SET b9 1", "SET a8 1", "SET zz 1", "EXEC");
        tracker.sameNext(2);
        same("PING");
        // Own writes: the replies come first, then the batch (after EXEC for a transaction).
        tracker.sameAll("SET a7 1", "MULTI", "SET a6 1", "SET b6 1");
        tracker.same("EXEC");
        tracker.sameNext(1);
        tracker.sameNext(2);
        same("PING");
        // NOLOOP: keys this client modified itself are left out; a key modified by another client last is not.
        sameAll("CLIENT TRACKING ON BCAST NOLOOP PREFIX c", "SET c1 1", "SET a1 1", "PING");
        writer.sameAll("MULTI", "SET c3 3", "SET a2 1", "EXEC");
        tracker.sameNext(2);
        same("PING");
        // BCAST without PREFIX: every key, and no default-mode remembering of reads.
        Pair all = open();
        all.ref.call("HELLO", "3");
        all.sub.call("HELLO", "3");
        all.sameAll("CLIENT TRACKING ON BCAST", "GET x");
        writer.sameAll("MSET x 1 a3 1");
        all.sameNext(1);
        tracker.sameNext(1);
        all.same("PING");
        same("PING");
    }

    @Test
    void redirectToAResp2SubscriberUsesTheInvalidateChannel() {
        Pair target = open();
        target.same("SUBSCRIBE __redis__:invalidate");
        trackRedirectedTo(target, "");
        sameAll("GET k", "MGET a b");
        writer.sameAll("SET k 1", "DEL a", "SET a 1", "SET b 1");
        target.sameNext(3);
        target.same("PING");
        sameAll("GET k");
        writer.same("FLUSHALL");
        target.sameNext(1); // the null in the tracking client's protocol: $-1
        target.same("PING");
        // A RESP3 tracker flushing through a RESP2 redirect sends the RESP3 null.
        resp3();
        trackRedirectedTo(target, "");
        writer.same("FLUSHDB");
        target.sameNext(1);
        target.same("PING");
        // Redirect to a RESP2 client that subscribed to something else: still the invalidate channel.
        Pair other = open();
        other.same("SUBSCRIBE elsewhere");
        trackRedirectedTo(other, "");
        same("GET k");
        writer.same("SET k 2");
        other.sameNext(1);
        other.same("PING");
        // ... and to a RESP2 client not subscribed at all: nothing can be sent.
        Pair plain = open();
        trackRedirectedTo(plain, "");
        same("GET k");
        writer.same("SET k 3");
        plain.same("PING");
    }

    @Test
    void redirectToAResp3ClientGetsPushesAndBcastToo() {
        Pair target = open();
        target.ref.call("HELLO", "3");
        target.sub.call("HELLO", "3");
        trackRedirectedTo(target, "BCAST PREFIX user:");
        writer.sameAll("SET user:1 a", "SET other 1");
        target.sameNext(1);
        target.same("PING");
        writer.same("FLUSHALL");
        target.sameNext(1); // the RESP2 tracker's null: $-1, pushed to a RESP3 client
        target.same("PING");
    }

    @Test
    void resp2TrackerWithoutRedirectGetsNothing() {
        sameAll("CLIENT TRACKING ON", "GET k");
        writer.sameAll("SET k 1", "FLUSHALL");
        sameAll("PING", "GET k", "SET k 2", "PING");
    }

    @Test
    void brokenRedirectIsReportedToResp3Trackers() {
        resp3();
        Pair target = open();
        trackRedirectedTo(target, "");
        long refTarget = target.refId;
        long subTarget = target.subId;
        same("GET k");
        target.close();
        extra.remove(target);
        awaitGone(reference, refTarget);
        awaitGone(subject, subTarget);
        writer.same("SET k 1");
        Reply theirs = reference.read();
        Reply ours = subject.read();
        assertEquals(theirs.type(), ours.type());
        assertEquals(theirs.element(0), ours.element(0));
        assertEquals(String.valueOf(subTarget), ours.element(1).text());
        assertEquals(field(reference.call("CLIENT", "INFO").text(), "flags"),
                field(subject.call("CLIENT", "INFO").text(), "flags"));
        Reply refInfo = reference.call("CLIENT", "TRACKINGINFO");
        Reply subInfo = subject.call("CLIENT", "TRACKINGINFO");
        assertEquals(refInfo.element(1), subInfo.element(1));
        assertEquals(String.valueOf(subTarget), subInfo.element(3).text());
        same("GET k");
        writer.same("FLUSHALL");
        assertEquals(reference.read().element(0), subject.read().element(0));
        same("PING");
    }

    @Test
    void flushesSendANullInvalidationToEveryTrackingClient() {
        resp3();
        Pair bcast = open();
        bcast.ref.call("HELLO", "3");
        bcast.sub.call("HELLO", "3");
        bcast.same("CLIENT TRACKING ON BCAST PREFIX x");
        same("CLIENT TRACKING ON");
        writer.sameAll("SELECT 5", "FLUSHDB");
        tracker.sameNext(1);
        bcast.sameNext(1);
        sameAll("PING", "GET k");
        tracker.same("FLUSHALL ASYNC");
        tracker.sameNext(1);
        bcast.sameNext(1);
        same("PING");
        bcast.same("PING");
        // The table went with the flush: k is no longer remembered.
        writer.sameAll("SELECT 0", "SET k 1");
        same("PING");
    }

    @Test
    void expiredKeysAreInvalidated() {
        resp3();
        writer.sameAll("SET e 1 PX 100", "SET f 1 PX 100", "SET g 1");
        sameAll("CLIENT TRACKING ON", "GET e", "GET f", "GET g");
        sleep(400);
        // Both expired by now, by the active cycle or on this lookup: two invalidations either way,
        // in the order the expiry cycle met them (random in Redis).
        writer.same("GET f");
        Set<String> theirs = new TreeSet<>();
        Set<String> ours = new TreeSet<>();
        for (int i = 0; i < 2; i++) {
            theirs.add(reference.read().toString());
            ours.add(subject.read().toString());
        }
        assertEquals(theirs, ours);
        same("PING");
        same("GET g");
        writer.same("PEXPIRE g 50");
        tracker.sameNext(1);
        same("GET g");
        sleep(300);
        tracker.sameNext(1);
        same("PING");
    }

    @Test
    void tableLimitEvictsKeysWithInvalidations() {
        resp3();
        writer.sameAll("CONFIG SET tracking-table-max-keys 1", "CONFIG GET tracking-table-max-keys",
                "CONFIG SET tracking-table-max-keys -1");
        try {
            sameAll("CLIENT TRACKING ON", "GET a", "MGET b c");
            sleep(400);
            // Redis picks the evicted keys at random: compare the shape and how many were evicted.
            Set<String> theirs = new TreeSet<>();
            Set<String> ours = new TreeSet<>();
            for (int i = 0; i < 2; i++) {
                Reply expected = reference.read();
                Reply actual = subject.read();
                assertEquals(expected.element(0), actual.element(0));
                assertEquals(1, actual.element(1).elements().size());
                theirs.add(expected.element(1).element(0).text());
                ours.add(actual.element(1).element(0).text());
            }
            assertTrue(Set.of("a", "b", "c").containsAll(ours), ours::toString);
            assertEquals(theirs.size(), ours.size());
            same("PING");
        } finally {
            writer.same("CONFIG SET tracking-table-max-keys 1000000");
        }
    }

    @Test
    void infoCountsTrackingClientsKeysAndPrefixes() {
        resp3();
        sameAll("CLIENT TRACKING ON", "MGET a b c");
        Pair bcast = open();
        bcast.sameAll("CLIENT TRACKING ON BCAST PREFIX p PREFIX q");
        for (String name : List.of("tracking_clients", "tracking_total_keys", "tracking_total_items",
                "tracking_total_prefixes")) {
            assertEquals(info(reference, name), info(subject, name), name);
        }
    }

    @Test
    void resetAndDisconnectTurnTrackingOff() {
        resp3();
        sameAll("CLIENT TRACKING ON", "GET k", "RESET", "CLIENT TRACKINGINFO");
        sameHello("HELLO 3");
        writer.same("SET k 1");
        same("PING");
        // Keys stay in the table after tracking is turned off, as in Redis: turning it on again
        // brings their invalidations back.
        sameAll("CLIENT TRACKING ON", "GET j", "CLIENT TRACKING OFF", "CLIENT TRACKING ON");
        writer.same("SET j 1");
        tracker.sameNext(1);
        same("PING");
    }

    @Test
    void pushesBypassClientReplyOff() {
        resp3();
        sameAll("CLIENT TRACKING ON", "GET k");
        reference.send("CLIENT", "REPLY", "OFF");
        subject.send("CLIENT", "REPLY", "OFF");
        writer.same("SET k 1");
        tracker.sameNext(1);
        sameAll("CLIENT REPLY ON", "PING");
    }

    private static String info(RespClient client, String name) {
        for (String line : client.call("INFO", "everything").text().split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String field(String line, String name) {
        for (String part : line.trim().split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void awaitGone(RespClient client, long id) {
        for (int i = 0; i < 100; i++) {
            if (client.call("CLIENT", "LIST", "ID", String.valueOf(id)).text().replace("txt:", "").isEmpty()) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError("client " + id + " still connected");
    }
}
