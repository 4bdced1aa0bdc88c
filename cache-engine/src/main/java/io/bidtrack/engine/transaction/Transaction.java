package io.bidtrack.engine.transaction;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's MULTI/EXEC state: the queued commands, whether queueing failed (EXEC then answers
 * EXECABORT), and the WATCHed keys with whether one of them changed (EXEC then answers null).
 */
public final class Transaction {
    private final WatchRegistry registry;
    private List<CommandArgs> queued;
    private boolean queueingFailed;
    private boolean touched;
    private final List<Watched> watched = new ArrayList<>();
    private boolean executing;

    /** A watched key, and whether it held a live value when WATCH ran. */
    private record Watched(Database db, ByteString key, boolean existed) {
    }

    public Transaction(WatchRegistry registry) {
        this.registry = registry;
    }

    public boolean inMulti() {
        return queued != null;
    }

    /** Commands queued so far (CLIENT LIST multi). */
    public int queuedCount() {
        return queued == null ? -1 : queued.size();
    }

    public void begin() {
        queued = new ArrayList<>();
        queueingFailed = false;
    }

    public void queue(CommandArgs args) {
        queued.add(args.copyCommand());
    }

    /** A command could not be queued (unknown, wrong arity): EXEC will refuse the transaction. */
    public void queueingFailed() {
        queueingFailed = true;
    }

    public boolean hasQueueingFailed() {
        return queueingFailed;
    }

    /** The queued commands; ends the MULTI state. */
    public List<CommandArgs> takeQueued() {
        List<CommandArgs> commands = queued;
        queued = null;
        return commands;
    }

    /** Ends MULTI without running anything (DISCARD, or EXEC that aborts). */
    public void discard() {
        queued = null;
        queueingFailed = false;
    }

    public void watch(Database db, byte[] key) {
        ByteString k = ByteString.wrap(key);
        for (Watched w : watched) {
            if (w.db() == db && w.key().equals(k)) {
                return;
            }
        }
        watched.add(new Watched(db, k, db.find(key, 0, key.length) != null));
        registry.watch(this, db, k);
    }

    void touched() {
        touched = true;
    }

    /**
     * Whether EXEC must abort because a watched key changed: written since WATCH, or, holding a
     * value then, expired since (Redis counts expiry as a change too).
     */
    public boolean watchedKeyChanged() {
        if (touched) {
            return true;
        }
        for (Watched w : watched) {
            if (w.existed()) {
                KeyEntry now = w.db().find(w.key().bytes(), 0, w.key().length());
                if (now == null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** UNWATCH, and what EXEC and DISCARD do at their end. */
    public void unwatchAll() {
        for (Watched w : watched) {
            registry.unwatch(this, w.db(), w.key());
        }
        watched.clear();
        touched = false;
    }

    /** True while EXEC runs the queue: blocking commands then answer at once instead of waiting. */
    public boolean isExecuting() {
        return executing;
    }

    public void executing(boolean executing) {
        this.executing = executing;
    }
}
