package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CLIENT LIST/INFO/KILL/REPLY/NO-EVICT and RESET, against redis-server. */
class ClientCommandsCompatibilityTest extends CompatibilityTest {

    @Test
    void errorsMatchRedis() {
        sameAll("CLIENT LIST TYPE foo", "CLIENT LIST ID abc", "CLIENT LIST ID 0", "CLIENT LIST ID 999999",
                "CLIENT LIST foo", "CLIENT LIST TYPE", "CLIENT INFO x", "CLIENT KILL", "CLIENT KILL 1.2.3.4:5",
                "CLIENT KILL ID 999999", "CLIENT KILL ID abc", "CLIENT KILL ID 0", "CLIENT KILL TYPE foo",
                "CLIENT KILL foo bar", "CLIENT KILL ID", "CLIENT KILL USER nobody", "CLIENT KILL SKIPME maybe",
                "CLIENT KILL LADDR 1.2.3.4:5", "CLIENT KILL ADDR 1.2.3.4:5", "CLIENT KILL USER default ID 999999",
                "CLIENT REPLY", "CLIENT REPLY foo", "CLIENT REPLY on x", "CLIENT NO-EVICT foo",
                "CLIENT NO-EVICT on", "CLIENT NO-EVICT OFF", "RESET x");
    }

    @Test
    void clientListHasRedisFieldsInRedisOrder() {
        sameAll("CLIENT SETNAME lister", "SELECT 3");
        assertEquals(fieldNames(reference.call("CLIENT", "LIST")), fieldNames(subject.call("CLIENT", "LIST")));
        assertEquals(fieldNames(reference.call("CLIENT", "INFO")), fieldNames(subject.call("CLIENT", "INFO")));
        String info = subject.call("CLIENT", "INFO").text();
        assertTrue(info.contains(" name=lister ") && info.contains(" db=3 ") && info.contains(" cmd=client|info "),
                info);
        assertTrue(info.startsWith("id=" + subject.call("CLIENT", "ID").asLong() + " "), info);
        String own = subject.call("CLIENT", "LIST", "ID", String.valueOf(subject.call("CLIENT", "ID").asLong())).text();
        assertEquals(1, own.lines().count());
        assertTrue(own.contains(" cmd=client|list "), own);
        assertEquals(subject.call("CLIENT", "LIST", "TYPE", "pubsub").text(), "");
    }

    @Test
    void flagsShowSubscriptionsAndMulti() {
        try (RespClient ref = RespClient.connect(redis.port()); RespClient sub = RespClient.connect(engine.port())) {
            for (RespClient c : List.of(ref, sub)) {
                c.call("SUBSCRIBE", "a");
                c.call("PSUBSCRIBE", "p*");
            }
            sameAll("MULTI", "SET k v");
            // Both lines are read outside the transaction, from the second connections.
            String theirs = lineOf(redis.port(), "pubsub");
            String ours = lineOf(engine.port(), "pubsub");
            assertEquals(field(theirs, "flags"), field(ours, "flags"));
            assertEquals(field(theirs, "sub"), field(ours, "sub"));
            assertEquals(field(theirs, "psub"), field(ours, "psub"));
            String ourMulti = lineOf(engine.port(), "normal");
            assertTrue(ourMulti.contains(" flags=x ") && ourMulti.contains(" multi=1 "), ourMulti);
            same("DISCARD");
        }
    }

    @Test
    void replyOffAndSkipSuppressRepliesLikeRedis() {
        for (RespClient c : List.of(reference, subject)) {
            c.send("CLIENT", "REPLY", "OFF");
            c.send("SET", "k", "1");
            c.send("NOSUCH");
            c.send("CLIENT", "REPLY", "SKIP"); // ignored while OFF
            c.send("CLIENT", "REPLY", "ON");
            c.send("GET", "k");
            c.send("CLIENT", "REPLY", "SKIP");
            c.send("INCR", "k");
            c.send("GET", "k");
            c.send("CLIENT", "REPLY", "SKIP");
            c.send("CLIENT", "REPLY", "SKIP");
            c.send("ECHO", "skipped too: the second SKIP skips the command after it");
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(reference.read(), subject.read(), "reply " + i);
        }
        sameAll("PING", "GET k");
    }

    @Test
    void resetDropsConnectionState() {
        sameAll("CLIENT SETNAME before", "SELECT 2", "SET k v", "WATCH k", "MULTI", "GET k", "RESET",
                "CLIENT GETNAME", "GET k", "EXEC", "SELECT 2", "GET k");
        sameHello("HELLO 3");
        same("RESET");
        sameAll("HGETALL nosuch", "SUBSCRIBE x", "PSUBSCRIBE y*", "RESET", "PING", "GET k");
        Reply info = subject.call("CLIENT", "INFO");
        assertTrue(info.text().contains(" sub=0 psub=0 ") && info.text().contains(" resp=2"), info.text());
    }

    @Test
    void resetClearsWatchSoExecSucceeds() {
        try (RespClient ref = RespClient.connect(redis.port()); RespClient sub = RespClient.connect(engine.port())) {
            sameAll("WATCH w", "RESET");
            ref.call("SET", "w", "changed");
            sub.call("SET", "w", "changed");
            sameAll("MULTI", "GET w", "EXEC");
        }
    }

    @Test
    void killCountsMatchRedis() {
        List<RespClient> extra = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                extra.add(RespClient.connect(redis.port()));
                extra.add(RespClient.connect(engine.port()));
            }
            awaitClients(reference, 4);
            awaitClients(subject, 4);
            RespClient refSub = extra.get(0);
            RespClient ourSub = extra.get(1);
            refSub.call("SUBSCRIBE", "c");
            ourSub.call("SUBSCRIBE", "c");
            same("CLIENT KILL TYPE pubsub");
            assertTrue(ourSub.closedByPeerWithin(2000));
            awaitClients(reference, 3);
            awaitClients(subject, 3);
            same("CLIENT KILL TYPE normal USER default");
            awaitClients(reference, 1);
            awaitClients(subject, 1);
            same("CLIENT KILL TYPE normal");
            same("CLIENT KILL ADDR 127.0.0.1:1 SKIPME no");
            String ownAddr = field(subject.call("CLIENT", "INFO").text(), "addr");
            assertEquals(':', subject.call("CLIENT", "KILL", "ADDR", ownAddr).type());
            assertEquals(0, subject.call("CLIENT", "KILL", "ADDR", ownAddr).asLong(), "SKIPME yes by default");
            same("CLIENT KILL ID " + subject.call("CLIENT", "ID").asLong() + " SKIPME yes");
        } finally {
            extra.forEach(RespClient::close);
        }
    }

    @Test
    void pauseErrorsMatchRedis() {
        sameAll("CLIENT PAUSE", "CLIENT PAUSE abc", "CLIENT PAUSE -1", "CLIENT PAUSE 10 foo", "CLIENT PAUSE 10 write x", "client pause 10 all x",
                "CLIENT UNPAUSE x", "CLIENT UNPAUSE");
    }

    @Test
    void pauseWriteHoldsWritesUntilUnpause() {
        for (RespClient server : List.of(reference, subject)) {
            int port = server == reference ? redis.port() : engine.port();
            try (RespClient other = RespClient.connect(port)) {
                assertEquals("OK", server.call("CLIENT", "PAUSE", "10000", "WRITE").text());
                assertEquals("PONG", other.call("PING").text(), "reads run during a WRITE pause");
                other.send("SET", "held", "v");
                other.soTimeout(200);
                assertThrows(RuntimeException.class, other::read, "the write waits");
                assertEquals("OK", server.call("CLIENT", "UNPAUSE").text());
                other.soTimeout(2000);
                assertEquals("OK", other.read().text());
                assertEquals("v", other.call("GET", "held").text());
            }
        }
    }

    @Test
    void pauseAllEndsByItself() {
        for (RespClient server : List.of(reference, subject)) {
            int port = server == reference ? redis.port() : engine.port();
            try (RespClient other = RespClient.connect(port)) {
                long start = System.nanoTime();
                assertEquals("OK", server.call("CLIENT", "PAUSE", "300", "ALL").text());
                assertEquals("PONG", other.call("PING").text());
                long waitedMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(waitedMillis >= 250 && waitedMillis < 2000, "waited " + waitedMillis + " ms");
            }
        }
    }

    @Test
    void killingItselfRepliesThenCloses() {
        String theirs = field(reference.call("CLIENT", "INFO").text(), "addr");
        String ours = field(subject.call("CLIENT", "INFO").text(), "addr");
        assertEquals(reference.call("CLIENT", "KILL", theirs), subject.call("CLIENT", "KILL", ours));
        assertTrue(reference.closedByPeerWithin(2000));
        assertTrue(subject.closedByPeerWithin(2000));
        reference = RespClient.connect(redis.port());
        subject = RespClient.connect(engine.port());
        long id = subject.call("CLIENT", "ID").asLong();
        Reply killed = subject.call("CLIENT", "KILL", "ID", String.valueOf(id), "SKIPME", "no");
        assertEquals(1, killed.asLong());
        assertTrue(subject.closedByPeerWithin(2000));
    }

    private static List<String> fieldNames(Reply list) {
        List<String> names = new ArrayList<>();
        for (String pair : list.text().lines().findFirst().orElseThrow().split(" ")) {
            names.add(pair.substring(0, pair.indexOf('=')));
        }
        return names;
    }

    static String field(String line, String name) {
        for (String pair : line.trim().split(" ")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + line);
    }

    private static String lineOf(int port, String type) {
        try (RespClient c = RespClient.connect(port)) {
            return c.call("CLIENT", "LIST", "TYPE", type).text().lines()
                    .filter(l -> !l.contains("cmd=client|list")).findFirst().orElseThrow();
        }
    }

    /** Waits until the server counts {@code n} connections (closes are noticed asynchronously). */
    static void awaitClients(RespClient c, int n) {
        long deadline = System.currentTimeMillis() + 3000;
        String line = "";
        while (System.currentTimeMillis() < deadline) {
            line = c.call("INFO", "clients").text().lines().filter(l -> l.startsWith("connected_clients:"))
                    .findFirst().orElseThrow();
            if (line.equals("connected_clients:" + n)) {
                return;
            }
            sleep(10);
        }
        throw new AssertionError("expected " + n + " clients, " + line);
    }
}
