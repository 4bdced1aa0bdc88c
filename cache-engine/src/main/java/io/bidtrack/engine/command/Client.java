package io.bidtrack.engine.command;

import io.bidtrack.engine.acl.User;
import io.bidtrack.engine.OutputBufferLimits;
import io.bidtrack.engine.transaction.Transaction;
import io.bidtrack.engine.blocking.Waiter;
import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.pubsub.Subscriber;
import io.bidtrack.engine.resp.ReplyWriter;
import io.bidtrack.engine.tracking.ClientTracking;
import io.bidtrack.engine.tracking.Tracker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The state of one client connection that commands see: its id and name, selected database,
 * protocol version (held by its {@link ReplyWriter}), pub/sub subscriptions and CLIENT TRACKING.
 */
public final class Client implements Subscriber, Tracker {
    private final long id;
    private final EngineState engine;
    private final ClientConnection connection;
    private final ReplyWriter reply;
    private final Set<ByteString> channels = new LinkedHashSet<>();
    private final Set<ByteString> patterns = new LinkedHashSet<>();
    private Database db;
    private int dbIndex;
    private byte[] name;
    private boolean closeAfterReply;
    /** Set while the client waits in a blocking command (BLPOP, ...); see io.bidtrack.engine.blocking. */
    private Waiter blocker;
    /** MULTI/EXEC and WATCH state. */
    private final Transaction transaction;
    private final long createdNanos = System.nanoTime();
    /** When the last command ended, and which it was (CLIENT LIST idle and cmd). */
    private long lastCommandNanos = createdNanos;
    private CommandSpec lastCommand;
    private boolean noEvict;
    /** CLIENT REPLY: OFF mutes until ON; SKIP mutes the next command only (see {@link #commandDone}). */
    private boolean replyOff;
    private boolean skipThis;
    private boolean skipNext;
    /** The ACL user; until AUTH, the default user (authenticated only if it needs no password). */
    private User user;
    private boolean authenticated;
    /** CLIENT TRACKING options; null while tracking is off. */
    private ClientTracking tracking;
    /** System.nanoTime() when queued output first reached the soft limit, or NOT_OVER. */
    private long softLimitSince = NOT_OVER;
    private static final long NOT_OVER = Long.MIN_VALUE;
    /**
     * Redis does not count a client's fixed 16 KB reply buffer towards its output limits, only what
     * overflows it; leaving the same amount out means a tiny limit still lets small replies through.
     */
    private static final long UNCOUNTED_OUTPUT_BYTES = 16 * 1024;

    public Client(long id, EngineState engine, ClientConnection connection, ReplyWriter reply) {
        this.id = id;
        this.engine = engine;
        this.connection = connection;
        this.reply = reply;
        this.db = engine.keyspace().database(0);
        this.transaction = new Transaction(engine.watches());
        loggedOut(engine.acl().defaultUser());
    }

    public User user() {
        return user;
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    /**
     * The dispatcher's whole ACL cost for the usual client: authenticated as a user allowed every
     * command, key and channel (two field reads, no allocation).
     */
    public boolean isUnrestricted() {
        return authenticated && user.unrestricted();
    }

    /** AUTH or HELLO AUTH succeeded. */
    public void authenticated(User user) {
        this.user = user;
        this.authenticated = true;
    }

    /**
     * Back to the default user, as a new connection (RESET), or because the user was deleted:
     * authenticated only if the default user needs no password.
     */
    public void loggedOut(User defaultUser) {
        this.user = defaultUser;
        this.authenticated = defaultUser.enabled() && defaultUser.nopass();
    }

    public Transaction transaction() {
        return transaction;
    }

    /** Bookkeeping after every command, as Redis' resetClient: advances CLIENT REPLY SKIP. */
    void commandDone() {
        skipThis = skipNext;
        skipNext = false;
        reply.muted(replyOff || skipThis);
    }

    void lastCommand(CommandSpec spec, long endNanos) {
        lastCommand = spec;
        lastCommandNanos = endNanos;
    }

    /** The last command run, or null before the first. */
    public CommandSpec lastCommand() {
        return lastCommand;
    }

    public long createdNanos() {
        return createdNanos;
    }

    public long lastCommandNanos() {
        return lastCommandNanos;
    }

    /** CLIENT REPLY ON|OFF|SKIP. SKIP is ignored while OFF, as in Redis. */
    public void replyMode(String mode) {
        switch (mode) {
            case "on" -> {
                replyOff = false;
                skipThis = false;
            }
            case "off" -> replyOff = true;
            default -> skipNext = !replyOff;
        }
        reply.muted(replyOff || skipThis);
    }

    public boolean isNoEvict() {
        return noEvict;
    }

    public void noEvict(boolean noEvict) {
        this.noEvict = noEvict;
    }

    /**
     * RESET: back to a fresh connection's state, keeping the id and the socket: no transaction or
     * WATCH, no subscriptions (dropped silently), database 0, RESP2, no name, replies on, and the
     * default user (so not authenticated if it has a password).
     */
    public void reset() {
        trackingOff();
        transaction.discard();
        transaction.unwatchAll();
        unsubscribeAll();
        select(0);
        reply.protocol(2);
        name = null;
        noEvict = false;
        replyOff = false;
        skipThis = false;
        skipNext = false;
        reply.muted(false);
        loggedOut(engine.acl().defaultUser());
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public ClientTracking tracking() {
        return tracking;
    }

    /** CLIENT TRACKING ON (or ON again with new options); see {@link io.bidtrack.engine.tracking.Tracking#enable}. */
    public void tracking(ClientTracking tracking) {
        this.tracking = tracking;
    }

    /** CLIENT TRACKING OFF, RESET, disconnect. */
    public void trackingOff() {
        if (tracking != null) {
            engine.tracking().disable(this, tracking);
            tracking = null;
        }
    }

    /** An invalidation was pushed to this client outside its own replies. */
    @Override
    public void pushed() {
        connection.flushSoon();
    }

    public EngineState engine() {
        return engine;
    }

    @Override
    public ReplyWriter reply() {
        return reply;
    }

    public Database db() {
        return db;
    }

    /** Index of the selected database (CLIENT LIST db). */
    public int dbIndex() {
        return dbIndex;
    }

    public void select(int index) {
        dbIndex = index;
        db = engine.keyspace().database(index);
    }

    /** The name set by CLIENT SETNAME or HELLO SETNAME, or null. */
    public byte[] name() {
        return name;
    }

    public void name(byte[] name) {
        this.name = name;
    }

    /** Makes the connection close once the replies written so far are sent (QUIT). */
    public void closeAfterReply() {
        closeAfterReply = true;
    }

    public boolean isClosing() {
        return closeAfterReply;
    }

    public ClientConnection connection() {
        return connection;
    }

    /** What the client is blocked by, or null. A blocked client runs no further commands. */
    public Waiter blocker() {
        return blocker;
    }

    public boolean isBlocked() {
        return blocker != null;
    }

    /**
     * Blocks the client ({@code blocker} non-null) or releases it (null); once released, its reply
     * is flushed and commands that arrived meanwhile run.
     */
    public void blockedBy(Waiter blocker) {
        boolean wasBlocked = this.blocker != null;
        this.blocker = blocker;
        if (wasBlocked && blocker == null) {
            connection.unblocked();
        }
    }

    /** Channels this client subscribed to, in subscription order; commands keep it in step with the hub. */
    public Set<ByteString> channels() {
        return channels;
    }

    public Set<ByteString> patterns() {
        return patterns;
    }

    public int subscriptionCount() {
        return channels.size() + patterns.size();
    }

    @Override
    public boolean isSubscribed() {
        return !channels.isEmpty() || !patterns.isEmpty();
    }

    @Override
    public void onMessage(ByteString channel, byte[] message) {
        reply.pushHeader(3);
        reply.bulk("message");
        reply.bulk(channel.bytes());
        reply.bulk(message);
        afterDelivery();
    }

    @Override
    public void onPatternMessage(ByteString pattern, ByteString channel, byte[] message) {
        reply.pushHeader(4);
        reply.bulk("pmessage");
        reply.bulk(pattern.bytes());
        reply.bulk(channel.bytes());
        reply.bulk(message);
        afterDelivery();
    }

    /** A subscriber that does not read its messages must not make the engine buffer them forever. */
    private void afterDelivery() {
        if (!enforceOutputBufferLimit()) {
            connection.flushSoon();
        }
    }

    /**
     * Applies client-output-buffer-limit to the output queued for this client (encoded and not yet
     * taken by the socket, less {@link #UNCOUNTED_OUTPUT_BYTES}), as Redis does after adding a reply: at or over the hard limit, or at or
     * over the soft limit for longer than the soft seconds, the client is closed and its pending
     * output dropped. Called after each command and delivery, and periodically, since a client whose
     * reading is paused by backpressure gets no new output that would trigger the check.
     *
     * @return whether the client was closed
     */
    public boolean enforceOutputBufferLimit() {
        OutputBufferLimits.Limit limit = engine.settings().outputBufferLimits.forClient(isSubscribed());
        if (limit.isUnlimited()) {
            softLimitSince = NOT_OVER;
            return false;
        }
        long queued = reply.pendingBytes() + connection.queuedOutputBytes() - UNCOUNTED_OUTPUT_BYTES;
        String exceeded = null;
        if (limit.hardBytes() > 0 && queued >= limit.hardBytes()) {
            exceeded = "hard limit of " + limit.hardBytes() + " bytes";
        } else if (limit.softBytes() > 0 && queued >= limit.softBytes()) {
            long now = System.nanoTime();
            if (softLimitSince == NOT_OVER) {
                softLimitSince = now;
            } else if (TimeUnit.NANOSECONDS.toMillis(now - softLimitSince) > limit.softMillis()) {
                exceeded = "soft limit of " + limit.softBytes() + " bytes for more than " + limit.softSeconds() + " s";
            }
        } else {
            softLimitSince = NOT_OVER;
        }
        if (exceeded == null) {
            return false;
        }
        String clientClass = isSubscribed() ? "pubsub" : "normal";
        engine.stats().outputBufferLimitDisconnection();
        unsubscribeAll();
        connection.closeNow("client-output-buffer-limit " + clientClass + " reached: " + queued + " bytes queued, "
                + exceeded);
        return true;
    }

    /** Drops every subscription (on disconnect). */
    public void unsubscribeAll() {
        for (ByteString channel : new ArrayList<>(channels)) {
            engine.pubsub().unsubscribe(this, channel);
        }
        for (ByteString pattern : new ArrayList<>(patterns)) {
            engine.pubsub().punsubscribe(this, pattern);
        }
        channels.clear();
        patterns.clear();
    }

    /** Channels as a list, for commands that iterate while unsubscribing. */
    public List<ByteString> channelList() {
        return new ArrayList<>(channels);
    }

    public List<ByteString> patternList() {
        return new ArrayList<>(patterns);
    }
}
