package io.bidtrack.engine.tracking;

import io.bidtrack.engine.bytes.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;

/**
 * Engine-wide client-side caching state, following Redis 7.0's tracking.c.
 *
 * <p>Default mode: the keys a tracking client reads are remembered in one table, key to client ids
 * (all databases share it, as in Redis: key names only). When such a key is modified, expires or
 * is deleted, each remembered client is sent one invalidation and the key leaves the table until
 * read again. BCAST mode: no table; every modified key matching a client's prefix is collected and
 * sent, sorted and batched per prefix, once per event-loop turn ({@link #broadcast}), like Redis'
 * beforeSleep. Flushes send a null invalidation to every tracking client.
 *
 * <p>Invalidations for the client whose command caused them are held until that command (or its
 * whole EXEC) has replied, so they never land inside a reply, as in Redis 7.0.
 *
 * <p>Cost when nobody tracks: {@link #isActive()} is one field read, checked once per command and
 * per key signal; nothing else here runs.
 */
public final class Tracking {
    /** Unsigned byte order, the order of Redis' radix trees (keys in BCAST messages, prefixes). */
    public static final Comparator<ByteString> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes());
    /** Redis' default tracking-table-max-keys. */
    public static final long DEFAULT_MAX_KEYS = 1_000_000;

    /** Key to ids of the clients that may cache it (default mode). */
    private final Map<ByteString, Set<Long>> table = new HashMap<>();
    /** Sum of the id sets' sizes (INFO tracking_total_items). */
    private long items;
    /** BCAST prefixes of all clients, in byte order. */
    private final TreeMap<ByteString, Prefix> prefixes = new TreeMap<>(BYTE_ORDER);
    /** Clients with tracking on, in the order they enabled it. */
    private final Set<Tracker> trackers = new LinkedHashSet<>();
    private final LongFunction<Tracker> clientsById;
    private final Invalidations invalidations;
    private boolean active;
    /** The client whose command is running, or null (expiry cycle, timers). */
    private Tracker current;
    /** Invalidations for {@link #current}, sent after its reply; a null element is a flush. */
    private final List<ByteString> pending = new ArrayList<>();
    private Executor loop;
    private boolean broadcastScheduled;
    /** Consecutive cron runs that ended still over the limit; each run tries harder (Redis' effort). */
    private int overLimitRuns;

    /** The BCAST state of one prefix: its clients, and the keys modified since the last broadcast. */
    private static final class Prefix {
        final Set<Tracker> clients = new LinkedHashSet<>();
        /** Modified key to the client that modified it last (null: expiry, flush), for NOLOOP. */
        final TreeMap<ByteString, Tracker> keys = new TreeMap<>(BYTE_ORDER);
    }

    public Tracking(LongFunction<Tracker> clientsById) {
        this.clientsById = clientsById;
        this.invalidations = new Invalidations(clientsById);
    }

    /** Where BCAST broadcasts run, after the commands of the current event-loop turn. */
    public void executor(Executor loop) {
        this.loop = loop;
    }

    /**
     * Whether some client tracks. While none does, writes skip tracking entirely, so a table left
     * over from earlier clients costs nothing; Redis would keep removing such stale keys as they
     * are written, here they stay until a flush, the size limit or a write once tracking is back
     * (at worst an extra invalidation for a client that turns tracking on again).
     */
    public boolean isActive() {
        return active;
    }

    private void updateActive() {
        active = !trackers.isEmpty();
    }

    // ---- enabling and disabling --------------------------------------------------------------

    /**
     * CLIENT TRACKING ON with options already validated by the command. As Redis' enableTracking:
     * turning it on again replaces the mode flags and the redirect, keeps CACHING, and adds
     * prefixes to those the client has.
     */
    public void enable(Tracker client, ClientTracking state, long redirect, boolean bcast, boolean optin,
            boolean optout, boolean noloop, List<ByteString> newPrefixes) {
        ClientTracking t = state == null ? new ClientTracking() : state;
        t.redirect = redirect;
        t.bcast = bcast;
        t.optin = optin;
        t.optout = optout;
        t.noloop = noloop;
        t.brokenRedirect = false;
        if (bcast) {
            if (newPrefixes.isEmpty()) {
                addPrefix(client, t, ByteString.wrap(new byte[0]));
            }
            for (ByteString p : newPrefixes) {
                addPrefix(client, t, p);
            }
        }
        trackers.add(client);
        updateActive();
    }

    private void addPrefix(Tracker client, ClientTracking t, ByteString prefix) {
        if (t.prefixes.add(prefix)) {
            prefixes.computeIfAbsent(prefix, p -> new Prefix()).clients.add(client);
        }
    }

    /**
     * CLIENT TRACKING OFF, RESET or disconnect. Keys it read stay in the table, as in Redis; they
     * go when next invalidated (a client that turns tracking on again gets those invalidations).
     */
    public void disable(Tracker client, ClientTracking t) {
        for (ByteString p : t.prefixes) {
            Prefix state = prefixes.get(p);
            if (state != null && state.clients.remove(client) && state.clients.isEmpty()) {
                prefixes.remove(p);
            }
        }
        trackers.remove(client);
        updateActive();
    }

    /** Number of clients with tracking on (INFO tracking_clients). */
    public int clientCount() {
        return trackers.size();
    }

    /** Keys in the table (INFO tracking_total_keys). */
    public int keyCount() {
        return table.size();
    }

    /** Client ids over all keys of the table (INFO tracking_total_items). */
    public long itemCount() {
        return items;
    }

    /** Distinct BCAST prefixes (INFO tracking_total_prefixes). */
    public int prefixCount() {
        return prefixes.size();
    }

    // ---- commands ----------------------------------------------------------------------------

    /** A command of {@code client} starts: its own invalidations are held until {@link #commandEnded}. */
    public void commandStarting(Tracker client) {
        current = client;
        pending.clear(); // left over only if tracking went inactive before the last command ended
    }

    /**
     * The command (or EXEC) of {@code client} has replied: sends the invalidations it caused for
     * itself. {@code keepCaching} is false unless the command leaves a CLIENT CACHING choice in
     * force (it was a CLIENT subcommand, or MULTI is open), as Redis' resetClient decides.
     */
    public void commandEnded(Tracker client, boolean keepCaching) {
        if (client == current && !pending.isEmpty()) {
            List<ByteString> keys = new ArrayList<>(pending);
            pending.clear();
            for (ByteString key : keys) {
                if (client.tracking() != null) {
                    invalidations.send(client, key == null ? null : List.of(key));
                }
            }
        }
        current = null;
        ClientTracking t = client.tracking();
        if (t != null && !keepCaching) {
            t.caching = false;
        }
        if (loop == null && broadcastScheduled) {
            broadcast(); // no event loop (never in a running server): broadcast per command
        }
    }

    /**
     * A read-only command of a tracking client named these keys: remember that the client may now
     * cache them (default mode; OPTIN/OPTOUT decide with CLIENT CACHING). Redis does this whether
     * or not the command failed.
     */
    public void remember(Tracker client, byte[] data, int offset, int length) {
        ClientTracking t = client.tracking();
        if (t == null || t.bcast || !t.remembersReads()) {
            return;
        }
        ByteString key = ByteString.copyOf(data, offset, length);
        Set<Long> ids = table.get(key);
        if (ids == null) {
            ids = new LinkedHashSet<>();
            table.put(key, ids);
        }
        if (ids.add(client.id())) {
            items++;
        }
    }

    /** {@code modifier}'s command modified the key (Redis' signalModifiedKey). */
    public void keyModified(Tracker modifier, byte[] data, int offset, int length) {
        invalidate(modifier, ByteString.copyOf(data, offset, length), true);
    }

    /** The key expired (lazily, in a command, or in the expiry cycle): no client modified it. */
    public void keyExpired(byte[] key) {
        invalidate(null, ByteString.wrap(key), true);
    }

    /**
     * FLUSHDB or FLUSHALL: a null invalidation to every tracking client (BCAST ones too), and the
     * whole table goes, whatever the database, as in Redis. Called even while nobody tracks, so a
     * flush clears a left-over table.
     */
    public void flushed() {
        for (Tracker c : trackers.toArray(new Tracker[0])) {
            if (c == current) {
                pending.add(null);
            } else {
                invalidations.send(c, null);
            }
        }
        table.clear();
        items = 0;
        updateActive();
    }

    /** Redis' trackingInvalidateKey. */
    private void invalidate(Tracker modifier, ByteString key, boolean bcast) {
        if (bcast && !prefixes.isEmpty()) {
            rememberForBroadcast(modifier, key);
        }
        Set<Long> ids = table.remove(key);
        if (ids == null) {
            return;
        }
        items -= ids.size();
        for (long id : ids) {
            Tracker target = clientsById.apply(id);
            ClientTracking t = target == null ? null : target.tracking();
            // BCAST clients may be in the table from before they switched mode: they get nothing.
            if (t == null || t.bcast || (t.noloop && target == current)) {
                continue;
            }
            if (target == current) {
                pending.add(key);
            } else {
                invalidations.send(target, List.of(key));
            }
        }
        updateActive();
    }

    private void rememberForBroadcast(Tracker modifier, ByteString key) {
        byte[] k = key.bytes();
        for (Map.Entry<ByteString, Prefix> e : prefixes.entrySet()) {
            byte[] p = e.getKey().bytes();
            if (p.length <= k.length && Arrays.equals(p, 0, p.length, k, 0, p.length)) {
                e.getValue().keys.put(key, modifier);
                scheduleBroadcast();
            }
        }
    }

    private void scheduleBroadcast() {
        if (!broadcastScheduled) {
            broadcastScheduled = true;
            if (loop != null) {
                loop.execute(this::broadcast);
            }
        }
    }

    /**
     * Sends what each BCAST prefix collected: one message per prefix and client, keys in byte
     * order; a NOLOOP client gets the keys it did not modify itself, or nothing.
     */
    void broadcast() {
        broadcastScheduled = false;
        for (Prefix prefix : prefixes.values().toArray(new Prefix[0])) {
            if (prefix.keys.isEmpty()) {
                continue;
            }
            List<ByteString> all = new ArrayList<>(prefix.keys.keySet());
            for (Tracker c : prefix.clients.toArray(new Tracker[0])) {
                ClientTracking t = c.tracking();
                if (t == null) {
                    continue;
                }
                if (t.noloop) {
                    List<ByteString> others = new ArrayList<>();
                    prefix.keys.forEach((key, modifier) -> {
                        if (modifier != c) {
                            others.add(key);
                        }
                    });
                    if (!others.isEmpty()) {
                        invalidations.send(c, others);
                    }
                } else {
                    invalidations.send(c, all);
                }
            }
            prefix.keys.clear();
        }
    }

    /**
     * Keeps the table within tracking-table-max-keys ({@code maxKeys}, 0 = no limit); run by the
     * periodic cron as in Redis, so the table may exceed it until the next run. Keys
     * over the limit are invalidated (their clients told) in hash order, Redis picks them by a
     * random walk; the effort grows while a run cannot get under the limit.
     */
    public void limitTableSize(long maxKeys) {
        if (maxKeys == 0 || table.size() <= maxKeys) {
            overLimitRuns = 0;
            return;
        }
        int effort = 100 * (overLimitRuns + 1);
        List<ByteString> victims = new ArrayList<>();
        Iterator<ByteString> it = table.keySet().iterator();
        while (it.hasNext() && victims.size() < effort) {
            victims.add(it.next());
        }
        Tracker running = current;
        current = null;
        for (ByteString key : victims) {
            invalidate(null, key, false);
            if (table.size() <= maxKeys) {
                break;
            }
        }
        current = running;
        overLimitRuns = table.size() <= maxKeys ? 0 : overLimitRuns + 1;
    }

    // ---- option checks for CLIENT TRACKING ----------------------------------------------------

    /**
     * The error Redis gives when a new prefix overlaps (one is a prefix of the other) one the
     * client has or another new one, or null if none does.
     */
    public static String prefixCollision(ClientTracking state, List<ByteString> newPrefixes) {
        for (int i = 0; i < newPrefixes.size(); i++) {
            ByteString p = newPrefixes.get(i);
            if (state != null) {
                for (ByteString existing : state.prefixes) {
                    if (overlap(existing, p)) {
                        return "ERR Prefix '" + p + "' overlaps with an existing prefix '" + existing
                                + "'. Prefixes for a single client must not overlap.";
                    }
                }
            }
            for (int j = i + 1; j < newPrefixes.size(); j++) {
                if (overlap(p, newPrefixes.get(j))) {
                    return "ERR Prefix '" + p + "' overlaps with another provided prefix '" + newPrefixes.get(j)
                            + "'. Prefixes for a single client must not overlap.";
                }
            }
        }
        return null;
    }

    private static boolean overlap(ByteString a, ByteString b) {
        int n = Math.min(a.length(), b.length());
        return Arrays.equals(a.bytes(), 0, n, b.bytes(), 0, n);
    }
}
