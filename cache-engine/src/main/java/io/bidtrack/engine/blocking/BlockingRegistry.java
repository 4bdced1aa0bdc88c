package io.bidtrack.engine.blocking;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The clients blocked on keys of one engine, and the keys that became ready for them.
 *
 * <p>As in Redis, a write never serves waiters directly: it marks the key ready
 * ({@link #signal}), and once the writing command has completed the dispatcher calls
 * {@link #serveReady}, which hands the data to the waiters of each ready key in the order they
 * blocked. So {@code LPUSH l a b} gives a BLPOP waiter "b", exactly like redis-server. Engine
 * thread only.
 */
public final class BlockingRegistry {
    private record WaitKey(Database db, ByteString key) {
    }

    private static final String UNBLOCKED = "UNBLOCKED client unblocked via CLIENT UNBLOCK";

    private final Map<WaitKey, ArrayDeque<Waiter>> waiting = new HashMap<>();
    private final LinkedHashSet<WaitKey> ready = new LinkedHashSet<>();
    private int blockedClients;

    /**
     * Blocks {@code client} on {@code keys} of its database until {@code server} succeeds for one
     * of them or {@code timeoutMillis} pass (0 = forever); the client runs no further commands
     * meanwhile.
     */
    public void block(Client client, List<ByteString> keys, long timeoutMillis, KeyServer server) {
        if (client.transaction().isExecuting()) {
            // Inside EXEC nothing else can run to serve it: Redis answers as if the wait timed out.
            replyTimedOut(client.reply());
            return;
        }
        // A key named twice is waited on once, as in Redis.
        Waiter waiter = new Waiter(client, List.copyOf(new LinkedHashSet<>(keys)), server);
        for (ByteString key : waiter.keys) {
            waiting.computeIfAbsent(new WaitKey(client.db(), key), k -> new ArrayDeque<>()).addLast(waiter);
        }
        if (timeoutMillis > 0) {
            waiter.timeout = client.connection().schedule(() -> timedOut(waiter), timeoutMillis);
        }
        client.blockedBy(waiter);
        blockedClients++;
    }

    /** Clients waiting right now (INFO's blocked_clients). */
    public int blockedClients() {
        return blockedClients;
    }

    /** A write made {@code key} hold data; its waiters are served after the current command. */
    public void signal(Database db, byte[] key) {
        signal(db, key, 0, key.length);
    }

    /** {@link #signal(Database, byte[])} for a slice; copies it only if someone waits (pushes are hot). */
    public void signal(Database db, byte[] data, int offset, int length) {
        if (waiting.isEmpty()) {
            return;
        }
        WaitKey k = new WaitKey(db, ByteString.copyOf(data, offset, length));
        if (waiting.containsKey(k)) {
            ready.add(k);
        }
    }

    /** After SWAPDB: every key of {@code db} that someone waits on and that now exists is ready. */
    public void signalStoredKeys(Database db) {
        for (WaitKey k : waiting.keySet()) {
            if (k.db() == db && db.find(k.key().bytes(), 0, k.key().length()) != null) {
                ready.add(k);
            }
        }
    }

    /** Serves the waiters of the ready keys; serving one (BLMOVE) may make another key ready. */
    public void serveReady() {
        while (!ready.isEmpty()) {
            Iterator<WaitKey> first = ready.iterator();
            WaitKey k = first.next();
            first.remove();
            ArrayDeque<Waiter> queue = waiting.get(k);
            while (queue != null && !queue.isEmpty()) {
                Waiter waiter = queue.peekFirst();
                if (!waiter.server.serve(waiter.client, k.key().bytes())) {
                    break;
                }
                release(waiter);
                queue = waiting.get(k);
            }
        }
    }

    /** A disconnected client waits no more; nothing is written to it. */
    public void disconnected(Client client) {
        if (client.blocker() != null) {
            forget(client.blocker());
        }
    }

    /**
     * CLIENT UNBLOCK: ends {@code client}'s wait as its timeout would (a null reply), or with an
     * UNBLOCKED error; its pipelined commands then run. False if it is not waiting on keys.
     */
    public boolean unblock(Client client, boolean withError) {
        Waiter waiter = client.blocker();
        if (waiter == null) {
            return false;
        }
        if (withError) {
            client.reply().error(UNBLOCKED);
            client.engine().errorStats().count(UNBLOCKED);
        } else {
            replyTimedOut(client.reply());
        }
        release(waiter);
        return true;
    }

    /** Redis replies to a timed-out list (or sorted set, stream) wait with a null array. */
    private void timedOut(Waiter waiter) {
        if (waiter.client.blocker() != waiter) {
            return; // served or disconnected while the timeout was on its way
        }
        replyTimedOut(waiter.client.reply());
        release(waiter);
    }

    private static void replyTimedOut(ReplyWriter reply) {
        if (reply.isResp3()) {
            reply.nullValue();
        } else {
            reply.arrayHeader(-1);
        }
    }

    /** Forgets the waiter and lets its client run its next commands. */
    private void release(Waiter waiter) {
        forget(waiter);
        waiter.client.blockedBy(null);
    }

    private void forget(Waiter waiter) {
        blockedClients--;
        if (waiter.timeout != null) {
            waiter.timeout.cancel(false);
        }
        Database db = waiter.client.db();
        for (ByteString key : waiter.keys) {
            WaitKey k = new WaitKey(db, key);
            ArrayDeque<Waiter> queue = waiting.get(k);
            if (queue != null) {
                queue.remove(waiter);
                if (queue.isEmpty()) {
                    waiting.remove(k);
                }
            }
        }
    }
}
