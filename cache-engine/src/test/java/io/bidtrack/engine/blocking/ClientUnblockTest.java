package io.bidtrack.engine.blocking;

import io.bidtrack.engine.testing.RespClient;
import org.junit.jupiter.api.Test;

/** CLIENT UNBLOCK on clients blocked in list, sorted set and stream commands, against redis-server. */
class ClientUnblockTest extends BlockingScenarioTest {
    @Test
    void unblockAsATimeoutOrWithAnError() {
        sameOnBoth(s -> {
            RespClient c = s.connect();
            RespClient admin = s.connect();
            long id = c.call("CLIENT", "ID").asLong();
            long adminId = admin.call("CLIENT", "ID").asLong();
            s.block(c, "BLPOP l 0");
            s.call(admin, "CLIENT UNBLOCK " + id);
            s.read(c);
            s.awaitBlocked(0);
            s.call(c, "PING");
            s.block(c, "BZPOPMIN z 0");
            s.call(admin, "CLIENT UNBLOCK " + id + " ERROR");
            s.read(c);
            s.block(c, "XREAD BLOCK 0 STREAMS s $");
            s.call(admin, "CLIENT UNBLOCK " + id + " timeout");
            s.read(c);
            s.call(c, "XGROUP CREATE g grp $ MKSTREAM");
            s.block(c, "XREADGROUP GROUP grp c1 BLOCK 0 STREAMS g >");
            s.call(admin, "CLIENT UNBLOCK " + id + " error");
            s.read(c);
            s.block(c, "BLMPOP 0 2 a b LEFT");
            s.call(admin, "CLIENT UNBLOCK " + id);
            s.read(c);
            // Not blocked (any more), its own id, no such client.
            s.call(admin, "CLIENT UNBLOCK " + id);
            s.call(admin, "CLIENT UNBLOCK " + adminId);
            s.call(admin, "CLIENT UNBLOCK 999999 ERROR");
            // The key is still waited on by nobody: a push now stays in the list.
            s.call(admin, "RPUSH l x");
            s.call(admin, "LLEN l");
        });
    }

    @Test
    void commandsPipelinedBehindTheBlockedOneRunOnceUnblocked() {
        sameOnBoth(s -> {
            RespClient c = s.connect();
            RespClient admin = s.connect();
            long id = c.call("CLIENT", "ID").asLong();
            c.sendRaw(frames("BLMOVE a b LEFT RIGHT 0", "PING", "SET k v"));
            s.awaitBlocked(1);
            s.call(admin, "CLIENT UNBLOCK " + id);
            s.read(c);
            s.read(c);
            s.read(c);
            s.call(admin, "GET k");
            // RESP3: the timeout reply is a null.
            c.call("HELLO", "3");
            s.block(c, "BRPOP l 0");
            s.call(admin, "CLIENT UNBLOCK " + id + " TIMEOUT");
            s.read(c);
            s.block(c, "BZPOPMAX z 0");
            s.call(admin, "CLIENT UNBLOCK " + id + " ERROR");
            s.read(c);
        });
    }

    @Test
    void argumentErrors() {
        sameOnBoth(s -> {
            RespClient admin = s.connect();
            for (String call : new String[] {"CLIENT UNBLOCK 1 timeout x", "CLIENT UNBLOCK x", "CLIENT UNBLOCK x foo",
                "CLIENT UNBLOCK 99999 foo", "CLIENT UNBLOCK -1", "CLIENT UNBLOCK", "client unblock 5 Error"}) {
                s.call(admin, call);
            }
        });
    }
}
